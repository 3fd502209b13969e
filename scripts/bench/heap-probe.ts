// Run by the store bench in a fresh process (node --expose-gc --import tsx heap-probe.ts <library>):
// opens the library with only the core in the process, opens every story once, and prints the heap
// after GC before opening and after, in MB, as one JSON line.
import { openTestCore } from '../../src/main/testing/test-core'
import { benchIdentity } from '../../src/main/testing/library-fixture'

const MB = 1024 * 1024

function heapAfterGc(): number {
  const gc = (globalThis as { gc?: () => void }).gc
  if (!gc) throw new Error('Run with --expose-gc.')
  gc()
  gc()
  return process.memoryUsage().heapUsed / MB
}

async function main(dir: string): Promise<void> {
  const before = heapAfterGc()
  const t = await openTestCore({ libraryDir: dir, checkOutput: false, identity: benchIdentity })
  const { total } = await t.call('library.search', {
    query: '',
    deskState: 'all',
    assignee: 'all',
    desk: 'all',
    sort: 'updated',
    offset: 0,
    limit: 1
  })
  for (let s = 0; s < total; s++) await t.call('stories.get', { id: `story${s}` })
  const after = heapAfterGc()
  await t.core.close()
  console.log(JSON.stringify({ before, after }))
}

void main(process.argv[2] as string)
