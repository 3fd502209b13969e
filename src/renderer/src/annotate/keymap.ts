// The desk's keyboard shortcuts: one table read by the key handler and by the shortcuts sheet.
import { defaultSettings, defaultShortcutSettings } from '../../../shared/model/values'
import type { ClaimStatus, Settings, ShortcutSettings } from '../../../shared/model'
import { statusChoices, verdictChoices } from '../../../shared/rules/scales'

/** Digits 1-9 pick the desk's statuses in use in its order; Shift with them, its verdicts. */
type Scales = Pick<Settings, 'verdicts' | 'statuses'>
const digitIds = (entries: readonly { id: string }[]): string[] => entries.slice(0, 9).map((e) => e.id)

export type KeyAction =
  | { kind: 'next' }
  | { kind: 'previous' }
  | { kind: 'open' }
  | { kind: 'close' }
  | { kind: 'search' }
  | { kind: 'mark' }
  | { kind: 'help' }
  | { kind: 'delete' }
  | { kind: 'status'; status: ClaimStatus }
  | { kind: 'verdict'; verdict: string | null }

export interface KeyLike {
  key: string
  code: string
  shiftKey: boolean
  ctrlKey: boolean
  metaKey: boolean
  altKey: boolean
}

/** Digits by physical key, so Shift+1 is read as "1" on every keyboard layout. */
const digitOf = (code: string): number | null => (/^(Digit|Numpad)[0-9]$/.test(code) ? Number(code.slice(-1)) : null)

/** Keys that do something on their own, without Ctrl, Cmd or Alt; these can be turned off. */
export const isSingleKey = (e: KeyLike): boolean => !e.altKey && !e.ctrlKey && !e.metaKey && e.key !== 'Escape'

export function actionFor(
  e: KeyLike,
  shortcuts: ShortcutSettings = defaultShortcutSettings,
  scales: Scales = defaultSettings
): KeyAction | null {
  if (e.altKey) return null
  const mod = e.ctrlKey || e.metaKey
  if (mod) return null // Ctrl/Cmd+Z and Shift+Ctrl/Cmd+Z belong to the undo history (app/undo.tsx)
  if (e.key === 'Escape') return { kind: 'close' }
  if (!shortcuts.singleKeys) return null
  const { keys } = shortcuts
  if (e.key === keys.next) return { kind: 'next' }
  if (e.key === keys.previous) return { kind: 'previous' }
  if (e.key === keys.search) return { kind: 'search' }
  if (e.key === keys.mark) return { kind: 'mark' }
  if (e.key === keys.help) return { kind: 'help' }
  const digit = digitOf(e.code)
  if (digit !== null) {
    if (e.shiftKey) {
      if (digit === 0) return { kind: 'verdict', verdict: null }
      const verdict = digitIds(verdictChoices(scales))[digit - 1]
      return verdict ? { kind: 'verdict', verdict } : null
    }
    const status = digitIds(statusChoices(scales))[digit - 1]
    return status ? { kind: 'status', status } : null
  }
  switch (e.key) {
    case 'ArrowDown':
      return { kind: 'next' }
    case 'ArrowUp':
      return { kind: 'previous' }
    case 'Enter':
      return { kind: 'open' }
    case 'Delete':
      return { kind: 'delete' }
    default:
      return null
  }
}

/** Keys that scroll, press or mark where the focus is: the story text keeps these for itself. */
const TEXT_KEYS = new Set(['ArrowDown', 'ArrowUp', 'ArrowLeft', 'ArrowRight', 'Enter', ' ', 'Delete', 'Backspace'])

/**
 * Where single-key shortcuts may fire: on the page itself or on an element that asks for them
 * (the claim panel's heading once a claim opens). Never in a field, button, list, scroller, menu
 * or dialog, whose keys are their own (Enter and Space press buttons, arrows scroll and move).
 * The story text (`data-single-keys="text"`), which a click or a mouse selection focuses, takes
 * the letter and digit shortcuts (M marks what the mouse selected) but keeps `TEXT_KEYS`: arrows
 * scroll it, Enter marks under the sentence cursor. Without `key`, any shortcut key is meant.
 */
export function acceptsSingleKeys(target: EventTarget | null, key?: string): boolean {
  if (!(target instanceof Element)) return true
  if (target === document.body || target === document.documentElement) return true
  if (target.closest('[data-single-keys]') !== target) return false
  return target.getAttribute('data-single-keys') !== 'text' || key === undefined || !TEXT_KEYS.has(key)
}

/** Keys typed into a field belong to the field. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable) return true
  const tag = target.tagName
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true
  if (tag !== 'INPUT') return false
  const type = (target as HTMLInputElement).type
  return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(type)
}

export interface ShortcutRow {
  keys: string[]
  what: string
}

/** What the shortcuts sheet lists, in the words an editor would use. */
export function shortcutRows(
  statusLabel: (s: ClaimStatus) => string,
  verdictLabel: (v: string) => string,
  shortcuts: ShortcutSettings = defaultShortcutSettings,
  scales: Scales = defaultSettings
): { title: string; rows: ShortcutRow[] }[] {
  const k = (key: string): string => key.toUpperCase()
  const single = shortcuts.singleKeys
  const groups = [
    {
      title: 'Moving around',
      rows: [
        ...(single
          ? [
              { keys: [k(shortcuts.keys.next), '↓'], what: 'Next claim' },
              { keys: [k(shortcuts.keys.previous), '↑'], what: 'Previous claim' },
              { keys: ['Enter'], what: 'Open the claim panel' }
            ]
          : []),
        { keys: ['Esc'], what: 'Close the panel' },
        ...(single
          ? [
              { keys: [shortcuts.keys.search], what: 'Search' },
              { keys: [shortcuts.keys.help], what: 'This sheet' }
            ]
          : [])
      ]
    },
    {
      title: 'In the story text',
      rows: [
        { keys: ['Alt', '↓'], what: 'Sentence cursor: next sentence' },
        { keys: ['Alt', '↑'], what: 'Sentence cursor: previous sentence' },
        { keys: ['Alt', 'Shift', '→'], what: 'Take in one more word' },
        { keys: ['Alt', 'Shift', '←'], what: 'Let go of the last word' },
        { keys: ['Alt', 'Shift', '↓'], what: 'Take in the next sentence' },
        { keys: ['Enter'], what: 'Mark the words under the cursor' },
        { keys: ['Tab'], what: 'Move between the claims in the text' }
      ]
    },
    {
      title: 'Marking',
      rows: [
        ...(single ? [{ keys: [k(shortcuts.keys.mark)], what: 'Mark the selected words as a claim' }] : []),
        { keys: ['Click +'], what: 'Mark the sentence under the pointer' },
        ...(single ? [{ keys: ['Delete'], what: 'Delete the claim (can be undone)' }] : []),
        { keys: ['Ctrl', 'Z'], what: 'Undo your last change' },
        { keys: ['Shift', 'Ctrl', 'Z'], what: 'Redo' }
      ]
    }
  ]
  if (!single) return groups
  return [
    ...groups,
    {
      title: 'Status',
      rows: digitIds(statusChoices(scales)).map((s, i) => ({ keys: [String(i + 1)], what: statusLabel(s) }))
    },
    {
      title: 'Verdict',
      rows: [
        ...digitIds(verdictChoices(scales)).map((v, i) => ({ keys: ['Shift', String(i + 1)], what: verdictLabel(v) })),
        { keys: ['Shift', '0'], what: 'Clear the verdict' }
      ]
    }
  ]
}
