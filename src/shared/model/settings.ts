// Desk-wide settings: the desk's verdicts and statuses, how reports are signed.
import { z } from 'zod'
import { LongText, OptionalUrl, ShortText } from './common'
import { StatusEdit, StatusScale, VerdictEdit, VerdictScale } from './scales'
import { defaultShortcutSettings, remappableShortcuts, type RemappableShortcut } from './values'

export {
  defaultSettings,
  defaultShortcutSettings,
  emptyTransparency,
  remappableShortcuts,
  type RemappableShortcut
} from './values'

const ShortcutKey = z
  .string()
  .regex(
    /^[a-z/?.,;'[\]=`\\-]$/,
    'A shortcut is one lower-case letter or punctuation key (digits are taken by status and verdict).'
  )

export const ShortcutSettings = z
  .strictObject({
    /** Off: no single-key shortcut fires at all (WCAG 2.1.4); keys with Ctrl/Cmd still work. */
    singleKeys: z.boolean(),
    keys: z.strictObject(
      Object.fromEntries(remappableShortcuts.map((a) => [a, ShortcutKey])) as {
        [K in RemappableShortcut]: typeof ShortcutKey
      }
    )
  })
  .refine((s) => new Set(Object.values(s.keys)).size === remappableShortcuts.length, {
    message: 'Each shortcut needs a key of its own.',
    path: ['keys']
  })
export type ShortcutSettings = z.infer<typeof ShortcutSettings>

/**
 * What the IFCN's code of principles asks a signatory to publish, printed in every HTML and PDF report:
 * how the desk checks, where its corrections policy is, how to reach it, who funds it.
 */
export const Transparency = z.strictObject({
  methodology: LongText,
  correctionsPolicyUrl: OptionalUrl,
  contact: ShortText,
  funding: LongText
})
export type Transparency = z.infer<typeof Transparency>

export const Settings = z.strictObject({
  /** The verdict scale in the desk's order (shared/rules/scales.ts reads it). */
  verdicts: VerdictScale,
  /** The statuses in the desk's order, each in a workflow stage. */
  statuses: StatusScale,
  organisationName: ShortText,
  organisationUrl: OptionalUrl,
  /** The organisation's logo for ClaimReview's author (Google recommends one). */
  organisationLogoUrl: OptionalUrl,
  factCheckBaseUrl: OptionalUrl,
  transparency: Transparency,
  /** Hard rule: a claim may only be Done with evidence attached or a note on what it was checked against. */
  requireCheckedAgainst: z.boolean(),
  /** Hard rule: a claim may only be Done once another editor than the verdict's giver agreed with it. */
  requireSecondReview: z.boolean(),
  shortcuts: ShortcutSettings.default(defaultShortcutSettings)
})
export type Settings = z.infer<typeof Settings>

/**
 * A change to some settings. Built without the defaults: with zod 4 a `.default()` still fills an absent key
 * inside `.partial()`, so `Settings.partial()` turned `{ organisationName }` into a patch that also reset the
 * editor's shortcuts.
 */
export const SettingsPatch = Settings.extend({
  shortcuts: ShortcutSettings,
  /** The scales as the settings screen edits them: main keeps ids and former names (rules/scales.ts). */
  verdicts: z.array(VerdictEdit).min(1).max(40),
  statuses: z.array(StatusEdit).min(4).max(40)
}).partial()
export type SettingsPatch = z.infer<typeof SettingsPatch>
