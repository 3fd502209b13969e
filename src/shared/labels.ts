// The words a reader sees for the model's enum values: one set, read by the screens and the reports.
// (Status and verdict names come from the desk's settings, which start from the model's defaults.)
import type { ClaimType, DeskState, Priority, Reliability, SourceKind, Stance } from './model'

export const claimTypeLabels: Record<ClaimType, string> = {
  statistic: 'Statistic',
  quote: 'Quote',
  attribution: 'Attribution',
  event: 'Event',
  comparison: 'Comparison',
  causal: 'Cause and effect',
  prediction: 'Prediction',
  absence: 'Absence or time-bound',
  other: 'Other'
}

export const deskStateLabels: Record<DeskState, string> = { draft: 'Draft', in_check: 'In check', cleared: 'Cleared' }

export const priorityLabels: Record<Priority, string> = { low: 'Low', normal: 'Normal', high: 'High' }

export const stanceLabels: Record<Stance, string> = {
  supports: 'Supports',
  contradicts: 'Contradicts',
  context: 'Context'
}

export const sourceKindLabels: Record<SourceKind, string> = {
  primary_document: 'Primary document',
  official_statement: 'Official statement',
  interview: 'Interview',
  news_report: 'News report',
  dataset: 'Dataset',
  expert: 'Expert',
  social_post: 'Social post',
  other: 'Other'
}

export const reliabilityLabels: Record<Reliability, string> = {
  unrated: 'Unrated',
  high: 'High',
  medium: 'Medium',
  low: 'Low'
}
