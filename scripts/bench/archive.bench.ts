// Importing an archive of earlier checks into a library's memory (issue 27: 10,000 checks in under 10 s):
// a CSV and a ClaimReview data feed of 10,000 checks, read in the archive worker, kept in archive.json and
// indexed, through DeskMemory as the channel does; then one lookup finding an imported check. The checks
// are the CLEF 2020 CheckThat! verified claims (Snopes) when ../shared/datasets is there, else generated
// sentences (said in the row's name). Beside each: reading in the worker alone, the simplest part.
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import Papa from 'papaparse'
import { ArchiveReader } from '../../src/main/memory/archive/reader'
import { SentenceEmbedder } from '../../src/main/memory/embedder'
import { DeskMemory } from '../../src/main/memory/memory'
import { LibraryStore } from '../../src/main/store/library-store'
import { claimMatchingMissing, readVerifiedClaims } from '../claim-matching-data'
import { loadNow, timeCall } from './thread-time'
import { row, type Bench, type BenchRow } from './types'

const COUNT = 10_000

function checks(): { claims: { claim: string; title: string }[]; from: string } {
  const missing = claimMatchingMissing()
  if (!missing) return { claims: readVerifiedClaims().slice(0, COUNT), from: 'CLEF 2020 verified claims' }
  console.error(`archive bench: the CLEF claim-matching data is missing (${missing}); generated claims are used`)
  const words = 'council mayor river budget school rent bus tax hospital bridge harbour police'.split(' ')
  return {
    claims: Array.from({ length: COUNT }, (_, i) => ({
      claim: `The ${words[i % words.length]} spent ${i} thousand on ${words[(i * 7) % words.length]} repairs in ${1990 + (i % 30)}`,
      title: `Check ${i}`
    })),
    from: 'GENERATED claims (data set missing)'
  }
}

const bench: Bench = {
  name: 'memory-archive',
  async run() {
    const rows: BenchRow[] = []
    const { claims, from } = checks()
    const csv = Papa.unparse({
      fields: ['claim', 'rating', 'date', 'url', 'headline'],
      data: claims.map((c, i) => [
        c.claim,
        i % 3 ? 'False' : 'Mostly true',
        '2020-01-15',
        `https://checks.example.org/${i}`,
        c.title
      ])
    })
    const feed = JSON.stringify({
      '@context': 'https://schema.org',
      '@type': 'DataFeed',
      dataFeedElement: claims.map((c, i) => ({
        '@type': 'DataFeedItem',
        item: [
          {
            '@type': 'ClaimReview',
            claimReviewed: c.claim,
            url: `https://feed.example.org/${i}`,
            name: c.title,
            datePublished: '2020-01-15',
            author: { '@type': 'Organization', name: 'Snopes' },
            reviewRating: { '@type': 'Rating', alternateName: 'False' }
          }
        ]
      }))
    })
    const files = [
      {
        fileName: 'archive.csv',
        text: csv,
        columns: { claim: 'claim', verdict: 'rating', date: 'date', url: 'url', headline: 'headline' }
      },
      { fileName: 'feed.json', text: feed, columns: undefined }
    ]
    for (const f of files) {
      const bytes = new Uint8Array(Buffer.from(f.text))
      const reader = new ArchiveReader()
      const t0 = performance.now()
      await reader.read({ fileName: f.fileName, bytes, columns: f.columns }, () => undefined)
      const readOnly = performance.now() - t0

      const dir = await mkdtemp(path.join(os.tmpdir(), 'factdesk-archive-bench-'))
      try {
        const store = await LibraryStore.open(dir)
        // The encoder is kept out: embedding the checks is background work after the import, not part of it.
        const memory = new DeskMemory(
          () => store,
          path.resolve('resources'),
          new SentenceEmbedder({ workerFile: path.join(dir, 'no-embed-worker.js') })
        )
        await memory.lookup('warm up')
        let updates = 0
        const cpu = process.cpuUsage()
        let result = { added: 0 }
        const main = await timeCall(async () => {
          result = await memory.importArchive(
            { fileName: f.fileName, bytes, columns: f.columns },
            { id: 'bench', importedAt: new Date().toISOString(), importedBy: 'bench' },
            () => void updates++
          )
        })
        const wall = main.wall
        const used = process.cpuUsage(cpu)
        const probe = claims[4321]?.claim ?? ''
        const t2 = performance.now()
        const found = await memory.lookup(probe)
        const lookup = performance.now() - t2
        const label = `${f.fileName === 'archive.csv' ? 'CSV' : 'ClaimReview feed'} of ${result.added} checks (${from})`
        const allThreads = (used.user + used.system) / 1000
        rows.push(
          row(`archive import: ${label}, read + kept + indexed, wall (${loadNow()})`, wall, 'ms', { max: 10_000 })
        )
        rows.push(
          row(
            `  CPU time of that import, every thread (main, the archive worker, GC): about the wall time on a quiet machine, the stages running one after another`,
            allThreads,
            'ms',
            { max: 10_000 }
          )
        )
        rows.push(row(`  main thread's CPU time (saving archive.json, indexing)`, main.cpu, 'ms'))
        rows.push(row(`  main ready but queued for a core (the machine's load)`, main.queued, 'ms'))
        rows.push(
          row(
            `  main waiting on the archive worker or the disk (the worker's ${Math.round(allThreads - main.cpu)} ms CPU and its own queueing)`,
            main.wall - main.cpu - main.queued,
            'ms'
          )
        )
        rows.push(row(`  reading and preparing the checks in the archive worker alone`, readOnly, 'ms'))
        rows.push(row(`  progress updates sent to the window`, updates, ''))
        rows.push(row(`  then one lookup of an imported claim's words (text ranking)`, lookup, 'ms'))
        rows.push(row(`  that claim found first`, found[0]?.quote === probe ? 1 : 0, '', { min: 1 }))
        await memory.close()
        await store.close()
      } finally {
        await rm(dir, { recursive: true, force: true })
      }
    }
    return rows
  }
}

export default bench
