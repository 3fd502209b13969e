// Sends the story view's keyboard shortcuts (annotate/keymap.ts) to `perform`. Single keys fire only
// where nothing else owns them (keymap.acceptsSingleKeys) and only while they are turned on in
// Settings; Esc works anywhere outside a field, dialog, menu or list box.
import { useEffect, useEffectEvent } from 'react'
import { useLibraryContext } from '../app/library-context'
import { acceptsSingleKeys, actionFor, isSingleKey, isTypingTarget, type KeyAction } from '../annotate/keymap'

/** `perform` returns whether it used the key, so unused keys keep their usual meaning. */
export function useStoryKeys(perform: (action: KeyAction) => boolean): void {
  const lib = useLibraryContext()
  const onKey = useEffectEvent((e: KeyboardEvent) => {
    if (e.defaultPrevented || isTypingTarget(e.target)) return
    const target = e.target as Element | null
    if (target?.closest?.('[role="dialog"],[role="alertdialog"],[role="menu"],[role="listbox"]')) return
    if (isSingleKey(e) && !acceptsSingleKeys(e.target, e.key)) return
    const action = actionFor(e, lib.library.settings.shortcuts, lib.library.settings)
    if (action && perform(action)) e.preventDefault()
  })
  useEffect(() => {
    const listener = (e: KeyboardEvent): void => onKey(e)
    window.addEventListener('keydown', listener)
    return () => window.removeEventListener('keydown', listener)
  }, [])
}
