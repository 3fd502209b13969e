// Where the shared data sets are: the nearest `shared/datasets/<name>` beside the repository or one of its
// parents (../shared from the main checkout, ../../shared from a worktree), or $FACTDESK_DATASETS/<name>.
// Only scripts and benchmarks read them; tests never do.
import { existsSync } from 'node:fs'
import path from 'node:path'

export function datasetPath(name: string): string {
  if (process.env.FACTDESK_DATASETS) return path.join(process.env.FACTDESK_DATASETS, name)
  const repo = path.resolve(__dirname, '..')
  for (let dir = path.dirname(repo); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'shared', 'datasets', name)
    if (existsSync(candidate)) return candidate
    if (path.dirname(dir) === dir) return path.join(path.dirname(repo), 'shared', 'datasets', name)
  }
}
