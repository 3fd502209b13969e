// Desk-wide settings: what the verdicts are called, how reports are signed.
import { z } from 'zod'
import { Name, OptionalUrl, ShortText } from './common'
import { claimStatuses, verdicts } from './claim'

export const VerdictLabels = z.strictObject(Object.fromEntries(verdicts.map((v) => [v, Name])) as {
  [K in (typeof verdicts)[number]]: typeof Name
})
export type VerdictLabels = z.infer<typeof VerdictLabels>

export const StatusLabels = z.strictObject(Object.fromEntries(claimStatuses.map((s) => [s, Name])) as {
  [K in (typeof claimStatuses)[number]]: typeof Name
})
export type StatusLabels = z.infer<typeof StatusLabels>

export const defaultVerdictLabels: VerdictLabels = {
  accurate: 'Accurate',
  mostly_accurate: 'Mostly accurate',
  needs_context: 'Needs context',
  misleading: 'Misleading',
  false: 'False',
  unverifiable: 'Unverifiable'
}

export const defaultStatusLabels: StatusLabels = {
  open: 'Open',
  in_progress: 'In progress',
  waiting: 'Waiting on source',
  done: 'Done'
}

export const Settings = z.strictObject({
  verdictLabels: VerdictLabels,
  statusLabels: StatusLabels,
  organisationName: ShortText,
  organisationUrl: OptionalUrl,
  factCheckBaseUrl: OptionalUrl,
  /** Hard rule: a claim may only be Done with evidence attached or a note on what it was checked against. */
  requireCheckedAgainst: z.boolean()
})
export type Settings = z.infer<typeof Settings>

export const defaultSettings: Settings = {
  verdictLabels: defaultVerdictLabels,
  statusLabels: defaultStatusLabels,
  organisationName: '',
  organisationUrl: '',
  factCheckBaseUrl: '',
  requireCheckedAgainst: false
}
