// The composition root shared by every way of running Factdesk (Electron, the e2e browser driver,
// tests, benchmarks): opens the library, builds the services and returns the dispatch.
import { readFile } from 'node:fs/promises'
import { isChannel, type Channel } from '../shared/contract'
import { AppError } from '../shared/result'
import { canonicalText } from '../shared/text/canonical'
import { createDispatch, type Dispatch, type Handlers, type Refusal } from './dispatch'
import { externalUrl, type Platform } from './platform'
import { claimHandlers } from './services/claims'
import { randomId, type ServiceContext } from './services/context'
import { libraryHandlers } from './services/library'
import { seedSampleStory } from './services/sample'
import { sourceHandlers } from './services/sources'
import { storyHandlers } from './services/stories'
import { revisionHandlers } from './services/revise'
import { transferHandlers } from './services/transfer'
import { LibraryStore, type StoreOptions } from './store/library-store'

export interface CoreOptions {
  libraryDir: string
  platform: Platform
  sampleStoryPath: string
  isTrustedOrigin(url: string): boolean
  now?: () => Date
  newId?: () => string
  checkOutput?: boolean
  store?: StoreOptions
  fetch?: typeof fetch
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
  readonly store: LibraryStore
  close(): Promise<void>
}

/** Calls that only read; every other successful call tells the renderer the library changed. */
const readOnlyChannels = new Set<Channel>(['app.info', 'app.reportError', 'library.get', 'stories.list', 'stories.get', 'stories.revision', 'stories.trash', 'sources.list', 'shell.openExternal', 'export.report', 'export.reveal'])

export async function createCore(options: CoreOptions): Promise<Core> {
  const { platform } = options
  const now = options.now ?? (() => new Date())
  const newId = options.newId ?? randomId
  let store = await openLibrary(options.libraryDir, options, now, newId)

  const ctx: ServiceContext = {
    get store() {
      return store
    },
    now,
    newId
  }

  const handlers: Handlers = {
    'app.info': () => ({ version: options.app?.version ?? '0.0.0', logFile: options.app?.logFile ?? null, libraryDir: store.dir }),
    'app.reportError': (report) => {
      options.onRendererError?.(report)
      return null
    },
    ...libraryHandlers(ctx),
    'library.open': async () => {
      const dir = await platform.chooseLibraryFolder()
      if (!dir) return { opened: false, path: store.dir }
      if (dir === store.dir) return { opened: true, path: dir }
      const previous = store
      await previous.close()
      try {
        // Taking over another computer's lock is only ever for the folder the user confirmed it for.
        store = await openLibrary(dir, { ...options, store: { ...options.store, takeOverLock: false } }, now, newId)
      } catch (error) {
        store = await LibraryStore.open(previous.dir, { now, ...options.store, takeOverLock: false })
        throw error
      }
      await platform.rememberLibrary(dir)
      return { opened: true, path: dir }
    },
    'shell.openExternal': async ({ url }) => {
      const safe = externalUrl(url)
      if (!safe) throw new AppError('invalid_input', 'Only web (http/https) and email links can be opened.')
      await platform.openExternal(safe)
      return null
    },
    ...storyHandlers(ctx, canonicalText),
    ...claimHandlers(ctx),
    ...sourceHandlers(ctx),
    ...revisionHandlers(ctx),
    ...transferHandlers(ctx, { platform, fetch: options.fetch ?? fetch })
  }

  const inner = createDispatch(handlers, {
    isTrustedOrigin: options.isTrustedOrigin,
    checkOutput: options.checkOutput,
    onInternalError: options.onInternalError,
    onRefused: options.onRefused
  })

  const dispatch: Dispatch = async (channel, input, sender) => {
    const result = await inner(channel, input, sender)
    if (result.ok && isChannel(channel) && !readOnlyChannels.has(channel)) {
      const record = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>
      const storyId = typeof record.storyId === 'string' ? record.storyId : typeof record.id === 'string' ? record.id : null
      platform.emit('library.changed', { storyId })
    }
    return result
  }

  async function openLibrary(dir: string, opts: CoreOptions, clock: () => Date, ids: () => string): Promise<LibraryStore> {
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
    get store() {
      return store
    },
    close: () => store.close()
  }
}
