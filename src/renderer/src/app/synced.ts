// The one way the renderer changes what main keeps. An edit is one call: what it should look like
// is shown at once (`show`), the record main returns is folded in (`apply`), and if the call fails
// the shown change simply drops away and the failure is reported. The state is what was last saved
// with the edits still on their way laid over it, so a failed edit never takes a later one with it.
// Answers are folded in the order the edits were sent. A tracker hears each edit's call ids (api.ts
// names every call) as it is sent, answered or fails, so a view can tell main's announcement of its
// own edit by id (story/follow.ts).
import { useCallback, useMemo, useRef, useState } from 'react'
import { callsOf } from '../api'

export interface Edit<S, T> {
  /** The one IPC call. */
  send(): Promise<T>
  /** The change as the editor expects it to be saved, shown until main answers. */
  show?(state: S): S
  /** Folds the saved record into the state. Replace or add by id: it may meet a state that already holds the record. */
  apply?(state: S, saved: T): S
  /** The editor's whole action, run again once they have said who they are if it failed for want of an editor. */
  retry?(): void
}

/** Shows why an edit failed; `retry` runs the editor's action again once an editor is chosen. */
export type ReportFailure = (error: unknown, retry?: () => void) => void

export interface Synced<S> {
  /** The saved state with pending edits laid over it; null until first loaded. */
  value: S | null
  /** Replaces the saved state (a load or a reload). */
  load(state: S): void
  /** Changes the saved state with something main announced. */
  update(change: (state: S) => S): void
  /** Runs an edit; resolves to the saved record, or undefined when it failed (already reported). */
  edit<T>(edit: Edit<S, T>): Promise<T | undefined>
}

/** Hears an edit's calls (their ids) through their life. */
export interface EditTracker {
  sent(ids: readonly string[]): void
  /** Main answered; called in the same tick as the saved record is folded in. False: do not fold it (the state already holds it). */
  answered(ids: readonly string[]): boolean
  /** The call failed; the shown change has been dropped. */
  failed(ids: readonly string[]): void
}

interface Pending<S> {
  key: number
  show(state: S): S
}

let keys = 0

export function useSynced<S>(report: ReportFailure, tracker?: EditTracker): Synced<S> {
  const [saved, setSaved] = useState<S | null>(null)
  const [pending, setPending] = useState<Pending<S>[]>([])
  const value = useMemo(
    () => (saved === null ? null : pending.reduce<S>((state, p) => p.show(state), saved)),
    [saved, pending]
  )
  const update = useCallback((change: (state: S) => S) => setSaved((s) => (s === null ? s : change(s))), [])

  /** The fold of the edit sent last: answers are folded in the order the edits were sent (see below). */
  const lastFold = useRef<Promise<void>>(Promise.resolve())

  const edit = useCallback(
    async <T>({ send, show, apply, retry }: Edit<S, T>): Promise<T | undefined> => {
      const key = ++keys
      if (show) setPending((p) => [...p, { key, show }])
      // Main runs a view's edits in the order they were sent, but may answer them in another (each
      // handler awaits for its own time). Folded in the order sent, a record is never folded over
      // a newer one: several quick changes to one field end on the last. A call that shows and folds
      // nothing (a read, "Suggest claims" waiting seconds for the encoder) takes no turn: it neither
      // waits for earlier edits nor holds later ones back.
      const ordered = show !== undefined || apply !== undefined
      const turn = ordered ? lastFold.current : Promise.resolve()
      let folded: () => void = () => undefined
      if (ordered) lastFold.current = new Promise<void>((resolve) => (folded = resolve))
      let ids: readonly string[] = []
      try {
        const sent = callsOf(send)
        ids = sent.ids
        tracker?.sent(ids)
        const result = await sent.result
        await turn
        const fold = tracker?.answered(ids) ?? true
        // The saved record replaces the shown change in one render, drawn in the next frame: what the
        // editor just did is already on screen (`show`, or a mark's pending highlight), so nothing
        // waits behind it. Views keep heavier follow-ups (a new claim's panel) until it is drawn.
        if (fold && apply) setSaved((s) => (s === null ? s : apply(s, result)))
        if (show) setPending((p) => p.filter((x) => x.key !== key))
        return result
      } catch (error) {
        await turn
        if (show) setPending((p) => p.filter((x) => x.key !== key))
        tracker?.failed(ids)
        report(error, retry)
        return undefined
      } finally {
        folded()
      }
    },
    [report, tracker]
  )
  return { value, load: setSaved, update, edit }
}
