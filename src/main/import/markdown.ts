// Strips Markdown to plain paragraphs with a small line-based reader, keeping every word of prose.
//
// A full CommonMark parser would be exact, but an editor's .md file is prose with headings,
// lists, emphasis and links; these regexes cover that without another dependency, and anything
// they do not understand stays in the text as written rather than being lost.
import type { FoundMeta } from './story-meta'

const FENCE = /^\s{0,3}(`{3,}|~{3,})/
const HEADING = /^\s{0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$/
const SETEXT = /^\s{0,3}(=+|-+)\s*$/
const RULE = /^\s{0,3}([-*_])(?:\s*\1){2,}\s*$/
const LIST_ITEM = /^\s*(?:[-*+]|\d{1,9}[.)])\s+(?:\[[ xX]\]\s+)?(.*)$/
const QUOTE = /^\s{0,3}>\s?/
const TABLE_RULE = /^(?=.*\|)(?=.*-)[\s|:-]+$/
const NEVER_TEXT = /<(script|style|noscript|template)\b[\s\S]*?<\/\1\s*>|<!--[\s\S]*?-->/gi
const REFERENCE = /^\s{0,3}\[[^\]]+\]:\s*\S+.*$/

/** Markdown text to paragraphs joined by blank lines, and the front matter's metadata if any. */
export function stripMarkdown(source: string): { text: string; meta: FoundMeta } {
  const { body, meta } = frontMatter(source.replace(/\r\n?/g, '\n'))
  // Raw HTML that is never text goes before the line reader sees it, since it may span lines;
  // the price is that a code block quoting a <script> element loses it.
  const lines = body.replace(NEVER_TEXT, '').split('\n')
  const blocks: string[] = []
  let paragraph: string[] = []
  const flush = (): void => {
    if (paragraph.length) blocks.push(paragraph.map(inline).join('\n'))
    paragraph = []
  }
  let depth = 0
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i] ?? ''
    let quotes = 0
    while (QUOTE.test(line)) {
      line = line.replace(QUOTE, '')
      quotes++
    }
    // Entering or leaving a quotation ends the paragraph, so a quote never merges with prose.
    if (quotes !== depth) flush()
    depth = quotes
    const fence = FENCE.exec(line)
    if (fence) {
      flush()
      const code: string[] = []
      while (++i < lines.length && !(lines[i] ?? '').trimStart().startsWith(fence[1] ?? '```'))
        code.push(lines[i] ?? '')
      // Code is kept verbatim: a quoted snippet may be the very thing a claim is about.
      blocks.push(code.join('\n'))
      continue
    }
    if (!line.trim() || REFERENCE.test(line)) flush()
    else if (HEADING.test(line)) {
      flush()
      blocks.push(inline(HEADING.exec(line)?.[2] ?? ''))
    } else if (paragraph.length && SETEXT.test(line)) flush()
    else if (RULE.test(line) || TABLE_RULE.test(line)) flush()
    else if (LIST_ITEM.test(line)) {
      flush()
      paragraph.push(LIST_ITEM.exec(line)?.[1] ?? '')
    } else if (/^\s*\|.*\|\s*$/.test(line)) {
      flush()
      blocks.push(
        inline(
          line
            .trim()
            .replace(/^\||\|$/g, '')
            .split('|')
            .map((cell) => cell.trim())
            .join(' | ')
        )
      )
    } else paragraph.push(line.trim())
  }
  flush()
  return { text: blocks.join('\n\n'), meta }
}

/** Inline syntax: images go, links keep their words, emphasis and code marks go, escapes resolve. */
export function inline(text: string): string {
  // Escaped characters are parked in the private-use area so no rule below mistakes them for syntax.
  return (
    text
      .replace(/\\([\\`*_{}[\]()#+\-.!|>~])/g, (_, c: string) => String.fromCharCode(0xe000 + c.charCodeAt(0)))
      .replace(/!\[[^\]]*\]\([^)]*\)|!\[[^\]]*\]\[[^\]]*\]/g, '')
      .replace(/\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)/g, '$1')
      .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1')
      .replace(/<((?:https?|mailto):[^>\s]+)>/gi, '$1')
      .replace(/<\/?[A-Za-z][^>]*>/g, '')
      .replace(/(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/g, (_, _ticks: string, code: string) => code.trim())
      .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2')
      .replace(/(^|[^\w*])\*(?=\S)([^*]*?\S)\*(?![\w*])/g, '$1$2')
      // Single underscores only at word edges, so snake_case_names survive.
      .replace(/(^|[^\w])_(?=\S)([^_]*?\S)_(?!\w)/g, '$1$2')
      .replace(/~~(?=\S)([\s\S]*?\S)~~/g, '$1')
      .replace(/ {2,}$/gm, '')
      .replace(/[\ue000-\ue07f]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xe000))
  )
}

const FRONT_MATTER = /^---\n([\s\S]*?)\n(?:---|\.\.\.)\s*(?:\n|$)/
const FRONT_KEYS: Record<string, keyof FoundMeta> = {
  title: 'title',
  headline: 'title',
  author: 'byline',
  byline: 'byline',
  authors: 'byline',
  date: 'publishedAt',
  published: 'publishedAt',
  publishedat: 'publishedAt',
  outlet: 'outlet',
  publication: 'outlet',
  publisher: 'outlet',
  url: 'url',
  canonical: 'url',
  link: 'url',
  lang: 'language',
  language: 'language'
}

/** YAML front matter as written by static-site generators: only flat `key: value` lines are read. */
function frontMatter(source: string): { body: string; meta: FoundMeta } {
  const match = FRONT_MATTER.exec(source)
  if (!match) return { body: source, meta: {} }
  const meta: FoundMeta = {}
  for (const line of (match[1] ?? '').split('\n')) {
    const pair = /^([A-Za-z_]+)\s*:\s*(.+)$/.exec(line)
    const key = pair && FRONT_KEYS[(pair[1] ?? '').toLowerCase()]
    if (key && !meta[key]) meta[key] = (pair[2] ?? '').trim().replace(/^(["'])(.*)\1$/, '$2')
  }
  return { body: source.slice(match[0].length), meta }
}
