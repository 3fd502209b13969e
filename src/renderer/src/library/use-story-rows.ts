// The library screen's rows: searched, filtered and sorted in main (library.search), fetched a page
// at a time as the list scrolls. A story written while the screen is open changes its one row in
// place (the store's newest line for it, app/store.ts); a story added, trashed or restored asks main again for the pages already on screen. Connected
// to a desk, each page also says how its stories stand with the desk and how much of the desk is here;
// a sync round (desk.status) asks again for the pages on screen, since pushing changes no story.
import { useCallback, useEffect, useRef, useState } from 'react'
import type { DeskMark, DeskView, LibraryPage, LibraryQuery, SearchHit } from '../../../shared/contract'
import type { StorySummary } from '../../../shared/model'
import { call, onEvent } from '../api'
import { takeAnswered, takeEarly } from '../app/first-calls'
import { useStore, useSummaries } from '../app/use-store'

export type LibraryFilter = Omit<LibraryQuery, 'offset' | 'limit'>
export const defaultLibraryFilter: LibraryFilter = {
  query: '',
  deskState: 'all',
  assignee: 'all',
  desk: 'all',
  sort: 'updated'
}
export const PAGE_SIZE = 100

interface Rows {
  filter: LibraryFilter
  total: number
  pages: ReadonlyMap<number, StorySummary[]>
  desk: DeskView | null
  marks: Readonly<Record<string, DeskMark>>
  hits: Readonly<Record<string, SearchHit[]>>
  indexing: LibraryPage['indexing']
}

export interface StoryRows {
  /** Matching stories in all (null until main first answers). */
  total: number | null
  /** The search words the rows on screen answer (they may still be a keystroke behind). */
  query: string | null
  /** The story at a position in the list, or undefined while its page is on its way. */
  at(index: number): StorySummary | undefined
  /** Asks for the pages that hold these positions, if not already there or on the way. */
  need(first: number, last: number): void
  /** Every matching id (for "select all"), paged in from main. */
  allIds(): Promise<string[]>
  /** The whole desk as this library sees it; null when not connected. */
  desk: DeskView | null
  /** How a story on screen stands with the desk (undefined when not connected). */
  mark(id: string): DeskMark | undefined
  /** Where a story on screen matched the search words (undefined without words). */
  hitsOf(id: string): SearchHit[] | undefined
  /** While main is still reading the library's stories into the search (only headlines searched for the rest). */
  indexing: LibraryPage['indexing']
}

/** The rows with one more page of `wanted`'s answer laid in (the pages of another filter let go). */
function withPage(current: Rows | null, wanted: LibraryFilter, page: number, result: LibraryPage): Rows {
  const same = current?.filter === wanted
  const pages = new Map(same ? current.pages : [])
  pages.set(page, result.stories)
  return {
    filter: wanted,
    total: result.total,
    pages,
    desk: result.desk,
    marks: { ...(same ? current.marks : {}), ...result.marks },
    hits: { ...(same ? current.hits : {}), ...result.hits },
    indexing: result.indexing
  }
}

