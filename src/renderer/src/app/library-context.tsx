// What every screen needs from the library: people, labels from settings, and one way to run a
// change that reports failures in words and asks who you are when no editor is chosen yet.
import { createContext, useCallback, useContext, useMemo } from 'react'
import type { LibraryState } from '../../../shared/contract'
import { nameAt } from '../../../shared/model/values'
import type { Claim, ClaimStatus, Person, WorkflowStage } from '../../../shared/model'
import { printedVerdict, stageName, statusName, verdictName } from '../../../shared/rules/scales'
import { BridgeError } from '../api'
import type { Edit, ReportFailure } from './store'
import { useToasts } from './toasts'

export interface LibraryContext {
  library: LibraryState
  people: ReadonlyMap<string, Person>
  currentEditor: Person | null
  /** What a status is called now (shared/rules/scales.ts). */
  statusLabel(status: ClaimStatus): string
  /** What a workflow stage is called: its built-in status's name. */
  stageLabel(stage: WorkflowStage): string
  /** A verdict's name, as it was at `at` when given (its present name without). */
  verdictLabel(verdict: string, at?: string): string
  /** What a claim's verdict prints: the name it had when it was given. */
  claimVerdictLabel(claim: Pick<Claim, 'verdict' | 'checked'>): string
  /** A person's name, as it was at `at` when given (history keeps the name they had then). */
  personName(id: string | null, at?: string): string
  /** Runs a call that changes nothing on screen by itself; on failure shows why (or opens the editor picker) and resolves to undefined. */
  run<T>(work: () => Promise<T>): Promise<T | undefined>
  /** Changes the library (people, settings) through the one edit path (see store.ts). */
  editLibrary<T>(edit: Edit<LibraryState, T>): Promise<T | undefined>
  /** Opens "Who are you?"; `retry` runs once an editor is chosen (the action that needed one). */
  askEditor(retry?: () => void): void
}

const LibraryContextValue = createContext<LibraryContext | null>(null)

export function useLibraryContext(): LibraryContext {
  const value = useContext(LibraryContextValue)
  if (!value) throw new Error('useLibraryContext outside LibraryContextProvider')
  return value
}

/** Who made a change that predates any editor: the sample story's seed. */
const SYSTEM_AUTHORS: Record<string, string> = { factdesk: 'Factdesk sample', bench: 'Bench' }

/** Says why a call failed, in a toast, and asks who you are when that was the reason. */
export function useReport(askEditor: (retry?: () => void) => void): ReportFailure {
  const toasts = useToasts()
  return useCallback(
    (error: unknown, retry?: () => void) => {
      // No editor yet: the "Who are you?" dialog says so itself; a toast on top would say it twice.
      if (error instanceof BridgeError && error.code === 'no_editor') return askEditor(retry)
      toasts.show({ tone: 'error', message: error instanceof Error ? error.message : String(error) })
    },
    [askEditor, toasts]
  )
}

interface ProviderProps {
  library: LibraryState
  editLibrary: LibraryContext['editLibrary']
  askEditor(retry?: () => void): void
  children: React.ReactNode
}

export function LibraryContextProvider({
  library,
  editLibrary,
  askEditor,
  children
}: ProviderProps): React.JSX.Element {
  const run = useCallback(
    <T,>(work: () => Promise<T>): Promise<T | undefined> => editLibrary({ send: work }),
    [editLibrary]
  )
  const value = useMemo<LibraryContext>(() => {
    const people = new Map(library.people.map((p) => [p.id, p]))
    return {
      library,
      people,
      currentEditor: library.currentEditorId ? (people.get(library.currentEditorId) ?? null) : null,
      statusLabel: (s) => statusName(library.settings, s),
      stageLabel: (s) => stageName(library.settings, s),
      verdictLabel: (v, at) => verdictName(library.settings, v, at),
      claimVerdictLabel: (claim) => printedVerdict(library.settings, claim),
      personName: (id, at) => {
        if (id === null) return 'Nobody'
        const person = people.get(id)
        return person ? nameAt(person, at) : (SYSTEM_AUTHORS[id] ?? 'Unknown editor')
      },
      run,
      editLibrary,
      askEditor
    }
  }, [library, run, editLibrary, askEditor])
  return <LibraryContextValue.Provider value={value}>{children}</LibraryContextValue.Provider>
}
