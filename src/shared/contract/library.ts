// The library as a whole: what the library screen shows, settings, people, where it lives.
import { z } from 'zod'
import { DeskState, FollowUp, Id, Name, Person, Settings, SettingsPatch, StorySummary } from '../model'
import { channels, read, write, NoInput, Nothing } from './channel'
import { deskMarks, librarySorts } from './values'

export { deskMarks, librarySorts } from './values'

export const LibraryNotice = z.strictObject({
  kind: z.enum([
    'recovered_from_backup',
    'quarantined',
    'read_only',
    'created',
    'missing',
    'unreadable',
    'rebuilt',
    /** A scheduled check found a signed-off story's published page changed (file: the story's id). */
    'published_changed'
  ]),
  file: z.string(),
  message: z.string(),
  movedTo: z.string().nullable()
})
export type LibraryNotice = z.infer<typeof LibraryNotice>

/** The library without its stories: the library screen pages through those with library.search. */
export const LibraryState = z.strictObject({
  path: z.string(),
  readOnly: z.boolean(),
  people: z.array(Person),
  settings: Settings,
  /** Who is editing on this machine; null when nobody has said yet (a new or copied library). */
  currentEditorId: Id.nullable(),
  notices: z.array(LibraryNotice)
})
export type LibraryState = z.infer<typeof LibraryState>

export const LibrarySort = z.enum(librarySorts)
export type LibrarySort = z.infer<typeof LibrarySort>

export const DeskMark = z.enum(deskMarks)
export type DeskMark = z.infer<typeof DeskMark>

/** The library screen's search box, filters and sort, and which slice of the result it wants. */
export const LibraryQuery = z.strictObject({
  query: z.string().max(200),
  deskState: z.union([DeskState, z.literal('all')]),
  /** A person's id, or 'all'. */
  assignee: z.union([Id, z.literal('all')]),
  /** Only stories standing so with the desk; ignored when the library is not connected to one. */
  desk: z.union([DeskMark, z.literal('all')]).default('all'),
  sort: LibrarySort,
  offset: z.number().int().min(0),
  limit: z.number().int().min(1).max(500)
})
export type LibraryQuery = z.infer<typeof LibraryQuery>

/** The whole desk as this library sees it: every story on it is pulled here; `inLibrary` of them already are. */
export const DeskView = z.strictObject({ stories: z.number().int().min(0), inLibrary: z.number().int().min(0) })
export type DeskView = z.infer<typeof DeskView>

/** Where in a story a search word was found. */
export const hitPlaces = [
  'headline',
  'outlet',
  'claim',
  'rationale',
  'evidence',
  'source',
  'tag',
  'comment',
  'text'
] as const
export const HitPlace = z.enum(hitPlaces)
export type HitPlace = z.infer<typeof HitPlace>

/**
 * One place a story matched the search words: a few words around the hit, with the matched words'
 * offsets in `snippet` (start, end), where it is ("claim C4", "evidence from Census Bureau", "story
 * text") and the claim it belongs to, if any (opening the hit selects that claim).
 */
export const SearchHit = z.strictObject({
  place: HitPlace,
  label: z.string(),
  claimId: Id.nullable(),
  snippet: z.string(),
  marks: z.array(z.tuple([z.number().int().min(0), z.number().int().min(0)]))
})
export type SearchHit = z.infer<typeof SearchHit>

export const LibraryPage = z.strictObject({
  total: z.number().int().min(0),
  offset: z.number().int().min(0),
  /** With search words, best match first (the sort applies without them); otherwise in the sort asked for. */
  stories: z.array(StorySummary),
  /** With search words: where each story of the page matched, best places first (at most three). */
  hits: z.record(Id, z.array(SearchHit)),
  /** While the library's stories are still being read into the search index: only headlines and outlets of the rest are searched. */
  indexing: z.strictObject({ done: z.number().int().min(0), total: z.number().int().min(0) }).nullable(),
  /** Null when the library is not connected to a desk. */
  desk: DeskView.nullable(),
  /** How each story of the page stands with the desk (empty when not connected). */
  marks: z.record(Id, DeskMark)
})
export type LibraryPage = z.infer<typeof LibraryPage>

/** A follow-up owed on a claim, with the story it is in: the library's due list. */
export const StoryFollowUp = z.strictObject({ storyId: Id, title: z.string(), followUp: FollowUp })
export type StoryFollowUp = z.infer<typeof StoryFollowUp>

export const libraryChannels = channels('library', {
  followUps: read(NoInput, z.array(StoryFollowUp)),
  search: read(LibraryQuery, LibraryPage),
  open: read(NoInput, z.strictObject({ opened: z.boolean(), path: z.string() }))
})

/** The library's people and settings as they stand (answered by main/services/library.ts, beside their edits). */
export const libraryStateChannels = channels('library', {
  get: read(NoInput, LibraryState)
})

export const settingsChannels = channels('settings', {
  update: write(z.strictObject({ patch: SettingsPatch }), Settings)
})

export const peopleChannels = channels('people', {
  create: write(z.strictObject({ name: Name }), Person),
  rename: write(z.strictObject({ id: Id, name: Name }), Person),
  setActive: write(z.strictObject({ id: Id, active: z.boolean() }), Person),
  setCurrent: read(z.strictObject({ id: Id }), z.strictObject({ currentEditorId: Id }))
})

export const shellChannels = channels('shell', {
  openExternal: read(z.strictObject({ url: z.string().max(4000) }), Nothing)
})
