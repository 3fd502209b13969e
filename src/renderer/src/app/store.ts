// The renderer's one store of what main keeps: the library (people, settings, notices), each open
// story with everything attached, the newest index line of every story main announced, and the
// follow-ups owed across the library. It is fed by main's change events through ONE subscription
// (`library.changed`, keyed by story), and every view reads it (use-store.ts), so an edit made in one
// view shows in every other without a second fetch. No React here: the hooks in use-store.ts read it
// with useSyncExternalStore; store.test.ts drives it directly.
//
// An edit is one call (`edit`): what it should look like is shown at once (`show`), the record main
// returns is folded in (`apply`), and if the call fails the shown change simply drops away and the
// failure is reported. The state is what was last saved with the edits still on their way laid over
// it, so a failed edit never takes a later one with it. Answers are folded in the order the edits were
// sent. A story's edits are followed by call id (follow.ts): main's announcement of an edit this store
// sent costs nothing but taking in the activity it logged; any other write to an open story (a
// dialog, an import, a desk pull, an undo, another window) is fetched once, for every view.
import { FIRST_CLAIMS } from '../../../shared/contract/values'
import type {
  EventPayload,
  LibraryChange,
  LibraryNotice,
  LibraryState,
  StoryDetail,
  StoryFollowUp
} from '../../../shared/contract'
import type { StorySummary } from '../../../shared/model'
import { call, callsOf, onEvent } from '../api'
import { takeAnswered, takeEarly } from './first-calls'
import { StoryFollower, type StoryWrite } from '../story/follow'
import { watchNotices } from '../settings/watch-notices'

export type SuggestionsRefined = EventPayload<'memory.suggestRefined'>

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

/** A story edit always folds main's answer in: its announcement brings nothing else. */
export type StoryEdit = <T>(
  edit: Edit<StoryDetail, T> & Required<Pick<Edit<StoryDetail, T>, 'apply'>>
) => Promise<T | undefined>

/** Hears an edit's calls (their ids) through their life. */
interface EditTracker {
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

/** One entity: what main last saved, with the edits still on their way laid over it. */
export class Slot<S> {
  private saved: S | null = null
  private pending: Pending<S>[] = []
  /** The saved state with pending edits laid over it; null until first loaded. */
  value: S | null = null
  /** The fold of the edit sent last: answers are folded in the order the edits were sent. */
  private lastFold: Promise<void> = Promise.resolve()

  constructor(private readonly changed: () => void) {}

  /** Replaces the saved state (a load or a reload). */
  load(state: S | null): void {
    this.saved = state
    this.refresh()
  }

  /** Changes the saved state with something main announced. */
  update(change: (state: S) => S): void {
    if (this.saved === null) return
    const next = change(this.saved)
    if (next === this.saved) return
    this.saved = next
    this.refresh()
  }

  private refresh(): void {
    this.value = this.saved === null ? null : this.pending.reduce<S>((state, p) => p.show(state), this.saved)
    this.changed()
  }

  private drop(key: number): void {
    this.pending = this.pending.filter((p) => p.key !== key)
  }

