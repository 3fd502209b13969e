// The composition root shared by every way of running Factdesk (Electron, the e2e browser driver,
// tests, benchmarks): opens the library, builds the services and returns the dispatch.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { LibraryChange } from '../shared/contract'
import { AppError } from '../shared/result'
import { canonicalText } from '../shared/text/canonical'
import { createDispatch, type Dispatch, type Handlers, type Refusal } from './dispatch'
import { Foreground } from './foreground'
import { createImporter } from './import'
import { handlersOf } from './registry'
import { memoryHandlers } from './memory/handlers'
import { SentenceEmbedder, type EmbedderOptions } from './memory/embedder'
import { DeskMemory } from './memory/memory'
import { deskManager, type DeskManager } from './desk/service'
import {
  memoryNetworkHosts,
  memoryWatchSchedule,
  type EditorIdentity,
  type NetworkHosts,
  type WatchSchedule
} from './identity'
import { externalUrl, type Platform } from './platform'
import { annotationHandlers } from './services/annotations'
import { claimHandlers } from './services/claims'
import { contactHandlers } from './services/contacts'
import { History } from './services/history'
import { randomId, type ServiceContext } from './services/context'
import { libraryHandlers } from './services/library'
import { PublishedWatch, type WatchTimers } from './services/published-watch'
import { seedSampleStory } from './services/sample'
import { sourceHandlers } from './services/sources'
import { storyHandlers } from './services/stories'
import { revisionHandlers } from './services/revise'
import { transferHandlers } from './services/transfer'
import { workerPdfWriter, type PdfWriterOptions } from './reports/pdf-writer'
import { LibraryStore, type StoreChange, type StoreOptions } from './store/library-store'
import { StoryIndex } from './services/story-index'
import type { FullText } from './services/full-text'

export interface CoreOptions {
  libraryDir: string
  platform: Platform
  /** Where this machine remembers who is editing each library. */
  identity: EditorIdentity
  /** Where this machine remembers the local-network hosts the editor allowed URL imports to reach (memory when not given). */
  networkHosts?: NetworkHosts
  /** How often this machine checks the published pages of signed-off stories (off, in memory, when not given). */
  watchSchedule?: WatchSchedule
  /** The scheduled check's timer (tests drive a fake clock; the global timer when not given). */
  watchTimers?: WatchTimers
  sampleStoryPath: string
  isTrustedOrigin(url: string): boolean
  now?: () => Date
  newId?: () => string
  checkOutput?: boolean
  store?: StoreOptions
  fetch?: typeof fetch
  /** The import worker's script and limits; defaults to the built worker beside the main bundle. */
  importer?: { workerFile?: string; convertMs?: number; heapMb?: number; lookup?: (host: string) => Promise<string[]> }
  /** The PDF worker's script, and what an export waits on before it starts (the e2e driver holds one there). */
  pdf?: PdfWriterOptions
  /** The embedding worker behind "Suggest claims" (tests shorten its idle time). */
  embedder?: EmbedderOptions
  /** How long the desk sync waits before reconnecting (tests shorten it). */
  deskRetryMs?: number
  /** The app's version and where its log is, for the window's error screens. */
  app?: { version: string; logFile: string | null }
  onInternalError?(channel: string, error: unknown): void
  /** A call refused before it reached a handler (wrong sender, unknown channel), for the log. */
  onRefused?(refusal: Refusal): void
  /** A render error the window reported. */
  onRendererError?(report: { message: string; stack: string | null; where: string }): void
}

export interface Core {
  dispatch: Dispatch
  readonly memory: DeskMemory
  readonly store: LibraryStore
  readonly desk: DeskManager
  /** The library search's word index (tests and the bench wait on its background build). */
  readonly searchIndex: FullText
  /** The scheduled check of published pages (services/published-watch.ts). */
  readonly watch: PublishedWatch
  close(): Promise<void>
}

