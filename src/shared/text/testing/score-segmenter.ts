// Scores a sentence segmenter on the corpus: a case passes when every sentence comes out exactly
// as expected (compared with surrounding space trimmed), no more and no fewer.
import { segmentCorpus, type SegmentCase } from './segment-corpus'

export type Segmenter = (text: string) => string[]

export interface SegmenterScore {
  passed: number
  total: number
  bySource: Record<SegmentCase['source'], { passed: number; total: number }>
  failures: { case: SegmentCase; got: string[] }[]
}

export function scoreSegmenter(segment: Segmenter, cases: SegmentCase[] = segmentCorpus): SegmenterScore {
  const score: SegmenterScore = {
    passed: 0,
    total: 0,
    bySource: { 'golden rules': { passed: 0, total: 0 }, 'news copy': { passed: 0, total: 0 } },
    failures: []
  }
  for (const c of cases) {
    const got = segment(c.text)
      .map((s) => s.trim())
      .filter(Boolean)
    const pass = got.length === c.expected.length && got.every((s, i) => s === c.expected[i])
    score.total++
    score.bySource[c.source].total++
    if (pass) {
      score.passed++
      score.bySource[c.source].passed++
    } else score.failures.push({ case: c, got })
  }
  return score
}
