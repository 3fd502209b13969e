// One story with everything attached, following the library by what main announces. Edits made
// here go through `edit` (synced.ts): one call, the returned record folded in, or the shown change
// dropped and the reason given. Main then announces the write (library.changed) naming the call
// that caused it; the announcement of an edit this view sent is recognised by that id (follow.ts)
// and costs nothing but taking in the activity it logged, so one edit is one IPC call. Anything
// else written to the story (a dialog, an import, a desk pull, an undo) is fetched again, unless
// the story already fetched holds it; a source edit is folded into the sources this story cites.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react'
import { FIRST_CLAIMS, type StoryDetail } from '../../../shared/contract'
import { call, onEvent } from '../api'
import { useSynced, type Edit, type EditTracker, type ReportFailure } from '../app/synced'
import { StoryFollower, type StoryWrite } from './follow'

/** A story edit always folds main's answer in: its announcement brings nothing else. */
export type StoryEdit = <T>(
  edit: Edit<StoryDetail, T> & Required<Pick<Edit<StoryDetail, T>, 'apply'>>
) => Promise<T | undefined>

export interface StoryHook {
  detail: StoryDetail | null
  error: string | null
  reload(): void
  edit: StoryEdit
}

export function useStory(storyId: string, report: ReportFailure): StoryHook {
  const [follower] = useState(() => new StoryFollower())
  const fetching = useRef(false)
  const fetchRef = useRef<() => void>(() => undefined)
  const absorbRef = useRef<(writes: StoryWrite[]) => void>(() => undefined)
  const tracker = useMemo<EditTracker>(
    () => ({
      sent: (ids) => follower.sent(ids),
      answered: (ids) => {
        const { fold, writes } = follower.answered(ids)
        absorbRef.current(writes)
        return fold
      },
      failed: (ids) => {
        if (follower.failed(ids)) fetchRef.current()
      }
    }),
    [follower]
  )
  const synced = useSynced<StoryDetail>(report, tracker)
  const { load, update } = synced
  const [error, setError] = useState<string | null>(null)

  /**
   * Fetches the story in parts: the first claims (what the first screen shows) at once, then the
   * rest of the claims and the activity a page at a time, each page folded in as it comes. One fetch
   * at a time, fetched again until it holds every write it must (follow.ts); a page from a later
   * write than the first part (the story changed meanwhile) starts the fetch again.
   */
  const fetchStory = useCallback(() => {
    const failed = (e: unknown): void => {
      fetching.current = false
      setError(e instanceof Error ? e.message : String(e))
    }
    const attempt = (): void => {
      fetching.current = true
      call('stories.get', { id: storyId, firstClaims: FIRST_CLAIMS })
        .then(({ version, rest, ...value }) => {
          if (!follower.fetched(version)) return attempt()
          load(value)
          setError(null)
          if (rest && (rest.claims > 0 || rest.activity > 0)) return more(version, value.claims.length, 0)
          fetching.current = false
        })
        .catch(failed)
    }
    const more = (version: number, claimsFrom: number, activityFrom: number): void => {
      call('stories.page', { id: storyId, claimsFrom, activityFrom })
        .then((page) => {
          if (page.version !== version) return attempt()
          // The page comes before any activity taken in since the first part (own edits' entries).
          update((d) => ({
            ...d,
            claims: page.claims.length === 0 ? d.claims : [...d.claims, ...page.claims],
            evidence: page.evidence.length === 0 ? d.evidence : [...d.evidence, ...page.evidence],
            activity:
              page.activity.length === 0
                ? d.activity
                : [...d.activity.slice(0, activityFrom), ...page.activity, ...d.activity.slice(activityFrom)]
          }))
          if (page.rest.claims > 0 || page.rest.activity > 0)
            return more(version, claimsFrom + page.claims.length, activityFrom + page.activity.length)
          fetching.current = false
        })
        .catch(failed)
    }
    if (!fetching.current) attempt()
  }, [storyId, load, update, follower])

  /** Takes in own writes' announcements: the activity they logged, and the story's updatedAt of the newest. */
  const absorb = useCallback(
    (writes: StoryWrite[]) => {
      if (writes.length === 0) return
      const newest = writes.reduce((a, b) => (b.version > a.version ? b : a))
      const stamp = newest.version > follower.loaded ? newest.updatedAt : null
      update((d) => {
        const known = new Set(d.activity.map((a) => a.id))
        const fresh = writes.flatMap((w) => w.activity).filter((a) => !known.has(a.id))
        const updatedAt = stamp ?? d.story.updatedAt
        return fresh.length === 0 && updatedAt === d.story.updatedAt
          ? d
          : { ...d, story: { ...d.story, updatedAt }, activity: [...d.activity, ...fresh] }
      })
    },
    [update, follower]
  )

  useEffect(() => {
    fetchRef.current = fetchStory
    absorbRef.current = absorb
  }, [fetchStory, absorb])

  useEffect(() => {
    fetchStory()
    return onEvent('library.changed', (change) => {
      if (change.entity === 'library') {
        if (change.sources.length === 0) return
        const changed = new Map(change.sources.map((s) => [s.id, s]))
        update((d) =>
          d.sources.some((s) => changed.has(s.id)) ? { ...d, sources: d.sources.map((s) => changed.get(s.id) ?? s) } : d
        )
      } else if (change.storyId === storyId) {
        const heard = follower.heard(change)
        if (heard.kind === 'fetch') fetchStory()
        else if (heard.kind === 'absorb') absorb(heard.writes)
      }
    })
  }, [fetchStory, storyId, update, absorb, follower])

  const { edit } = synced
  return { detail: synced.value, error, reload: fetchStory, edit }
}

const StoryEditContext = createContext<StoryEdit | null>(null)
export const StoryEditProvider = StoryEditContext.Provider

/** The open story's edit path, for the panels inside the story view. */
export function useStoryEdit(): StoryEdit {
  const value = useContext(StoryEditContext)
  if (!value) throw new Error('useStoryEdit outside the story view')
  return value
}