export async function createCore(options: CoreOptions): Promise<Core> {
  const { platform } = options
  const now = options.now ?? (() => new Date())
  const newId = options.newId ?? randomId
  let store!: LibraryStore
  /** Where store writes reach the desk sync, once it exists. */
  let deskChanged = (_change: StoreChange): void => undefined
  let index: StoryIndex | undefined
  const foreground = new Foreground()
  let unfollow = (): void => undefined
  /** Writes announced so far (in every library this core opened), and the last one of each story. */
  let writes = 0
  const storyVersions = new Map<string, number>()
  let chosenEditor: string | null = null
  /** Undo and redo per story: hears every write (services/history.ts). */
  const history = new History(
    {
      now,
      get editorId() {
        return ctx.editorId
      }
    },
    (state) => platform.setEditMenu(state)
  )
  /** Makes `opened` the library: the search index is built from it and follows its writes, each announced to the window. */
  const follow = (opened: LibraryStore): void => {
    unfollow()
    store = opened
    history.reset()
    index?.text.close()
    const words = new StoryIndex(opened.library.stories, {
      read: (id) => opened.peekStory(id),
      sources: () => opened.library.sources,
      waitTurn: () => foreground.quiet()
    })
    index = words
    // Headlines and outlets are searchable at once; the rest of each story is read in the background.
    setImmediate(() => void words.text.start())
    unfollow = opened.onChange((change) => {
      const version = ++writes
      history.hear(change)
      if (change.entity === 'story') {
        storyVersions.set(change.summary.id, version)
        words.put(change.summary, change.created)
        memory.changed(change.summary.id)
      } else if (change.sources.length > 0) words.sourcesChanged(change.sources)
      // Every write, the desk's own merges included, may leave the library differing from the desk.
      deskChanged(change)
      platform.emit('library.changed', announcement(change, version, now))
    })
  }
  follow(await openLibrary(options.libraryDir, options, now, newId))
  const searchIndex = (): StoryIndex => index as StoryIndex
  const importer = createImporter({ fetch: options.fetch ?? fetch, ...options.importer })
  chosenEditor = await options.identity.load(store.dir)

  const ctx: ServiceContext = {
    get store() {
      return store
    },
    now,
    newId,
    // Only someone active in this library counts: a choice made for another copy means asking again.
    get editorId() {
      return store.library.people.some((p) => p.id === chosenEditor && p.active) ? chosenEditor : null
    },
    async chooseEditor(id) {
      await options.identity.save(store.dir, id)
      chosenEditor = id
      // Undo and redo are the editor's own: the Edit menu follows who is editing.
      history.refreshMenu()
    },
    storyVersion: (storyId) => storyVersions.get(storyId) ?? 0
  }

  // The check-worthiness models ship in the resources folder beside the sample story.
  const memory = new DeskMemory(
    () => store,
    path.dirname(options.sampleStoryPath),
    new SentenceEmbedder(options.embedder)
  )
  const desk = deskManager(ctx, platform, options.deskRetryMs)
  deskChanged = (change) =>
    change.entity === 'story' ? desk.changed(change.summary.id, change.edit) : desk.changed(null)
  await desk.resume()
  const networkHosts = options.networkHosts ?? memoryNetworkHosts()
  // A timer asks nothing: a redirect inward goes only to hosts the editor already allowed.
  const watch = new PublishedWatch(ctx, {
    schedule: options.watchSchedule ?? memoryWatchSchedule(),
    timers: options.watchTimers,
    fetchPage: (url) => importer.url(url, { consent: (host) => networkHosts.allowed(host) }),
    finished: (run) => platform.emit('published.checked', run)
  })
  await watch.start()

  const handlers: Handlers = handlersOf({
    app: {
      info: () => ({
        version: options.app?.version ?? '0.0.0',
        logFile: options.app?.logFile ?? null,
        libraryDir: store.dir
      }),
      reportError: (report) => {
        options.onRendererError?.(report)
        return null
      }
    },
    ...libraryHandlers(ctx),
    desk: desk.handlers,
    library: {
      search: async (query) => {
        const index = searchIndex()
        // The index takes in the stories written so far (each a re-read of one story) before it answers.
        await index.text.settled({ build: false })
        // Connected, the screen is the lead's view of the whole desk: every story on it is pulled here (see DeskSync.view).
        const view = desk.sync?.view() ?? null
        const page = index.query(query, view?.mark ?? null)
        return {
          ...page,
          desk: view?.counts ?? null,
          marks: view ? Object.fromEntries(page.stories.map((s) => [s.id, view.mark(s.id)])) : {}
        }
      },
      followUps: () => searchIndex().followUps(),
      open: async () => {
        const dir = await platform.chooseLibraryFolder()
        if (!dir) return { opened: false, path: store.dir }
        if (dir === store.dir) return { opened: true, path: dir }
        const previous = store
        await watch.stop()
        await desk.close()
        await previous.close()
        try {
          // Taking over another computer's lock is only ever for the folder the user confirmed it for.
          follow(await openLibrary(dir, { ...options, store: { ...options.store, takeOverLock: false } }, now, newId))
        } catch (error) {
          follow(await LibraryStore.open(previous.dir, { now, ...options.store, takeOverLock: false }))
          await watch.start()
          throw error
        }
        chosenEditor = await options.identity.load(dir)
        await desk.resume()
        await watch.start()
        await platform.rememberLibrary(dir)
        return { opened: true, path: dir }
      }
    },
    shell: {
      openExternal: async ({ url }) => {
        const safe = externalUrl(url)
        if (!safe) throw new AppError('invalid_input', 'Only web (http/https) and email links can be opened.')
        await platform.openExternal(safe)
        return null
      }
    },
    stories: storyHandlers(ctx, canonicalText),
    revision: revisionHandlers(ctx),
    claims: claimHandlers(ctx),
    annotations: annotationHandlers(ctx),
    contacts: contactHandlers(ctx),
    ...sourceHandlers(ctx),
    ...transferHandlers(ctx, { platform, importer, networkHosts, pdf: workerPdfWriter(options.pdf) }),
    memory: memoryHandlers(ctx, memory, platform),
    history: history.handlers(ctx),
    published: {
      watch: () => watch.state(),
      setWatch: ({ hours }) => watch.setHours(hours)
    }
  })

  const answer: Dispatch = createDispatch(handlers, {
    isTrustedOrigin: options.isTrustedOrigin,
    checkOutput: options.checkOutput,
    writeRefusal: () => store.writeRefusal(),
    onInternalError: options.onInternalError,
    onRefused: options.onRefused
  })
  // Every call from the window holds the background work back a moment (foreground.ts).
  const dispatch: Dispatch = (...call) => {
    foreground.heard()
    return answer(...call)
  }

  async function openLibrary(
    dir: string,
    opts: CoreOptions,
    clock: () => Date,
    ids: () => string
  ): Promise<LibraryStore> {
    const opened = await LibraryStore.open(dir, { now: clock, ...opts.store })
    if (opened.created) {
      const sample = await readFile(opts.sampleStoryPath, 'utf8')
      await seedSampleStory({ store: opened, now: clock, newId: ids }, sample, canonicalText)
    }
    for (const notice of opened.notices) platform.emit('store.recovered', notice)
    // Damage found later (a story file first read when it is opened) is told the same way, once.
    opened.onNotice((notice) => platform.emit('store.recovered', notice))
    return opened
  }

  return {
    dispatch,
    memory,
    get store() {
      return store
    },
    desk,
    get searchIndex() {
      return searchIndex().text
    },
    watch,
    close: async () => {
      await watch.stop()
      index?.text.close()
      await importer.close()
      await memory.close()
      await desk.close()
      await store.close()
    }
  }
}

/** What the window hears about one write: for a story its new index line, for library.json what it holds now; its number and the calls that caused it. */
function announcement(change: StoreChange, version: number, now: () => Date): LibraryChange {
  const { callIds } = change
  if (change.entity === 'story')
    return {
      entity: 'story',
      storyId: change.summary.id,
      updatedAt: change.summary.updatedAt,
      summary: change.summary,
      activity: change.activity,
      version,
      callIds
    }
  return {
    entity: 'library',
    updatedAt: now().toISOString(),
    people: change.library.people,
    settings: change.library.settings,
    sources: change.sources,
    version,
    callIds
  }
}
