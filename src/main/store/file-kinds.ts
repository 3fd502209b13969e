// The two kinds of file in a library folder, with their schemas and upgrade functions.
import {
  LIBRARY_SCHEMA_VERSION,
  LibraryFile,
  STORY_SCHEMA_VERSION,
  StoryFile,
  defaultSettings,
  type LibraryFile as LibraryFileT,
  type StoryFile as StoryFileT
} from '../../shared/model'
import { libraryMigrations, storyMigrations } from './migrations'
import type { FileKind } from './safe-load'

export const libraryKind: FileKind<LibraryFileT> = {
  label: 'the library index',
  schema: LibraryFile,
  currentVersion: LIBRARY_SCHEMA_VERSION,
  migrations: libraryMigrations,
  shape: LibraryFile
}

/** A story file holds the story its name says: a file whose inner id differs is not that story. */
export const storyKind = (id: string): FileKind<StoryFileT> => ({
  label: `the story file ${id}.json`,
  schema: StoryFile.refine((file) => file.story.id === id, {
    message: `the story inside is not ${id}`,
    path: ['story', 'id']
  }),
  currentVersion: STORY_SCHEMA_VERSION,
  migrations: storyMigrations,
  shape: StoryFile
})

export const emptyLibrary = (): LibraryFileT => ({
  schemaVersion: LIBRARY_SCHEMA_VERSION,
  stories: [],
  people: [],
  sources: [],
  settings: structuredClone(defaultSettings)
})
