// A library holding one 10,000-word story with 300 claims (the bench's long story), for the specs
// that must see what a long story costs.
import { mkdir } from 'node:fs/promises'
import { buildManyStories } from '../../src/main/testing/library-fixture'
import { test } from './fixtures'

export const LONG_STORY_TITLE = 'Council budget story 0'

export const longStory: typeof test = test.extend<{ libraryDir: string }>({
  libraryDir: async ({ libraryDir }, use) => {
    await mkdir(libraryDir, { recursive: true })
    await buildManyStories(libraryDir, 1, { claims: 300, words: 10_000 })
    await use(libraryDir)
  }
})
