// Sentence segmentation: Factdesk's segmenter against Intl.Segmenter, sbd and wink-nlp on the
// corpus in src/shared/text/testing/segment-corpus.ts (Golden Rules and news copy), and its speed
// on a megabyte of news text. The other segmenters are devDependencies used only here.
import { readFile } from 'node:fs/promises'
import { performance } from 'node:perf_hooks'
import sbd from 'sbd'
import winkNLP from 'wink-nlp'
import model from 'wink-eng-lite-web-model'
import { canonicalText } from '../../src/shared/text/canonical'
import { sentenceAt, sentences } from '../../src/shared/text/segment'
import { scoreSegmenter, type Segmenter } from '../../src/shared/text/testing/score-segmenter'
import { percentile, row, type Bench, type BenchRow } from './types'

const factdesk: Segmenter = (text) => sentences(text).map((s) => text.slice(s.start, s.end))

function others(): Record<string, Segmenter> {
  const intl = new Intl.Segmenter('en', { granularity: 'sentence' })
  const nlp = winkNLP(model)
  return {
    'Intl.Segmenter': (text) => Array.from(intl.segment(text), (s) => s.segment),
    'sbd 1.0.19': (text) => sbd.sentences(text, { newline_boundaries: true, preserve_whitespace: true }),
    'wink-nlp 2.4.0 + wink-eng-lite-web-model': (text) => nlp.readDoc(text).sentences().out()
  }
}

const bench: Bench = {
  name: 'segmentation',
  async run(): Promise<BenchRow[]> {
    const rows: BenchRow[] = []
    const ours = scoreSegmenter(factdesk)
    const rivals = Object.entries(others()).map(([name, segment]) => ({ name, score: scoreSegmenter(segment) }))
    const best = Math.max(...rivals.map((r) => r.score.passed))
    const pct = (passed: number, total: number) => (100 * passed) / total
    const describe = (name: string, score: typeof ours, target?: { min: number }) => [
      row(
        `${name}: corpus cases split exactly right (${score.total} cases)`,
        pct(score.passed, score.total),
        '%',
        target
      ),
      row(
        `${name}: Golden Rules cases (${score.bySource['golden rules'].total})`,
        pct(score.bySource['golden rules'].passed, score.bySource['golden rules'].total),
        '%'
      ),
      row(
        `${name}: news copy cases (${score.bySource['news copy'].total})`,
        pct(score.bySource['news copy'].passed, score.bySource['news copy'].total),
        '%'
      )
    ]
    rows.push(...describe('Factdesk', ours, { min: Math.ceil(pct(best, ours.total)) }))
    for (const rival of rivals) rows.push(...describe(rival.name, rival.score))

    // Speed on about 1 MB of real news text: the sample story repeated, as canonical text.
    const sample = await readFile('resources/sample-story.txt', 'utf8')
    const text = canonicalText(Array.from({ length: Math.ceil(1_000_000 / sample.length) }, () => sample).join('\n\n'))
    const times: number[] = []
    let count = 0
    for (let i = 0; i < 6; i++) {
      const started = performance.now()
      count = sentences(text).length
      if (i > 0) times.push(performance.now() - started)
    }
    rows.push(
      row(
        `segment ${(text.length / 1e6).toFixed(1)} M chars of news text (${count.toLocaleString('en')} sentences) p95 warm`,
        percentile(times, 95),
        'ms',
        { max: 500 }
      )
    )
    const clicks: number[] = []
    for (let i = 0; i < 200; i++) {
      const started = performance.now()
      sentenceAt(text, Math.floor((i / 200) * text.length))
      clicks.push(performance.now() - started)
    }
    rows.push(row('sentenceAt (a margin click) in that text p95', percentile(clicks, 95), 'ms', { max: 5 }))
    return rows
  }
}

export default bench