  /** Runs an edit; resolves to the saved record, or undefined when it failed (already reported). */
  async edit<T>({ send, show, apply, retry }: Edit<S, T>, report: ReportFailure, tracker?: EditTracker) {
    const key = ++keys
    if (show) {
      this.pending = [...this.pending, { key, show }]
      this.refresh()
    }
    // Main runs the edits in the order they were sent, but may answer them in another (each handler
    // awaits for its own time). Folded in the order sent, a record is never folded over a newer
    // one: several quick changes to one field end on the last. A call that shows and folds nothing
    // (a read, "Suggest claims" waiting seconds for the encoder) takes no turn: it neither waits
    // for earlier edits nor holds later ones back.
    const ordered = show !== undefined || apply !== undefined
    const turn = ordered ? this.lastFold : Promise.resolve()
    let folded: () => void = () => undefined
    if (ordered) this.lastFold = new Promise<void>((resolve) => (folded = resolve))
    let ids: readonly string[] = []
    try {
      const sent = callsOf(send)
      ids = sent.ids
      tracker?.sent(ids)
      const result = await sent.result
      await turn
      const fold = tracker?.answered(ids) ?? true
      // The saved record replaces the shown change in one notification: what the editor just did is
      // already on screen (`show`, or a mark's pending highlight), so nothing waits behind it.
      if ((fold && apply && this.saved !== null) || show) {
        if (fold && apply && this.saved !== null) this.saved = apply(this.saved, result)
        if (show) this.drop(key)
        this.refresh()
      }
      return result
    } catch (error) {
      await turn
      if (show) {
        this.drop(key)
        this.refresh()
      }
      tracker?.failed(ids)
      report(error, retry)
      return undefined
    } finally {
      folded()
    }
  }
}

/** A story as the views read it. */
export interface StoryView {
  detail: StoryDetail | null
  error: string | null
}

/** The library as the views read it. */
export interface LibraryView {
  library: LibraryState | null
  error: string | null
  notices: readonly LibraryNotice[]
}

const NO_STORY: StoryView = { detail: null, error: null }

/**
 * How many stories no view shows any more are kept, newest let go last: opening one again shows it at once, with no
 * fetch, as long as main has announced no write to it meanwhile (a write it announces drops it, so the next open
 * fetches it afresh). A 3,000-claim story is a few MB here.
 */
export const KEPT_STORIES = 3

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e))
const noticeKey = (n: LibraryNotice): string => `${n.kind}|${n.file}|${n.message}`

/** An open story: held by the views showing it, fetched once for all of them, dropped when the last lets go. */
class StoryEntry {
  readonly slot: Slot<StoryDetail>
  readonly follower = new StoryFollower()
  error: string | null = null
  fetching = false
  holders = 0
  view: StoryView = NO_STORY
  readonly tracker: EditTracker

  constructor(
    readonly id: string,
    private readonly changed: () => void,
    refetch: () => void
  ) {
    this.slot = new Slot<StoryDetail>(() => this.touch())
    this.tracker = {
      sent: (ids) => this.follower.sent(ids),
      answered: (ids) => {
        const { fold, writes } = this.follower.answered(ids)
        this.absorb(writes)
        return fold
      },
      failed: (ids) => {
        if (this.follower.failed(ids)) refetch()
      }
    }
  }

  touch(): void {
    if (this.view.detail !== this.slot.value || this.view.error !== this.error)
      this.view = { detail: this.slot.value, error: this.error }
    this.changed()
  }

  /** Takes in own writes' announcements: the activity they logged, and the story's updatedAt of the newest. */
  absorb(writes: StoryWrite[]): void {
    if (writes.length === 0) return
    const newest = writes.reduce((a, b) => (b.version > a.version ? b : a))
    const stamp = newest.version > this.follower.loaded ? newest.updatedAt : null
    this.slot.update((d) => {
      const known = new Set(d.activity.map((a) => a.id))
      const fresh = writes.flatMap((w) => w.activity).filter((a) => !known.has(a.id))
      const updatedAt = stamp ?? d.story.updatedAt
      return fresh.length === 0 && updatedAt === d.story.updatedAt
        ? d
        : { ...d, story: { ...d.story, updatedAt }, activity: [...d.activity, ...fresh] }
    })
  }
}

export class EntityStore {
  private readonly listeners = new Set<() => void>()
  private readonly changeListeners = new Set<(change: LibraryChange) => void>()
  private readonly refinedListeners = new Set<(refined: SuggestionsRefined) => void>()
  private readonly stories = new Map<string, StoryEntry>()
  /** Stories held by no view, kept for a quick reopen (KEPT_STORIES), the one let go longest ago first. */
  private kept: string[] = []
  /** The newest index line main announced for each story written while this window is open. */
  private readonly summaries = new Map<string, StorySummary>()
  /** The map the views last read; copied again only when read after a change (a desk pull announces thousands). */
  private summaryView: ReadonlyMap<string, StorySummary> = new Map()
  private summariesChanged = false
  private followUpList: StoryFollowUp[] | null = null
  private followUpsAsked = false
  /** The follow-ups taken in the first render (seedLibrary), until their view's effect checks they are current. */
  private followUpsSeeded: (() => boolean) | null = null
  private readonly library: Slot<LibraryState>
  private libraryError: string | null = null
  private notices: LibraryNotice[] = []
  private readonly dismissed = new Set<string>()
  private libraryView: LibraryView = { library: null, error: null, notices: [] }
  private libraryAsked = 0
  /** The library taken in the first render (seedLibrary), until its view's effect checks it is still current. */
  private seeded: (() => boolean) | null = null
  private off: (() => void) | null = null