export function useStoryRows(filter: LibraryFilter, onError: (error: unknown) => void): StoryRows {
  const store = useStore()
  // The first page main has already answered (app/first-calls.ts) is in the first render.
  const [early] = useState(() => takeAnswered('library.search', { ...filter, offset: 0, limit: PAGE_SIZE }))
  const [rows, setRows] = useState<Rows | null>(() => early && withPage(null, filter, 0, early.value))
  const shown = useRef<Rows | null>(null)
  useEffect(() => {
    shown.current = rows
  }, [rows])
  const latest = useRef(filter)
  const requested = useRef(new Set<number>())
  const earlyChecked = useRef(false)

  const fetchPage = useCallback(
    (wanted: LibraryFilter, page: number) => {
      requested.current.add(page)
      const input = { ...wanted, offset: page * PAGE_SIZE, limit: PAGE_SIZE }
      ;(takeEarly('library.search', input) ?? call('library.search', input))
        .then((result) => {
          if (latest.current !== wanted) return // a newer keystroke or filter has taken over
          setRows((current) => withPage(current, wanted, page, result))
        })
        .catch((error: unknown) => {
          requested.current.delete(page)
          onError(error)
        })
    },
    [onError]
  )

  // Every keystroke and filter change asks main at once: the index answers in a few milliseconds. The first page
  // taken in the first render is asked again only if main announced a change since.
  useEffect(() => {
    latest.current = filter
    const seeded = early !== null && !earlyChecked.current && !early.stale()
    earlyChecked.current = true
    requested.current = new Set(seeded ? [0] : [])
    if (!seeded) fetchPage(filter, 0)
  }, [filter, fetchPage, early])

  useEffect(() => {
    let again: ReturnType<typeof setTimeout> | null = null
    const refresh = (): void => {
      // Several writes in one go (trashing ten stories) ask once.
      again ??= setTimeout(() => {
        again = null
        const pages = [...requested.current]
        requested.current = new Set()
        for (const page of pages.length ? pages : [0]) fetchPage(latest.current, page)
      }, 0)
    }
    // A story on screen written meanwhile shows its new line from the store (`at` below); one added,
    // trashed or restored asks main again for the pages on screen.
    const off = store.onChange((change) => {
      if (change.entity !== 'story') return
      const { summary } = change
      // With search words, a write may change where a story matched, or whether it does: ask again.
      const onScreen =
        summary.deletedAt === null &&
        (shown.current?.filter.query.trim() ?? '') === '' &&
        [...(shown.current?.pages.values() ?? [])].some((stories) => stories.some((s) => s.id === summary.id))
      if (!onScreen) refresh()
    })
    const offDesk = onEvent('desk.status', refresh)
    return () => {
      off()
      offDesk()
      if (again) clearTimeout(again)
    }
  }, [fetchPage, store])

  // While main is still reading stories into the search, the words on screen are asked about again
  // each second, so stories read meanwhile join the list.
  const indexing = rows?.indexing ?? null
  const searching = (rows?.filter.query.trim() ?? '') !== ''
  useEffect(() => {
    if (!indexing || !searching) return
    const again = setTimeout(() => {
      const pages = [...requested.current]
      requested.current = new Set()
      for (const page of pages.length ? pages : [0]) fetchPage(latest.current, page)
    }, 1000)
    return () => clearTimeout(again)
  }, [indexing, searching, fetchPage])

  // Until the first page for a new filter arrives, the rows of the previous one stay on screen.
  const written = useSummaries()
  const at = useCallback(
    (index: number) => {
      const row = rows?.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE]
      const newer = row && written.get(row.id)
      return newer && newer.updatedAt >= row.updatedAt ? newer : row
    },
    [rows, written]
  )
  const need = useCallback(
    (first: number, last: number) => {
      for (let page = Math.floor(first / PAGE_SIZE); page <= Math.floor(last / PAGE_SIZE); page++) {
        if (!requested.current.has(page)) fetchPage(filter, page)
      }
    },
    [filter, fetchPage]
  )
  const allIds = useCallback(async () => {
    const ids: string[] = []
    for (let offset = 0; ; offset += 500) {
      const page = await call('library.search', { ...filter, offset, limit: 500 })
      ids.push(...page.stories.map((s) => s.id))
      if (offset + 500 >= page.total) return ids
    }
  }, [filter])
  const mark = useCallback((id: string) => rows?.marks[id], [rows])
  const hitsOf = useCallback((id: string) => rows?.hits[id], [rows])
  return {
    total: rows?.total ?? null,
    query: rows?.filter.query ?? null,
    at,
    need,
    allIds,
    desk: rows?.desk ?? null,
    mark,
    hitsOf,
    indexing: rows?.indexing ?? null
  }
}
