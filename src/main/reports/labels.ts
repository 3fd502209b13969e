// Words a reader sees for the model's enum values and dates, shared by the human-readable formats.
import type { Verdict } from '../../shared/model'
import type { ReportReview } from './model'

export { claimTypeLabels, deskStateLabels, sourceKindLabels, stanceLabels } from '../../shared/labels'

/** What the summary calls a verdict key: a verdict's desk name, or one of the two that are not verdicts. */
export const verdictKeyLabel = (labels: Record<Verdict, string>, key: Verdict | 'recheck' | 'none'): string =>
  key === 'none' ? 'No verdict yet' : key === 'recheck' ? 'Needs re-check' : labels[key]

/** Colours for the summary bar, from accurate (green) to false (red); grey for no verdict yet. */
export const verdictColours: Record<Verdict | 'recheck' | 'none', string> = {
  recheck: '#8250df',
  accurate: '#1a7f37',
  mostly_accurate: '#6aa84f',
  needs_context: '#d4a017',
  misleading: '#e07b24',
  false: '#c62828',
  unverifiable: '#6b7b8c',
  none: '#d0d5db'
}

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
