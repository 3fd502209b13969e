// One story with everything attached, following the library by what main announces. Edits made
// here go through `edit` (synced.ts): one call, the returned record folded in, or the shown change
// dropped and the reason given. Main then announces the write (library.changed with the story's
// new updatedAt); the announcement of an edit this view already folded in is recognised and costs
// nothing, so one edit is one IPC call. Anything else written to the story (a dialog, an import)
// is fetched again; a source edit is folded into the sources this story cites.
import { createContext, useCallback, useContext, useEffect, useRef, useState } from 'react'
import type { LibraryChange, StoryDetail } from '../../../shared/contract'
import { call, onEvent } from '../api'
import { useSynced, type Edit, type ReportFailure } from '../app/synced'

export type StoryEdit = <T>(edit: Edit<StoryDetail, T>) => Promise<T | undefined>

export interface StoryHook {
  detail: StoryDetail | null
  error: string | null
  reload(): void
  edit: StoryEdit
}

type StoryChange = Extract<LibraryChange, { entity: 'story' }>

/** How long an edit's announcement is waited for before a later one is taken as someone else's. */
const ECHO_WAIT_MS = 5_000

export function useStory(storyId: string, report: ReportFailure): StoryHook {
  const synced = useSynced<StoryDetail>(report)
  const { load, update } = synced
  const [error, setError] = useState<string | null>(null)
  const seq = useRef(0)
  /** The story's updatedAt this view is known to show. */
  const version = useRef('')
  /** Edits sent and not yet answered; announcements meanwhile wait in `held`. */
  const inFlight = useRef(0)
  const held = useRef<StoryChange[]>([])
  /** Edits answered and folded in whose announcement has not arrived yet (when they were answered). */
  const awaited = useRef<number[]>([])

  /** Edits started so far: a fetch that overlapped one may hold the story from before it, so it is fetched again. */
  const started = useRef(0)
  const reload = useCallback(() => {
    const fetchStory = (): void => {
      const mine = ++seq.current
      const editsBefore = started.current
      call('stories.get', { id: storyId })
        .then((value) => {
          if (mine !== seq.current) return
          if (inFlight.current > 0 || started.current !== editsBefore) {
            fetchStory()
            return
          }
          if (value.story.updatedAt > version.current) version.current = value.story.updatedAt
          load(value)
        })
      .catch((e: unknown) => {
          if (mine === seq.current) setError(e instanceof Error ? e.message : String(e))
        })
    }
    fetchStory()
  }, [storyId, load])

  /** Takes in the announcement of an edit already folded in: its version and the activity it logged. */
  const absorb = useCallback(
    (change: StoryChange) => {
      if (change.updatedAt > version.current) version.current = change.updatedAt
      update((d) => {
        const known = new Set(d.activity.map((a) => a.id))
        const fresh = change.activity.filter((a) => !known.has(a.id))
        const updatedAt = change.updatedAt > d.story.updatedAt ? change.updatedAt : d.story.updatedAt
        return fresh.length === 0 && updatedAt === d.story.updatedAt ? d : { ...d, story: { ...d.story, updatedAt }, activity: [...d.activity, ...fresh] }
      })
    },
    [update]
  )

  const settle = useCallback(
    (change: StoryChange) => {
      const now = Date.now()
      awaited.current = awaited.current.filter((at) => now - at < ECHO_WAIT_MS)
      if (awaited.current.length > 0) {
        awaited.current.shift()
        absorb(change)
      } else if (change.updatedAt > version.current) {
        version.current = change.updatedAt
        reload()
      }
    },
    [reload, absorb]
  )

  useEffect(() => {
    reload()
    return onEvent('library.changed', (change) => {
      if (change.entity === 'library') {
        if (change.sources.length === 0) return
        const changed = new Map(change.sources.map((s) => [s.id, s]))
        update((d) => (d.sources.some((s) => changed.has(s.id)) ? { ...d, sources: d.sources.map((s) => changed.get(s.id) ?? s) } : d))
      } else if (change.storyId === storyId) {
        if (inFlight.current > 0) held.current.push(change)
        else settle(change)
      }
    })
  }, [reload, storyId, settle, update])

  const { edit: run } = synced
  const edit = useCallback<StoryEdit>(
    async (e) => {
      started.current++
      inFlight.current++
      const saved = await run(e)
      inFlight.current--
      if (saved !== undefined && e.apply) {
        // This edit's own announcement: taken from those held meanwhile, or expected shortly.
        const own = held.current.shift()
        if (own) absorb(own)
        else awaited.current.push(Date.now())
      }
      if (inFlight.current === 0) for (const change of held.current.splice(0)) settle(change)
      return saved
    },
    [run, settle, absorb]
  )

  return { detail: synced.value, error, reload, edit }
}

const StoryEditContext = createContext<StoryEdit | null>(null)
export const StoryEditProvider = StoryEditContext.Provider

/** The open story's edit path, for the panels inside the story view. */
export function useStoryEdit(): StoryEdit {
  const value = useContext(StoryEditContext)
  if (!value) throw new Error('useStoryEdit outside the story view')
  return value
}
