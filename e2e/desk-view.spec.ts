// The lead's view: connected to a desk, the library screen lists every story on the desk with its
// counts and assignees, says how much of the desk is in this library, and marks how each story stands
// with the desk. A second editor works in a Factdesk core of its own (no window) on its own library
// folder; the lead works in the app window. Connecting goes through the bridge (the Connect dialog has
// its own journey, e2e/desk-sync.spec.ts).
import type { LocalPostgres } from '../src/main/desk/local-postgres'
import { DESK, needsPostgres, pgMissing, startDeskServer } from './support/desk-server'
import { settled } from '../src/main/desk/testing/desk-cluster'
import { openTestCore, withEditor, type TestCore } from '../src/main/testing/test-core'
import { LibraryPage } from './pages/library-page'
import { StoryPage } from './pages/story-page'
import { expect, test } from './support/fixtures'

const SAMPLE_TITLE = 'Trump Rules Out Sending US Troops to Ukraine as Peace Talks Advance'
const TITLE = 'Harbour dredging overruns'
const TEXT = 'The harbour authority spent 12 million on dredging. The port said traffic doubled. Fees rose by a third.'
/** Generous: sync is live (LISTEN/NOTIFY), but the machine may be busy; no timing is asserted. */
const SYNCED = { timeout: 20_000 }

let pg: LocalPostgres | null = null
let jonas: TestCore | null = null

test.beforeAll(async () => {
  if (pgMissing) return
  test.setTimeout(90_000)
  pg = await startDeskServer()
})

test.afterAll(async () => {
  await jonas?.cleanup()
  await pg?.remove()
})

test('the lead sees every story on the desk, with counts, assignees and how each stands with the desk', async ({
  factdesk
}) => {
  test.skip(pgMissing !== null, needsPostgres)
  test.setTimeout(120_000)
  const server = pg!
  const connectInput = (user: string, password: string) => ({
    host: server.host,
    port: server.port,
    database: server.database,
    user,
    password,
    ssl: false,
    deskId: DESK
  })

  // Jonas, on his own machine, checks a story and assigns a claim to a colleague.
  const other = (jonas = await openTestCore({ deskRetryMs: 150 }))
  await withEditor(other, 'Jonas Berg')
  await other.call('desk.connect', connectInput('jonas', 'jonas-desk'))
  const rosa = await other.call('people.create', { name: 'Rosa Diaz' })
  const story = await other.call('stories.create', { title: TITLE, text: TEXT })
  const claims = []
  for (const words of ['12 million on dredging', 'traffic doubled', 'rose by a third']) {
    const start = TEXT.indexOf(words)
    claims.push(await other.call('claims.create', { storyId: story.id, start, end: start + words.length }))
  }
  await other.call('claims.update', {
    storyId: story.id,
    claimId: claims[0]!.id,
    patch: { assignee: rosa.id, status: 'done', verdict: 'false' }
  })
  await settled(other)

  // Dana, the lead, connects her library: Jonas's story arrives with its counts and assignee.
  const page = factdesk.page
  const library = new LibraryPage(page)
  await library.addEditor('Dana Whitfield')
  const connected = await page.evaluate(
    async (input) => {
      const api = (
        window as unknown as {
          factdesk: { desk: { connect(i: unknown): Promise<{ ok: boolean; error?: { message: string } }> } }
        }
      ).factdesk
      return api.desk.connect(input)
    },
    connectInput('dana', 'dana-desk')
  )
  expect(connected.ok, connected.error?.message).toBe(true)

  await expect(library.row(TITLE)).toBeVisible(SYNCED)
  await expect(page.getByTestId('desk-view')).toHaveText('Whole desk: 1 story, all in this library.', SYNCED)
  await expect(library.progressOf(TITLE)).toHaveText('1 of 3 done')
  // Rosa's initials: the assignee, with her name from the desk's people.
  await expect(library.row(TITLE).getByRole('cell').nth(4)).toHaveText('RD')
  await expect(library.row(TITLE).getByTestId('desk-mark')).toHaveCount(0)
  // The sample story never left this machine.
  await expect(library.row(SAMPLE_TITLE).getByTestId('desk-mark')).toHaveText('Only in this library')

  await page.getByRole('combobox', { name: 'Stories on the desk' }).click()
  await page.getByRole('option', { name: 'Agreed with the desk' }).click()
  await expect(library.row(TITLE)).toBeVisible()
  await expect(library.row(SAMPLE_TITLE)).toHaveCount(0)

  // A status set on Jonas's machine shows in the lead's list.
  await other.call('claims.update', { storyId: story.id, claimId: claims[1]!.id, patch: { status: 'done' } })
  await expect(library.progressOf(TITLE)).toHaveText('2 of 3 done', SYNCED)

  // The story opens from the list with everything Jonas did.
  await library.open(TITLE)
  await expect(new StoryPage(page).claimItems).toHaveCount(3)
})