  constructor() {
    this.library = new Slot<LibraryState>(() => this.touchLibrary())
  }

  /** Starts the one subscription to main's events (again, after close). */
  open(): void {
    if (this.off) return
    const offChanged = onEvent('library.changed', (change) => this.heard(change))
    const offRecovered = onEvent('store.recovered', (notice) => this.addNotices([notice]))
    const offWatched = onEvent('published.checked', (run) => this.addNotices(watchNotices(run)))
    const offRefined = onEvent('memory.suggestRefined', (refined) => {
      for (const listener of [...this.refinedListeners]) listener(refined)
    })
    this.off = () => {
      offChanged()
      offRecovered()
      offWatched()
      offRefined()
    }
  }

  close(): void {
    this.off?.()
    this.off = null
  }

  /** For useSyncExternalStore: hears every change to the store; snapshots say whether theirs moved. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => void this.listeners.delete(listener)
  }

  /**
   * Hears each change main announces, after the store has taken it in: for views that ask main a
   * question about the library (a search, earlier checks) and ask again when it may have moved.
   */
  onChange(listener: (change: LibraryChange) => void): () => void {
    this.changeListeners.add(listener)
    return () => void this.changeListeners.delete(listener)
  }

  /** Hears main say that more of a story's sentences were ranked with the encoder ("Suggest claims" asks again). */
  onSuggestionsRefined(listener: (refined: SuggestionsRefined) => void): () => void {
    this.refinedListeners.add(listener)
    return () => void this.refinedListeners.delete(listener)
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener()
  }

  // ---- the library -----------------------------------------------------------------------------

  libraryState = (): LibraryView => this.libraryView

  private touchLibrary(): void {
    const view = this.libraryView
    if (view.library !== this.library.value || view.error !== this.libraryError || view.notices !== this.notices)
      this.libraryView = { library: this.library.value, error: this.libraryError, notices: this.notices }
    this.notify()
  }

  /** Loads the library (again, when another library folder was opened). */
  loadLibrary(): void {
    this.open()
    const mine = ++this.libraryAsked
    ;(takeEarly('library.get', {}) ?? call('library.get', {}))
      .then((state) => {
        if (mine !== this.libraryAsked) return
        this.libraryError = null
        this.library.load(state)
        this.addNotices(state.notices)
      })
      .catch((e: unknown) => {
        this.libraryError = message(e)
        this.touchLibrary()
      })
  }

  /**
   * Takes the library main has already answered (first-calls.ts), so the first render shows it; no subscription is
   * made here (this runs in a render): `holdLibrary` asks again if main announced a change since.
   */
  seedLibrary(): void {
    if (this.libraryAsked !== 0) return
    const early = takeAnswered('library.get', {})
    if (!early) return
    this.libraryAsked = 1
    this.seeded = early.stale
    this.library.load(early.value)
    this.addNotices(early.value.notices)
    const followUps = takeAnswered('library.followUps', {})
    if (!followUps) return
    this.followUpsAsked = true
    this.followUpsSeeded = followUps.stale
    this.followUpList = followUps.value
  }

  /** Loads the library the first time a view asks for it (again if what the first render took is stale). */
  holdLibrary(): void {
    const stale = this.seeded?.() ?? false
    this.seeded = null
    if (this.libraryAsked === 0 || stale) this.loadLibrary()
    else this.open()
  }

  /** Another library folder was opened: everything known of the last one is forgotten and the library loaded afresh. */
  reset(): void {
    this.stories.clear()
    this.kept = []
    this.summaries.clear()
    this.summariesChanged = true
    this.followUpList = null
    this.followUpsAsked = false
    this.notices = []
    this.library.load(null)
    this.loadLibrary()
  }

  /** Changes the library (people, settings) through the one edit path. */
  editLibrary<T>(edit: Edit<LibraryState, T>, report: ReportFailure): Promise<T | undefined> {
    return this.library.edit(edit, report)
  }

