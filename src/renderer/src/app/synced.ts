// The one way the renderer changes what main keeps. An edit is one call: what it should look like
// is shown at once (`show`), the record main returns is folded in (`apply`), and if the call fails
// the shown change simply drops away and the failure is reported. The state is what was last saved
// with the edits still on their way laid over it, so a failed edit never takes a later one with it.
import { useCallback, useMemo, useState } from 'react'

export interface Edit<S, T> {
  /** The one IPC call. */
  send(): Promise<T>
  /** The change as the editor expects it to be saved, shown until main answers. */
  show?(state: S): S
  /** Folds the saved record into the state. */
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

interface Pending<S> {
  key: number
  show(state: S): S
}

let keys = 0

export function useSynced<S>(report: ReportFailure): Synced<S> {
  const [saved, setSaved] = useState<S | null>(null)
  const [pending, setPending] = useState<Pending<S>[]>([])
  const value = useMemo(() => (saved === null ? null : pending.reduce<S>((state, p) => p.show(state), saved)), [saved, pending])
  const update = useCallback((change: (state: S) => S) => setSaved((s) => (s === null ? s : change(s))), [])

  const edit = useCallback(
    async <T,>({ send, show, apply, retry }: Edit<S, T>): Promise<T | undefined> => {
      const key = ++keys
      if (show) setPending((p) => [...p, { key, show }])
      try {
        const result = await send()
        if (apply) setSaved((s) => (s === null ? s : apply(s, result)))
        return result
      } catch (error) {
        report(error, retry)
        return undefined
      } finally {
        if (show) setPending((p) => p.filter((x) => x.key !== key))
      }
    },
    [report]
  )
  return { value, load: setSaved, update, edit }
}
