// What main tells the renderer without being asked.
import { z } from 'zod'
import { LibraryNotice } from './library'

export const events = {
  'library.changed': z.strictObject({ storyId: z.string().nullable() }),
  'store.recovered': LibraryNotice,
  'export.progress': z.strictObject({ done: z.number().int(), total: z.number().int() }),
  'menu.command': z.strictObject({
    command: z.enum(['open-library', 'import-file', 'import-url', 'new-story', 'export', 'import-package', 'shortcuts', 'settings', 'undo', 'redo'])
  })
}
export type EventName = keyof typeof events
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>
export const eventNames = Object.keys(events) as EventName[]