  private addNotices(incoming: readonly LibraryNotice[]): void {
    const known = new Set(this.notices.map(noticeKey))
    const fresh = incoming.filter(
      (n) => n.kind !== 'created' && !known.has(noticeKey(n)) && !this.dismissed.has(noticeKey(n))
    )
    if (fresh.length === 0) return
    this.notices = [...this.notices, ...fresh]
    this.touchLibrary()
  }

  dismissNotice(notice: LibraryNotice): void {
    this.dismissed.add(noticeKey(notice))
    this.notices = this.notices.filter((n) => noticeKey(n) !== noticeKey(notice))
    this.touchLibrary()
  }

  // ---- stories -----------------------------------------------------------------------------------

  story = (id: string): StoryView => this.stories.get(id)?.view ?? NO_STORY

  /**
   * A view shows this story: the first fetches it, unless the store still keeps it from an earlier view and main has
   * announced no write to it since (then it shows at once); resolves the hold's release.
   */
  hold(id: string): () => void {
    this.open()
    let entry = this.stories.get(id)
    if (entry && entry.holders === 0) this.kept = this.kept.filter((k) => k !== id)
    entry ??= this.fetchNew(id)
    entry.holders++
    const held = entry
    let released = false
    return () => {
      if (released) return
      released = true
      held.holders--
      if (held.holders === 0 && this.stories.get(id) === held) this.keep(held)
    }
  }

  /**
   * A view is about to show this story (the window goes to it): it is fetched now, before that view renders, rather
   * than from the view's effect after its first commit, so main reads it while the renderer draws the new screen. It
   * waits among the kept stories, the newest, until the view holds it (a write main announces meanwhile drops it).
   */
  prefetch(id: string): void {
    if (this.stories.has(id)) return
    this.fetchNew(id)
    this.keepNewest(id)
  }

  /** A new entry for a story no view holds or the store keeps, its fetch begun. */
  private fetchNew(id: string): StoryEntry {
    this.open()
    const entry: StoryEntry = new StoryEntry(
      id,
      () => this.notify(),
      () => this.fetchStory(entry)
    )
    this.stories.set(id, entry)
    this.fetchStory(entry)
    return entry
  }

  /** The last view let go of a story: kept for a quick reopen if it loaded, the oldest kept one dropped past the limit. */
  private keep(entry: StoryEntry): void {
    if (entry.error !== null || entry.slot.value === null) return this.drop(entry.id)
    this.keepNewest(entry.id)
  }

  /** Puts a story last among the kept ones (the newest), dropping the oldest past KEPT_STORIES. */
  private keepNewest(id: string): void {
    this.kept = [...this.kept.filter((k) => k !== id), id]
    while (this.kept.length > KEPT_STORIES) this.drop(this.kept[0] as string)
  }

  /** Forgets a story no view holds (a later open fetches it). */
  private drop(id: string): void {
    this.kept = this.kept.filter((k) => k !== id)
    const entry = this.stories.get(id)
    if (!entry || entry.holders > 0) return
    this.stories.delete(id)
    this.notify()
  }

  /** The stories the store holds for no view, oldest first (for tests). */
  keptStories = (): readonly string[] => this.kept

  /** Fetches an open story again (a view's "try again"). */
  reload(id: string): void {
    const entry = this.stories.get(id)
    if (entry) this.fetchStory(entry)
  }

  /** Runs an edit of an open story; its record is folded in and its announcement recognised by call id. */
  editStory<T>(
    id: string,
    edit: Edit<StoryDetail, T> & Required<Pick<Edit<StoryDetail, T>, 'apply'>>,
    report: ReportFailure
  ): Promise<T | undefined> {
    const entry = this.stories.get(id)
    // Not open in any view: nothing to show or fold, the call is simply made.
    if (!entry) return new Slot<StoryDetail>(() => undefined).edit({ send: edit.send, retry: edit.retry }, report)
    return entry.slot.edit(edit, report, entry.tracker)
  }

