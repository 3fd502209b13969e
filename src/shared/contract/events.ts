// What main tells the renderer without being asked.
import { z } from 'zod'
import { Activity, Id, IsoDate, Person, Settings, Source, StorySummary } from '../model'
import { CallId, WriteVersion } from './channel'
import { DeskStatus } from './desk'
import { LibraryNotice } from './library'
import { WatchRun } from './published'

/** What every announcement carries: the write's number and the window's calls that caused it (none: background work such as a desk pull). */
const written = { version: WriteVersion, callIds: z.array(CallId) }

/**
 * One write to the library, announced by the store where it wrote it. A story write carries the
 * story's new index line and the activity it logged; a write to library.json carries the people and
 * settings as they now are and the sources it added or changed.
 */
export const LibraryChange = z.discriminatedUnion('entity', [
  z.strictObject({
    entity: z.literal('story'),
    storyId: Id,
    updatedAt: IsoDate,
    summary: StorySummary,
    activity: z.array(Activity),
    ...written
  }),
  z.strictObject({
    entity: z.literal('library'),
    updatedAt: IsoDate,
    people: z.array(Person),
    settings: Settings,
    sources: z.array(Source),
    ...written
  })
])
export type LibraryChange = z.infer<typeof LibraryChange>

export const events = {
  'library.changed': LibraryChange,
  'store.recovered': LibraryNotice,
  /** A scheduled check of the published pages finished (services/published-watch.ts). */
  'published.checked': WatchRun,
  'desk.status': DeskStatus,
  /**
   * A report export's steps: each story read, the report made (for a PDF: written), the file saved.
   * `phase` says which is under way; `done` of `total` steps are finished; while a PDF is written,
   * `claims` says how many of its claims are.
   */
  'export.progress': z.strictObject({
    phase: z.enum(['reading', 'rendering', 'saving']),
    done: z.number().int(),
    total: z.number().int(),
    claims: z.strictObject({ done: z.number().int(), total: z.number().int() }).optional()
  }),
  /** An archive import: entries read in the worker, then checks indexed. */
  'memory.archiveProgress': z.strictObject({
    stage: z.enum(['reading', 'indexing']),
    done: z.number().int(),
    total: z.number().int()
  }),
  /**
   * More of a story's sentences are embedded for "Suggest claims" (`memory.suggest` answered `refining`):
   * asking again ranks them with the encoder; `finished` the last time (all in, or the encoder failed).
   */
  'memory.suggestRefined': z.strictObject({
    storyId: Id,
    embedded: z.number().int(),
    sentences: z.number().int(),
    finished: z.boolean()
  }),
  'menu.command': z.strictObject({
    command: z.enum([
      'open-library',
      'import-file',
      'import-url',
      'new-story',
      'export',
      'import-package',
      'shortcuts',
      'settings',
      'connect-desk',
      'undo',
      'redo'
    ])
  })
}
export type EventName = keyof typeof events
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>
export const eventNames = Object.keys(events) as EventName[]
