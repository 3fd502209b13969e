// Where one call's wall time went, for benchmarks on a loaded machine: the calling thread's own CPU time
// and the time it sat runnable waiting for a core (Linux's /proc/thread-self/schedstat, in nanoseconds),
// beside the wall time. What is left (wall - CPU - queued) is time spent waiting for something else: a
// worker's answer, the disk, a timer. process.cpuUsage() counts every thread of the process (the embedding
// and archive workers too), so it cannot tell main's work from a worker's.
import { readFileSync } from 'node:fs'
import os from 'node:os'
import { performance } from 'node:perf_hooks'

export interface Timing {
  /** Wall time, ms. */
  wall: number
  /** This thread's CPU time, ms (the whole process's when schedstat cannot be read). */
  cpu: number
  /** Time this thread was ready to run but waited for a core, ms (NaN when schedstat cannot be read). */
  queued: number
}

function schedstat(): { cpu: number; queued: number } | null {
  try {
    const [run = '', wait = ''] = readFileSync('/proc/thread-self/schedstat', 'utf8').trim().split(/\s+/)
    return { cpu: Number(run) / 1e6, queued: Number(wait) / 1e6 }
  } catch {
    return null
  }
}

/** Times one call (see Timing). */
export async function timeCall(work: () => unknown): Promise<Timing> {
  const before = schedstat()
  const usage = before ? null : process.cpuUsage()
  const t = performance.now()
  await work()
  const wall = performance.now() - t
  const after = schedstat()
  if (before && after) return { wall, cpu: after.cpu - before.cpu, queued: after.queued - before.queued }
  const used = process.cpuUsage(usage ?? undefined)
  return { wall, cpu: (used.user + used.system) / 1000, queued: Number.NaN }
}

/** The machine's load now, for a row's name: "load 3.1 / 4.2 (1 / 5 min, 2 cores)". */
export function loadNow(): string {
  const [one = 0, five = 0] = os.loadavg()
  return `load ${one.toFixed(1)} / ${five.toFixed(1)} (1 / 5 min, ${os.cpus().length} cores)`
}
