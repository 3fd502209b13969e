// Reads the CLEF 2020 CheckThat! task 2 English claim-retrieval data (see ../shared/datasets/claim-matching):
// the 10,375 verified claims (Snopes fact-checks: the claim and the headline), and per split the tweets and
// which verified claim each one repeats. Only scripts and benchmarks read it; tests never do.
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import MiniSearch from 'minisearch'
import { eng } from 'stopword'
import { datasetPath } from './datasets'

export const claimMatchingDir = datasetPath('claim-matching')

export interface VerifiedClaim {
  id: string
  claim: string
  title: string
}

export interface Query {
  id: string
  text: string
  /** Ids of the verified claims it repeats (nearly always one). */
  relevant: string[]
}

/** Why the data cannot be read, or null when it is there. */
export function claimMatchingMissing(dir = claimMatchingDir): string | null {
  for (const file of ['verified_claims.docs.tsv', 'train/tweets.queries.tsv', 'dev/tweets.queries.tsv'])
    if (!existsSync(path.join(dir, file))) return `${path.join(dir, file)} is missing`
  return null
}

/** The pool of verified claims. Some claims span lines: a record starts at a line that starts with an id and a tab. */
export function readVerifiedClaims(dir = claimMatchingDir): VerifiedClaim[] {
  const raw = readFileSync(path.join(dir, 'verified_claims.docs.tsv'), 'utf8')
  const records = raw.split(/\r?\n(?=\d+\t)/).slice(1)
  return records
    .map((record) => {
      const [id = '', claim = '', title = ''] = record.replace(/\r?\n/g, ' ').split('\t')
      return { id: id.trim(), claim: unquote(claim.trim()), title: unquote(title.trim()) }
    })
    .filter((c) => c.id !== '')
}

/** The tweets of a split with the verified claims each repeats. */
export function readQueries(split: 'train' | 'dev', dir = claimMatchingDir): Query[] {
  const tweets = readFileSync(path.join(dir, split, 'tweets.queries.tsv'), 'utf8')
    .split(/\r?\n/)
    .slice(1)
  const relevant = new Map<string, string[]>()
  for (const line of readFileSync(path.join(dir, split, 'tweet-vclaim-pairs.qrels'), 'utf8').split(/\r?\n/)) {
    const [tweet, , claim, rel] = line.trim().split(/\s+/)
    if (!tweet || !claim || rel !== '1') continue
    relevant.set(tweet, [...(relevant.get(tweet) ?? []), claim])
  }
  const out: Query[] = []
  for (const line of tweets) {
    const tab = line.indexOf('\t')
    if (tab < 0) continue
    const id = line.slice(0, tab).trim()
    const rel = relevant.get(id)
    if (rel) out.push({ id, text: unquote(line.slice(tab + 1).trim()), relevant: rel })
  }
  return out
}

const unquote = (text: string): string =>
  text.length >= 2 && text.startsWith('"') && text.endsWith('"') ? text.slice(1, -1).replace(/""/g, '"') : text

export interface RetrievalScores {
  map1: number
  map5: number
  recall5: number
  queries: number
}

/** MAP@1, MAP@5 and recall@5 of a ranking (ids best first) per query, as the lab scores them. */
export function scoreRetrieval(queries: Query[], rank: (q: Query) => string[]): RetrievalScores {
  let map1 = 0
  let map5 = 0
  let recall5 = 0
  for (const q of queries) {
    const ranked = rank(q)
    const relevant = new Set(q.relevant)
    map1 += averagePrecision(ranked, relevant, 1)
    map5 += averagePrecision(ranked, relevant, 5)
    recall5 += ranked.slice(0, 5).filter((id) => relevant.has(id)).length / relevant.size
  }
  const n = queries.length || 1
  return { map1: map1 / n, map5: map5 / n, recall5: recall5 / n, queries: queries.length }
}

/** Average precision at k: the mean over relevant claims of the precision at each one found in the top k. */
function averagePrecision(ranked: string[], relevant: Set<string>, k: number): number {
  let hits = 0
  let sum = 0
  ranked.slice(0, k).forEach((id, i) => {
    if (relevant.has(id)) {
      hits++
      sum += hits / (i + 1)
    }
  })
  return sum / Math.min(relevant.size, k)
}

/**
 * The baseline every figure is printed beside: plain Okapi BM25 (k1 1.2, b 0.75), lowercase words without
 * English stop words, over title + claim, as the data's README defines it. Returns a ranking function.
 */
export function plainBm25(claims: VerifiedClaim[]): (text: string, limit?: number) => string[] {
  const stop = new Set<string>(eng)
  const tokenize = (text: string): string[] =>
    (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => !stop.has(w))
  const search = new MiniSearch<{ id: string; text: string }>({
    fields: ['text'],
    storeFields: [],
    tokenize,
    processTerm: (t) => t,
    searchOptions: { combineWith: 'OR', bm25: { k: 1.2, b: 0.75, d: 0 } }
  })
  search.addAll(claims.map((c) => ({ id: c.id, text: `${c.title} ${c.claim}` })))
  return (text, limit = 5) =>
    search
      .search(tokenize(text).join(' '))
      // MiniSearch multiplies a result's BM25 sum by the number of query terms it matched: undone here.
      .map((r) => ({ id: r.id as string, score: r.score / (r.queryTerms.length || 1) }))
      .sort((a, b) => b.score - a.score)
      .slice(0, limit)
      .map((r) => r.id)
}
