// File › Open Library… switches the whole app to another library folder, and back.
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { expect, test } from './support/fixtures'
import { LibraryPage } from './pages/library-page'
import { StoryPage } from './pages/story-page'

test('open another library folder from the menu, then come back to the first', async ({ factdesk }) => {
  const other = await mkdtemp(path.join(os.tmpdir(), 'factdesk-other-library-'))
  try {
    const { page } = factdesk
    const library = new LibraryPage(page)
    await library.addEditor('Sam Ortiz')
    await library.createStory(
      'Only in the first library',
      'The harbour board said dredging would cost 3 million pounds.'
    )
    await new StoryPage(page).backToLibrary()

    await factdesk.answerFolderDialog(other)
    await factdesk.chooseMenuItem('Open Library…', 'open-library')
    await expect(library.row('Only in the first library')).toHaveCount(0)
    await expect(library.row('Trump Rules Out Sending US Troops')).toHaveCount(1)
    await expect(page.getByLabel('New editor name')).toBeVisible()

    await factdesk.answerFolderDialog(factdesk.libraryDir)
    await factdesk.chooseMenuItem('Open Library…', 'open-library')
    await expect(library.row('Only in the first library')).toHaveCount(1)
    await expect(page.getByRole('button', { name: 'Editing as Sam Ortiz. Switch editor' })).toBeVisible()
  } finally {
    await rm(other, { recursive: true, force: true })
  }
})