  /**
   * Fetches the story in parts: the first claims (what the first screen shows) at once, then the
   * rest of the claims and the activity a page at a time, each page folded in as it comes. One fetch
   * at a time, fetched again until it holds every write it must (follow.ts); a page from a later
   * write than the first part (the story changed meanwhile) starts the fetch again.
   */
  private fetchStory(entry: StoryEntry): void {
    const current = (): boolean => this.stories.get(entry.id) === entry
    const failed = (e: unknown): void => {
      entry.fetching = false
      if (!current()) return
      entry.error = message(e)
      entry.touch()
    }
    const attempt = (): void => {
      entry.fetching = true
      call('stories.get', { id: entry.id, firstClaims: FIRST_CLAIMS })
        .then(({ version, rest, ...value }) => {
          if (!current()) return void (entry.fetching = false)
          if (!entry.follower.fetched(version)) return attempt()
          entry.error = null
          entry.slot.load(value)
          if (rest && (rest.claims > 0 || rest.activity > 0)) return more(version, value.claims.length, 0)
          entry.fetching = false
        })
        .catch(failed)
    }
    const more = (version: number, claimsFrom: number, activityFrom: number): void => {
      call('stories.page', { id: entry.id, claimsFrom, activityFrom })
        .then((page) => {
          if (!current()) return void (entry.fetching = false)
          if (page.version !== version) return attempt()
          // The page comes before any activity taken in since the first part (own edits' entries).
          entry.slot.update((d) => ({
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
          entry.fetching = false
        })
        .catch(failed)
    }
    if (!entry.fetching) attempt()
  }

  // ---- index lines and follow-ups ------------------------------------------------------------------

  /** The newest index line main announced for each story written since the window opened. */
  summaryMap = (): ReadonlyMap<string, StorySummary> => {
    if (this.summariesChanged) {
      this.summaryView = new Map(this.summaries)
      this.summariesChanged = false
    }
    return this.summaryView
  }

  /** Every follow-up owed across the library (null until first loaded); asks main the first time. */
  followUps = (): StoryFollowUp[] | null => this.followUpList

  holdFollowUps(report: ReportFailure): void {
    const stale = this.followUpsSeeded?.() ?? false
    this.followUpsSeeded = null
    if (stale) this.followUpsAsked = false
    if (this.followUpsAsked) return
    this.followUpsAsked = true
    this.open()
    void this.library
      .edit({ send: () => takeEarly('library.followUps', {}) ?? call('library.followUps', {}) }, report)
      .then((list) => {
        if (!list) return void (this.followUpsAsked = false)
        // Stories written while the list was on its way: their announced lines are newer than it.
        const written = new Set(this.summaries.keys())
        this.followUpList = [
          ...list.filter((f) => !written.has(f.storyId)),
          ...[...this.summaries.values()].flatMap(followUpsOf)
        ]
        this.notify()
      })
  }

  // ---- the one subscription ------------------------------------------------------------------------

  private heard(change: LibraryChange): void {
    if (change.entity === 'library') {
      this.library.update((l) => ({ ...l, people: change.people, settings: change.settings }))
      if (change.sources.length > 0) {
        const changed = new Map(change.sources.map((s) => [s.id, s]))
        for (const entry of this.stories.values())
          entry.slot.update((d) =>
            d.sources.some((s) => changed.has(s.id))
              ? { ...d, sources: d.sources.map((s) => changed.get(s.id) ?? s) }
              : d
          )
      }
    } else {
      const { summary } = change
      this.summaries.set(summary.id, summary)
      this.summariesChanged = true
      if (this.followUpList) {
        const mine = followUpsOf(summary)
        const list = this.followUpList
        if (mine.length > 0 || list.some((f) => f.storyId === summary.id))
          this.followUpList = [...list.filter((f) => f.storyId !== summary.id), ...mine]
      }
      const entry = this.stories.get(change.storyId)
      if (entry) {
        const heard = entry.follower.heard(change)
        // A write to a story only kept for a reopen: forgotten, so the next open fetches it, rather than fetched now.
        if (heard.kind === 'fetch' && entry.holders === 0) this.drop(entry.id)
        else if (heard.kind === 'fetch') this.fetchStory(entry)
        else if (heard.kind === 'absorb') entry.absorb(heard.writes)
      }
      this.notify()
    }
    for (const listener of [...this.changeListeners]) listener(change)
  }
}

function followUpsOf(summary: StorySummary): StoryFollowUp[] {
  return summary.deletedAt === null
    ? summary.followUps.map((followUp) => ({ storyId: summary.id, title: summary.title, followUp }))
    : []
}
