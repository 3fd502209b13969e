// One figure a benchmark reports: what it measured, how it did against its target.
export interface BenchRow {
  name: string
  value: number
  unit: string
  /** Human-readable target such as "<= 15"; empty when the row is informational. */
  target: string
  meets: boolean | null
}

export interface Bench {
  name: string
  run(): Promise<BenchRow[]>
}

export const row = (name: string, value: number, unit: string, target?: { max?: number; min?: number }): BenchRow => {
  if (!target) return { name, value: round(value), unit, target: '', meets: null }
  const meets = (target.max === undefined || value <= target.max) && (target.min === undefined || value >= target.min)
  const text = [target.min !== undefined ? `>= ${target.min}` : '', target.max !== undefined ? `<= ${target.max}` : '']
    .filter(Boolean)
    .join(' and ')
  return { name, value: round(value), unit, target: text, meets }
}

export const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b)
  if (sorted.length === 0) return Number.NaN
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[index] as number
}

const round = (value: number): number => Math.round(value * 1000) / 1000
