// Sends the story view's keyboard shortcuts (desk/keymap.ts) to `perform`, leaving keys alone while
// the editor types in a field or works inside a dialog, menu, list box or radio group.
import { useEffect, useEffectEvent } from 'react'
import { actionFor, isTypingTarget, type DeskAction } from '../desk/keymap'

/** `perform` returns whether it used the key, so unused keys keep their usual meaning. */
export function useDeskKeys(perform: (action: DeskAction) => boolean): void {
  const onKey = useEffectEvent((e: KeyboardEvent) => {
    if (e.defaultPrevented || isTypingTarget(e.target)) return
    const target = e.target as Element | null
    if (target?.closest?.('[role="dialog"],[role="alertdialog"],[role="menu"],[role="listbox"]')) return
    const action = actionFor(e)
    // Arrow keys inside radio groups, tabs and selects move within them, not between claims.
    if (action && e.key.startsWith('Arrow') && target?.closest?.('[role="radiogroup"],[role="tablist"],[role="combobox"],[role="group"]')) return
    if (action && perform(action)) e.preventDefault()
  })
  useEffect(() => {
    const listener = (e: KeyboardEvent): void => onKey(e)
    window.addEventListener('keydown', listener)
    return () => window.removeEventListener('keydown', listener)
  }, [])
}
