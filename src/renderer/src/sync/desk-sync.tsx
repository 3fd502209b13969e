// The desk sync as every screen sees it: the status main announces (`desk.status` events, never
// polled), the Connect dialog, going to a conflict, and settling one field by field.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react'
import type { DeskConflict, DeskStatus } from '../../../shared/contract'
import { call, onEvent } from '../api'
import { takeAnswered, takeEarly } from '../app/first-calls'
import { useLibraryContext } from '../app/library-context'
import { lazyDialog } from '../app/lazy'

const ConnectDeskDialog = lazyDialog(() => import('./ConnectDeskDialog').then((m) => m.ConnectDeskDialog))

export interface DeskSync {
  status: DeskStatus
  openConnect(): void
  /** Shows where a conflict is settled: its claim's panel, or the Shared desk dialog for anything else. */
  goTo(conflict: DeskConflict): void
  /** Settles a conflict (each field: this library's value or the desk's); false when it failed (a toast says why). */
  resolve(key: string, choices: Record<string, 'local' | 'remote'>): Promise<boolean>
}

export type DeskSyncActions = Pick<DeskSync, 'openConnect'>

const off: DeskStatus = {
  state: 'off',
  deskId: null,
  user: null,
  lead: false,
  pending: 0,
  lastSyncAt: null,
  progress: null,
  conflicts: [],
  error: null
}

const DeskSyncContext = createContext<DeskSync | null>(null)

export function useDeskSync(): DeskSync {
  const value = useContext(DeskSyncContext)
  if (!value) throw new Error('useDeskSync outside DeskSyncProvider')
  return value
}

interface ProviderProps {
  /** The open library's folder: a switch of library asks main for that library's desk. */
  libraryPath: string
  onOpenClaim(storyId: string, claimId: string | null): void
  /** What the application menu reaches ("Connect to Desk…"). */
  actionsRef?: React.RefObject<DeskSyncActions | null>
  children: React.ReactNode
}

export function DeskSyncProvider({ libraryPath, onOpenClaim, actionsRef, children }: ProviderProps): React.JSX.Element {
  const lib = useLibraryContext()
  // The state main has already answered (app/first-calls.ts) is in the first render.
  const [early] = useState(() => takeAnswered('desk.status', {}))
  const [status, setStatus] = useState<DeskStatus>(early?.value ?? off)
  const earlyChecked = useRef(false)
  const [connectOpen, setConnectOpen] = useState(false)
  // An event that arrives while the first status is on its way is newer than that answer.
  const heard = useRef(0)

  useEffect(
    () =>
      onEvent('desk.status', (s) => {
        heard.current++
        setStatus(s)
      }),
    []
  )

  useEffect(() => {
    const seeded = early !== null && !earlyChecked.current && !early.stale()
    earlyChecked.current = true
    if (seeded) return
    const before = heard.current
    let live = true
    ;(takeEarly('desk.status', {}) ?? call('desk.status', {}))
      .then((s) => {
        if (live && heard.current === before) setStatus(s)
      })
      .catch(() => undefined)
    return () => {
      live = false
    }
  }, [libraryPath, early])

  const openConnect = useCallback(() => setConnectOpen(true), [])
  useEffect(() => {
    if (!actionsRef) return
    actionsRef.current = { openConnect }
    return () => {
      actionsRef.current = null
    }
  }, [actionsRef, openConnect])
  // A claim's conflict is settled in its panel; any other in the Shared desk dialog, which lists them.
  const goTo = useCallback(
    (c: DeskConflict) => {
      if (c.kind === 'claim' && c.storyId) onOpenClaim(c.storyId, c.unitId)
      else setConnectOpen(true)
    },
    [onOpenClaim]
  )
  const { run } = lib
  const resolve = useCallback(
    async (key: string, choices: Record<string, 'local' | 'remote'>): Promise<boolean> => {
      const next = await run(() => call('desk.resolve', { key, choices }))
      if (!next) return false
      heard.current++
      setStatus(next)
      return true
    },
    [run]
  )
  const value = useMemo<DeskSync>(() => ({ status, openConnect, goTo, resolve }), [status, openConnect, goTo, resolve])
  return (
    <DeskSyncContext.Provider value={value}>
      {children}
      <ConnectDeskDialog
        open={connectOpen}
        onOpenChange={setConnectOpen}
        status={status}
        onStatus={(s) => {
          heard.current++
          setStatus(s)
        }}
      />
    </DeskSyncContext.Provider>
  )
}
