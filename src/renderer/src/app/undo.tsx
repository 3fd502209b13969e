// Undo and redo for the editor's own changes since the app started: marking, fields, deletes,
// evidence, comments, desk state. Each change records how to take it back and how to do it again;
// Ctrl/Cmd+Z and Shift+Ctrl/Cmd+Z (and the Edit menu) walk the history one step at a time. While a
// text field has focus the keys belong to the field, so it keeps its native undo.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef } from 'react'
import { isTypingTarget } from '../desk/keymap'
import { useToasts } from './toasts'

export interface UndoEntry {
  /** What the change was, in the editor's words ("Delete claim 3"). */
  label: string
  undo(): Promise<void>
  redo(): Promise<void>
}

export interface UndoHistory {
  record(entry: UndoEntry): void
  undo(): Promise<boolean>
  redo(): Promise<boolean>
  /** Undoes `entry` only if it is still the latest change (the Undo button of a toast). */
  undoIf(entry: UndoEntry): Promise<boolean>
  /** The Edit menu's Undo / Redo: a focused text field undoes its own typing, otherwise the desk's history. */
  fromMenu(command: 'undo' | 'redo'): void
}

const UndoContext = createContext<UndoHistory | null>(null)

export function useUndo(): UndoHistory {
  const value = useContext(UndoContext)
  if (!value) throw new Error('useUndo outside UndoProvider')
  return value
}

const LIMIT = 500

/** A key press that means undo or redo, or null. */
export function undoKey(
  e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>
): 'undo' | 'redo' | null {
  if (e.altKey || !(e.ctrlKey || e.metaKey)) return null
  const key = e.key.toLowerCase()
  if (key === 'z') return e.shiftKey ? 'redo' : 'undo'
  if (key === 'y' && !e.shiftKey) return 'redo'
  return null
}

export function UndoProvider({ children }: { children: React.ReactNode }): React.JSX.Element {
  const toasts = useToasts()
  const done = useRef<UndoEntry[]>([])
  const undone = useRef<UndoEntry[]>([])
  /** Steps run one after another, so quick presses never interleave their calls. */
  const queue = useRef<Promise<unknown>>(Promise.resolve())

  const record = useCallback((entry: UndoEntry) => {
    done.current = [...done.current.slice(-(LIMIT - 1)), entry]
    undone.current = []
  }, [])

  const step = useCallback(
    (direction: 'undo' | 'redo', only?: UndoEntry): Promise<boolean> => {
      const run = async (): Promise<boolean> => {
        const from = direction === 'undo' ? done : undone
        const to = direction === 'undo' ? undone : done
        const entry = from.current.at(-1)
        if (!entry || (only && entry !== only)) {
          if (!only) toasts.show({ message: direction === 'undo' ? 'Nothing to undo.' : 'Nothing to redo.' })
          return false
        }
        from.current = from.current.slice(0, -1)
        try {
          await entry[direction]()
          to.current = [...to.current, entry]
          toasts.show({ message: `${direction === 'undo' ? 'Undone' : 'Redone'}: ${entry.label}.` })
          return true
        } catch (error) {
          toasts.show({
            tone: 'error',
            message: `Could not ${direction} “${entry.label}”: ${error instanceof Error ? error.message : String(error)}`
          })
          return false
        }
      }
      const next = queue.current.then(run, run)
      queue.current = next
      return next
    },
    [toasts]
  )

  const history = useMemo<UndoHistory>(
    () => ({
      record,
      undo: () => step('undo'),
      redo: () => step('redo'),
      undoIf: (entry) => step('undo', entry),
      fromMenu: (command) => {
        if (isTypingTarget(document.activeElement)) document.execCommand(command)
        else void step(command)
      }
    }),
    [record, step]
  )

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
