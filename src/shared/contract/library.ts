// The library as a whole: what the library screen shows, settings, people, where it lives.
import { z } from 'zod'
import { Id, Person, Settings, ShortText, StorySummary } from '../model'
import { channel, NoInput, Nothing } from './channel'

export const LibraryNotice = z.strictObject({
  kind: z.enum(['recovered_from_backup', 'quarantined', 'read_only', 'created']),
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
  /** Who is editing on this machine; null when nobody has said yet (a new or copied library). */
  currentEditorId: Id.nullable(),
  notices: z.array(LibraryNotice)
})
export type LibraryState = z.infer<typeof LibraryState>

export const libraryChannels = {
  'library.get': channel(NoInput, LibraryState),
  'library.open': channel(NoInput, z.strictObject({ opened: z.boolean(), path: z.string() })),
  'settings.update': channel(z.strictObject({ patch: Settings.partial() }), Settings),
  'people.create': channel(z.strictObject({ name: ShortText.min(1) }), Person),
  'people.rename': channel(z.strictObject({ id: Id, name: ShortText.min(1) }), Person),
  'people.setActive': channel(z.strictObject({ id: Id, active: z.boolean() }), Person),
  'people.setCurrent': channel(z.strictObject({ id: Id }), z.strictObject({ currentEditorId: Id })),
  'shell.openExternal': channel(z.strictObject({ url: z.string().max(4000) }), Nothing)
}
