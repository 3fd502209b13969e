// The library as the window knows it: where it is, its people and settings, and notices. Loaded
// once (and again when another library folder is opened), then kept up to date by what main
// announces; the stories themselves are paged in by the library screen (library.search).
import { useCallback, useEffect, useRef, useState } from 'react'
import type { LibraryNotice, LibraryState } from '../../../shared/contract'
import { call, onEvent } from '../api'
import { useSynced, type ReportFailure, type Synced } from './synced'

export interface LibraryHook {
  library: LibraryState | null
  error: string | null
  notices: LibraryNotice[]
  dismissNotice(notice: LibraryNotice): void
  reload(): void
  edit: Synced<LibraryState>['edit']
}

const noticeKey = (n: LibraryNotice): string => `${n.kind}|${n.file}|${n.message}`

export function useLibrary(report: ReportFailure): LibraryHook {
  const { value: library, load, update, edit } = useSynced<LibraryState>(report)
  const [error, setError] = useState<string | null>(null)
  const [notices, setNotices] = useState<LibraryNotice[]>([])
  const dismissed = useRef(new Set<string>())
  const seq = useRef(0)

  const addNotices = useCallback((incoming: LibraryNotice[]) => {
    setNotices((current) => {
      const known = new Set(current.map(noticeKey))
      const fresh = incoming.filter(
        (n) => n.kind !== 'created' && !known.has(noticeKey(n)) && !dismissed.current.has(noticeKey(n))
      )
      return fresh.length ? [...current, ...fresh] : current
    })
  }, [])

  const reload = useCallback(() => {
    const mine = ++seq.current
    call('library.get', {})
      .then((state) => {
        if (mine !== seq.current) return
        load(state)
        setError(null)
        addNotices(state.notices)
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
  }, [addNotices, load])

  useEffect(() => {
    reload()
    const offChanged = onEvent('library.changed', (change) => {
      if (change.entity === 'library') update((l) => ({ ...l, people: change.people, settings: change.settings }))
    })
    const offRecovered = onEvent('store.recovered', (notice) => addNotices([notice]))
    return () => {
      offChanged()
      offRecovered()
    }
  }, [reload, addNotices, update])

  const dismissNotice = useCallback((notice: LibraryNotice) => {
    dismissed.current.add(noticeKey(notice))
    setNotices((current) => current.filter((n) => noticeKey(n) !== noticeKey(notice)))
  }, [])

  return { library, error, notices, dismissNotice, reload, edit }
}
