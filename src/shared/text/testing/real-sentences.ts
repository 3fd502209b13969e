// Real sentences for the anchoring corpus, from files the caller reads: news articles (plain text,
// cut into sentences by Factdesk's own segmenter) and the CheckThat! check-worthiness sentences
// (a TSV of real political statements: Sentence_id, Text, class_label).
import { canonicalText } from '../canonical'
import { sentences } from '../segment'

export function articleSentences(article: string): string[] {
  const text = canonicalText(article)
  return sentences(text).map((s) => text.slice(s.start, s.end))
}

export function checkworthySentences(tsv: string): string[] {
  return tsv
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t')[1] ?? '')
    .map((text) =>
      text
        .trim()
        .replace(/^"(.*)"$/, '$1')
        .replace(/""/g, '"')
    )
    .filter((text) => /[.!?]["”’]?$/.test(text))
}
