// Child process for the archive crash test: imports archives of earlier checks into a library, one after
// another, until it is killed, saying on stdout which imports were acknowledged ("ack <n>"). Import n is a
// CSV of as many checks as the test says, whose URLs carry n, so each import adds only checks of its own.
import path from 'node:path'
import { SentenceEmbedder } from '../embedder'
import { DeskMemory } from '../memory'
import { LibraryStore } from '../../store/library-store'

async function main(): Promise<void> {
  const [dir, perImport] = process.argv.slice(2) as [string, string]
  const store = await LibraryStore.open(dir, { lock: false })
  // The encoder is kept out: embedding is background work after an import, not part of it.
  const memory = new DeskMemory(
    () => store,
    path.resolve('resources'),
    new SentenceEmbedder({ workerFile: path.join(dir, 'no-embed-worker.js') })
  )
  const start = (await memory.archiveImports()).length + 1
  process.stdout.write('ready\n')
  for (let n = start; ; n++) {
    const rows = Array.from(
      { length: Number(perImport) },
      (_, i) =>
        `"The council spent ${i} thousand on harbour repairs in round ${n}",False,https://checks.example.org/${n}/${i}`
    )
    const bytes = new Uint8Array(Buffer.from(['Claim,Rating,URL', ...rows].join('\n')))
    await memory.importArchive(
      { fileName: `round-${n}.csv`, bytes, columns: { claim: 'Claim', verdict: 'Rating', url: 'URL' } },
      { id: `import-${n}`, importedAt: '2026-11-25T10:00:00.000Z', importedBy: 'ed' },
      // A line per step (the worker's reading and preparing, main's indexing), for the test to time its kill by.
      () => void process.stdout.write('step\n')
    )
    process.stdout.write(`ack ${n}\n`)
  }
}

void main()
