// The views' way into the one store (store.ts): a provider that owns it for the window, and hooks
// that read a part of it with useSyncExternalStore. A hook that shows a story holds it while
// mounted (the store fetches it once for every view holding it and drops it when the last lets go).
import { createContext, useCallback, useContext, useEffect, useState, useSyncExternalStore } from 'react'
import type { LibraryNotice, LibraryState, StoryDetail, StoryFollowUp } from '../../../shared/contract'
import type { StorySummary } from '../../../shared/model'
import { EntityStore, type Edit, type ReportFailure, type StoryEdit } from './store'

const StoreContext = createContext<EntityStore | null>(null)

/**
 * Owns the window's store; its one subscription to main's events lives while the provider is mounted. The library
 * main has already answered is in it from the first render (app/first-calls.ts).
 */
export function StoreProvider({ children }: { children: React.ReactNode }): React.JSX.Element {
  const [store] = useState(() => {
    const created = new EntityStore()
    created.seedLibrary()
    return created
  })
  useEffect(() => {
    store.open()
    return () => store.close()
  }, [store])
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>
}

export function useStore(): EntityStore {
  const store = useContext(StoreContext)
  if (!store) throw new Error('useStore outside StoreProvider')
  return store
}

export interface StoryHook {
  detail: StoryDetail | null
  error: string | null
  reload(): void
  edit: StoryEdit
}

/** One story with everything attached, as the store keeps it; held (fetched, followed) while mounted. */
export function useStory(storyId: string, report: ReportFailure): StoryHook {
  const store = useStore()
  useEffect(() => store.hold(storyId), [store, storyId])
  const view = useSyncExternalStore(store.subscribe, () => store.story(storyId))
  const edit = useCallback<StoryEdit>((e) => store.editStory(storyId, e, report), [store, storyId, report])
  const reload = useCallback(() => store.reload(storyId), [store, storyId])
  return { detail: view.detail, error: view.error, reload, edit }
}

const StoryEditContext = createContext<StoryEdit | null>(null)
export const StoryEditProvider = StoryEditContext.Provider

/** The open story's edit path, for the panels inside the story view. */
export function useStoryEdit(): StoryEdit {
  const value = useContext(StoryEditContext)
  if (!value) throw new Error('useStoryEdit outside the story view')
  return value
}

export interface LibraryHook {
  library: LibraryState | null
  error: string | null
  notices: readonly LibraryNotice[]
  dismissNotice(notice: LibraryNotice): void
  /** Loads the library again (another library folder was opened): what the store knew of the last is forgotten. */
  reload(): void
  edit<T>(edit: Edit<LibraryState, T>): Promise<T | undefined>
}

/** The library as the window knows it: where it is, its people and settings, and notices. */
export function useLibrary(report: ReportFailure): LibraryHook {
  const store = useStore()
  useEffect(() => store.holdLibrary(), [store])
  const view = useSyncExternalStore(store.subscribe, store.libraryState)
  const dismissNotice = useCallback((notice: LibraryNotice) => store.dismissNotice(notice), [store])
  const reload = useCallback(() => store.reset(), [store])
  const edit = useCallback(
    <T,>(e: Edit<LibraryState, T>): Promise<T | undefined> => store.editLibrary(e, report),
    [store, report]
  )
  return { ...view, dismissNotice, reload, edit }
}

/** The newest index line main announced for each story written since the window opened. */
export function useSummaries(): ReadonlyMap<string, StorySummary> {
  const store = useStore()
  return useSyncExternalStore(store.subscribe, store.summaryMap)
}

/** Every follow-up owed across the library: asked once, then kept current from each story's change. */
export function useFollowUps(report: ReportFailure): readonly StoryFollowUp[] {
  const store = useStore()
  useEffect(() => store.holdFollowUps(report), [store, report])
  return useSyncExternalStore(store.subscribe, store.followUps) ?? NONE
}
const NONE: readonly StoryFollowUp[] = []
