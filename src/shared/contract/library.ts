// The library as a whole: what the library screen shows, settings, people, where it lives.
import { z } from 'zod'
import { Id, Name, Person, Settings, StorySummary } from '../model'
import { channel, NoInput, Nothing } from './channel'

export const LibraryNotice = z.strictObject({
  kind: z.enum(['recovered_from_backup', 'quarantined', 'read_only', 'created', 'missing', 'unreadable', 'rebuilt']),
  file: z.string(),
  message: z.string(),
  movedTo: z.string().nullable()
})
export type LibraryNotice = z.infer<typeof LibraryNotice>

export const LibraryState = z.strictObject({
  path: z.string(),
  readOnly: z.boolean(),
  stories: z.array(StorySummary),
  people: z.array(Person),
  settings: Settings,
  notices: z.array(LibraryNotice)
})
export type LibraryState = z.infer<typeof LibraryState>

export const libraryChannels = {
  'library.get': channel(NoInput, LibraryState),
  'library.open': channel(NoInput, z.strictObject({ opened: z.boolean(), path: z.string() })),
  'settings.update': channel(z.strictObject({ patch: Settings.partial() }), Settings),
  'people.create': channel(z.strictObject({ name: Name }), Person),
  'people.setCurrent': channel(z.strictObject({ id: Id }), Settings),
  'shell.openExternal': channel(z.strictObject({ url: z.string().max(4000) }), Nothing)
}
