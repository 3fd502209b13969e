// The library state, loaded once and again whenever main says the library changed.
import { useCallback, useEffect, useRef, useState } from 'react'
import type { LibraryNotice, LibraryState } from '../../../shared/contract'
import { call, onEvent } from '../api'

export interface LibraryHook {
  library: LibraryState | null
  error: string | null
  notices: LibraryNotice[]
  dismissNotice(notice: LibraryNotice): void
  reload(): void
}

const noticeKey = (n: LibraryNotice): string => `${n.kind}|${n.file}|${n.message}`

export function useLibrary(): LibraryHook {
  const [library, setLibrary] = useState<LibraryState | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [notices, setNotices] = useState<LibraryNotice[]>([])
  const dismissed = useRef(new Set<string>())
  const seq = useRef(0)

  const addNotices = useCallback((incoming: LibraryNotice[]) => {
    setNotices((current) => {
      const known = new Set(current.map(noticeKey))
      const fresh = incoming.filter((n) => n.kind !== 'created' && !known.has(noticeKey(n)) && !dismissed.current.has(noticeKey(n)))
      return fresh.length ? [...current, ...fresh] : current
    })
  }, [])

  const reload = useCallback(() => {
    const mine = ++seq.current
    call('library.get', {})
      .then((state) => {
        if (mine !== seq.current) return
        setLibrary(state)
        setError(null)
        addNotices(state.notices)
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
  }, [addNotices])

  useEffect(() => {
    reload()
    const offChanged = onEvent('library.changed', reload)
    const offRecovered = onEvent('store.recovered', (notice) => addNotices([notice]))
    return () => {
      offChanged()
      offRecovered()
    }
  }, [reload, addNotices])

  const dismissNotice = useCallback((notice: LibraryNotice) => {
    dismissed.current.add(noticeKey(notice))
    setNotices((current) => current.filter((n) => noticeKey(n) !== noticeKey(notice)))
  }, [])

  return { library, error, notices, dismissNotice, reload }
}
