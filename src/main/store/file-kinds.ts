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
import type { FileKind } from './safe-load'

export const libraryKind: FileKind<LibraryFileT> = {
  label: 'the library index',
  schema: LibraryFile,
  currentVersion: LIBRARY_SCHEMA_VERSION,
  migrations: {
    // Who is editing belongs to the machine, not the library: a copied library no longer carries it.
    1: (data) => {
      const settings = { ...(data.settings as Record<string, unknown>) }
      delete settings.currentEditorId
      return { ...data, settings }
    }
  }
}

export const storyKind = (id: string): FileKind<StoryFileT> => ({
  label: `the story file ${id}.json`,
  schema: StoryFile,
  currentVersion: STORY_SCHEMA_VERSION,
  migrations: {}
})

export const emptyLibrary = (): LibraryFileT => ({
  schemaVersion: LIBRARY_SCHEMA_VERSION,
  stories: [],
  people: [],
  sources: [],
  settings: structuredClone(defaultSettings)
})
