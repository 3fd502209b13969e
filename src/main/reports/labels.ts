// Words a reader sees for the model's enum values and dates, shared by the human-readable formats.
import type { ReportReview } from './model'

export { claimTypeLabels, deskStateLabels, sourceKindLabels, stanceLabels } from '../../shared/labels'

const months = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December'
]

/**
 * "25 November 2026, 10:00 UTC". Always UTC and never the machine's locale, so the same library
 * gives the same report on every desk's computer.
 */
export function formatDateTime(iso: string): string {
  const d = new Date(iso)
  if (!iso || Number.isNaN(d.getTime())) return ''
  const hh = String(d.getUTCHours()).padStart(2, '0')
  const mm = String(d.getUTCMinutes()).padStart(2, '0')
  return `${formatDate(iso)}, ${hh}:${mm} UTC`
}

export function formatDate(iso: string): string {
  const d = new Date(iso)
  if (!iso || Number.isNaN(d.getTime())) return ''
  return `${d.getUTCDate()} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()}`
}

/** One second review in words, the same in every text format: "Ben Okafor dissents (high confidence): why". */
export function describeReview(r: ReportReview): string {
  const stance = r.stance === 'agree' ? 'agrees' : 'dissents'
  const on = r.current ? '' : `, on the earlier verdict “${r.verdictLabel}”`
  return `${r.by} ${stance} (${r.confidence} confidence${on})${r.note ? `: ${r.note}` : ''}`
}
