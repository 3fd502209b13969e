// The desk's keyboard shortcuts: one table read by the key handler and by the shortcuts sheet.
import { claimStatuses, verdicts, type ClaimStatus, type Verdict } from '../../../shared/model'

export type DeskAction =
  | { kind: 'next' }
  | { kind: 'previous' }
  | { kind: 'open' }
  | { kind: 'close' }
  | { kind: 'search' }
  | { kind: 'mark' }
  | { kind: 'help' }
  | { kind: 'delete' }
  | { kind: 'status'; status: ClaimStatus }
  | { kind: 'verdict'; verdict: Verdict | null }

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

export function actionFor(e: KeyLike): DeskAction | null {
  if (e.altKey) return null
  const mod = e.ctrlKey || e.metaKey
  if (mod) return null // Ctrl/Cmd+Z and Shift+Ctrl/Cmd+Z belong to the undo history (app/undo.tsx)
  const digit = digitOf(e.code)
  if (digit !== null) {
    if (e.shiftKey) return digit === 0 ? { kind: 'verdict', verdict: null } : verdicts[digit - 1] ? { kind: 'verdict', verdict: verdicts[digit - 1] as Verdict } : null
    const status = claimStatuses[digit - 1]
    return status ? { kind: 'status', status } : null
  }
  switch (e.key) {
    case 'j':
    case 'ArrowDown':
      return { kind: 'next' }
    case 'k':
    case 'ArrowUp':
      return { kind: 'previous' }
    case 'Enter':
      return { kind: 'open' }
    case 'Escape':
      return { kind: 'close' }
    case '/':
      return { kind: 'search' }
    case 'm':
      return { kind: 'mark' }
    case '?':
      return { kind: 'help' }
    case 'Delete':
      return { kind: 'delete' }
    default:
      return null
  }
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
export function shortcutRows(statusLabel: (s: ClaimStatus) => string, verdictLabel: (v: Verdict) => string): { title: string; rows: ShortcutRow[] }[] {
  return [
    {
      title: 'Moving around',
      rows: [
        { keys: ['J', '↓'], what: 'Next claim' },
        { keys: ['K', '↑'], what: 'Previous claim' },
        { keys: ['Enter'], what: 'Open the claim panel' },
        { keys: ['Esc'], what: 'Close the panel' },
        { keys: ['/'], what: 'Search' },
        { keys: ['?'], what: 'This sheet' }
      ]
    },
    {
      title: 'Marking',
      rows: [
        { keys: ['M'], what: 'Mark the selected words as a claim' },
        { keys: ['Click +'], what: 'Mark the sentence under the pointer' },
        { keys: ['Delete'], what: 'Delete the claim (can be undone)' },
        { keys: ['Ctrl', 'Z'], what: 'Undo your last change' },
        { keys: ['Shift', 'Ctrl', 'Z'], what: 'Redo' }
      ]
    },
    { title: 'Status', rows: claimStatuses.map((s, i) => ({ keys: [String(i + 1)], what: statusLabel(s) })) },
    {
      title: 'Verdict',
      rows: [...verdicts.map((v, i) => ({ keys: ['Shift', String(i + 1)], what: verdictLabel(v) })), { keys: ['Shift', '0'], what: 'Clear the verdict' }]
    }
  ]
}
