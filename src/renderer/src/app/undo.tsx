// Undo and redo in the window: Ctrl/Cmd+Z and Shift+Ctrl/Cmd+Z (Ctrl+Y), the Edit menu and the Undo
// button of a toast. The history itself is main's (services/history.ts): every write a call made is
// kept there with its inverse, per story, and a step is one call, `history.undo` or `history.redo` for
// the story on screen, applied by main through the same rules as any edit. Nothing is recorded here,
// so no view has to say how to take its change back, and a reload of the window keeps the history.
// While a text field has focus the keys belong to the field, so it keeps its native undo.
// The Edit menu's Undo and Redo are greyed by main from the same history: the window tells main which
// story is on screen and whether a text field has focus (`history.focus`), nothing more.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef } from 'react'
import type { HistoryStepInfo } from '../../../shared/contract'
import { attempt } from '../api'
import { isTypingTarget } from '../annotate/keymap'
import { useToasts } from './toasts'

export type UndoCommand = 'undo' | 'redo'

export interface UndoHistory {
  undo(): Promise<boolean>
  redo(): Promise<boolean>
  /** Undoes the change call `callId` made only if it is still the editor's latest (a toast's Undo button). */
  undoIf(callId: string): Promise<boolean>
  /** The Edit menu's Undo / Redo: a focused text field undoes its own typing, otherwise the story's history. */
  fromMenu(command: UndoCommand): void
  /** Makes `storyId` the story the keys and the menu step in (the story view, while it is open); `onStep` hears each step taken. */
  scope(storyId: string, onStep?: (done: HistoryStepInfo) => void): () => void
}

const UndoContext = createContext<UndoHistory | null>(null)

export function useUndo(): UndoHistory {
  const value = useContext(UndoContext)
  if (!value) throw new Error('useUndo outside UndoProvider')
  return value
}

/** The story view's: undo and redo step in this story while it is on screen; `onStep` hears each step (to open its claim). */
export function useUndoScope(storyId: string, onStep?: (done: HistoryStepInfo) => void): void {
  const { scope } = useUndo()
  const latest = useRef(onStep)
  useEffect(() => {
    latest.current = onStep
  })
  useEffect(() => scope(storyId, (done) => latest.current?.(done)), [scope, storyId])
}

/** A key press that means undo or redo, or null. */
export function undoKey(
  e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>
): UndoCommand | null {
  if (e.altKey || !(e.ctrlKey || e.metaKey)) return null
  const key = e.key.toLowerCase()
  if (key === 'z') return e.shiftKey ? 'redo' : 'undo'
  if (key === 'y' && !e.shiftKey) return 'redo'
  return null
}

export function UndoProvider({ children }: { children: React.ReactNode }): React.JSX.Element {
  const toasts = useToasts()
  const story = useRef<{ id: string; onStep?: (done: HistoryStepInfo) => void } | null>(null)
  /** Steps are sent one after another, so quick presses reach main in the order pressed. */
  const queue = useRef<Promise<unknown>>(Promise.resolve())
  /** What main was last told the Edit menu acts on (history.focus): it greys Undo / Redo from that. */
  const told = useRef<{ storyId: string | null; typing: boolean }>({ storyId: null, typing: false })

  /** Tells main, when it changed, which story is on screen and whether a text field has focus. */
  const tellFocus = useCallback((): void => {
    const next = { storyId: story.current?.id ?? null, typing: isTypingTarget(document.activeElement) }
    if (next.storyId === told.current.storyId && next.typing === told.current.typing) return
    told.current = next
    void attempt('history.focus', next)
  }, [])

  const step = useCallback(
    (command: UndoCommand, callId?: string): Promise<boolean> => {
      const run = async (): Promise<boolean> => {
        const scope = story.current
        if (scope === null) {
          toasts.show({ message: `Nothing to ${command} here: open a story to ${command} your changes in it.` })
          return false
        }
        const storyId = scope.id
        const result = await attempt(`history.${command}`, callId ? { storyId, callId } : { storyId })
        if (!result.ok) {
          toasts.show({ tone: 'error', message: result.error.message })
          return false
        }
        const { done } = result.value
        toasts.show({
          message: done
            ? `${command === 'undo' ? 'Undone' : 'Redone'}: ${done.label}.`
            : `Nothing to ${command} in this story.`
        })
        if (done && story.current === scope) scope.onStep?.(done)
        return done !== null
      }
      const next = queue.current.then(run, run)
      queue.current = next
      return next
    },
    [toasts]
  )

  const history = useMemo<UndoHistory>(
    () => ({
      undo: () => step('undo'),
      redo: () => step('redo'),
      undoIf: (callId) => step('undo', callId),
      fromMenu: (command) => {
        if (isTypingTarget(document.activeElement)) document.execCommand(command)
        else void step(command)
      },
      scope: (id, onStep) => {
        const scope = { id, onStep }
        story.current = scope
        tellFocus()
        return () => {
          if (story.current === scope) story.current = null
          tellFocus()
        }
      }
    }),
    [step, tellFocus]
  )

  useEffect(() => {
    document.addEventListener('focusin', tellFocus)
    document.addEventListener('focusout', tellFocus)
    return () => {
      document.removeEventListener('focusin', tellFocus)
      document.removeEventListener('focusout', tellFocus)
    }
  }, [tellFocus])

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const which = undoKey(e)
      if (!which || e.defaultPrevented || isTypingTarget(e.target)) return
      e.preventDefault()
      void step(which)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [step])

  return <UndoContext.Provider value={history}>{children}</UndoContext.Provider>
}
