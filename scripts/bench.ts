// `npm run bench`: runs every benchmark module, prints one table, writes bench-results.json.
// `npm run bench -- desk memory*`: only the benchmark called desk, and those whose names start with memory.
import { writeFileSync } from 'node:fs'
import os from 'node:os'
import { readdir } from 'node:fs/promises'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { selectBenches } from './bench/select'
import type { Bench, BenchRow } from './bench/types'

const dir = path.resolve('scripts/bench')
const only = process.argv.slice(2)

async function main(): Promise<void> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.bench.ts')).sort()
  const benches: Bench[] = []
  for (const file of files)
    benches.push(((await import(pathToFileURL(path.join(dir, file)).href)) as { default: Bench }).default)
  // Chosen before anything runs: a name that matches none is refused at once (see select.ts for the syntax).
  const chosen = new Set(
    selectBenches(
      benches.map((b) => b.name),
      only
    )
  )
  const rows: (BenchRow & { bench: string })[] = []
  // The machine's load beside the figures: a figure taken at load 20 on two cores is not one taken at rest.
  const load = (when: string): void => {
    const [one, five] = os.loadavg()
    rows.push({
      bench: 'machine',
      name: `load average ${when} (1 / 5 min, ${os.cpus().length} cores)`,
      value: Number(one?.toFixed(2)),
      unit: `/ ${five?.toFixed(2)}`,
      target: '',
      meets: null
    })
  }
  load('at start')
  for (const bench of benches) {
    if (!chosen.has(bench.name)) continue
    process.stderr.write(`running ${bench.name}...\n`)
    for (const r of await bench.run()) rows.push({ bench: bench.name, ...r })
  }

  load('at end')
  const table = rows.map((r) => ({
    bench: r.bench,
    figure: r.name,
    value: `${r.value} ${r.unit}`,
    target: r.target || '-',
    meets: r.meets === null ? '-' : r.meets ? 'yes' : 'NO'
  }))
  console.table(table)
  writeFileSync('bench-results.json', JSON.stringify(rows, null, 2) + '\n')
  console.log(`wrote bench-results.json (${rows.length} figures)`)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
