// The spine: the app opens on its library through the real bridge, and the bridge refuses bad calls.
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { expect, test } from './support/fixtures'
import { callFromPage } from './pages/bridge'

const SAMPLE_TITLE = 'Trump Rules Out Sending US Troops to Ukraine as Peace Talks Advance'

test('the app opens on its library and shows the sample story', async ({ factdesk }) => {
  console.log(`driver: ${factdesk.driver}`)
  await expect(factdesk.page.getByText(SAMPLE_TITLE).first()).toBeVisible()
  const files = await readdir(path.join(factdesk.libraryDir, 'stories'))
  expect(files).toHaveLength(1)
})

test('an invalid call from the page gets a coded error and changes nothing', async ({ factdesk }) => {
  const { page, libraryDir } = factdesk
  await expect(page.getByText(SAMPLE_TITLE).first()).toBeVisible()
  const before = await readFile(path.join(libraryDir, 'library.json'), 'utf8')

  const wrongType = await callFromPage(page, 'stories.get', { id: 42 })
  expect(wrongType).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
  const extraKey = await callFromPage(page, 'people.create', { name: 'Ann', admin: true })
  expect(extraKey).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
  const noEditor = await callFromPage(page, 'stories.create', { title: 'x', text: 'Some words.' })
  expect(noEditor).toMatchObject({ ok: false, error: { code: 'no_editor' } })

  expect(await readFile(path.join(libraryDir, 'library.json'), 'utf8')).toBe(before)
})

test('the page gets one function per channel and nothing generic', async ({ factdesk }) => {
  const shape = await factdesk.page.evaluate(() => {
    const api = (window as unknown as { factdesk: Record<string, unknown> }).factdesk
    return {
      nouns: Object.keys(api).sort(),
      invoke: 'invoke' in api || 'send' in api,
      frozen: Object.isFrozen(api),
      node:
        typeof (window as unknown as { require?: unknown }).require !== 'undefined' ||
        typeof (window as unknown as { process?: unknown }).process !== 'undefined'
    }
  })
  expect(shape.nouns).toEqual(expect.arrayContaining(['claims', 'evidence', 'library', 'on', 'sources', 'stories']))
  expect(shape.invoke).toBe(false)
  expect(shape.frozen).toBe(true)
  expect(shape.node).toBe(false)
})

test('a change made in the app is still there after a restart', async ({ factdesk }) => {
  const { page } = factdesk
  await expect(page.getByText(SAMPLE_TITLE).first()).toBeVisible()
  const person = await callFromPage(page, 'people.create', { name: 'Restart Tester' })
  await callFromPage(page, 'people.setCurrent', { id: (person.value as { id: string }).id })
  const stories = (await callFromPage(page, 'stories.list', {})).value as { id: string }[]
  await callFromPage(page, 'stories.update', { id: stories[0]!.id, patch: { title: 'Renamed before restart' } })
  await factdesk.restart()
  await expect(factdesk.page.getByText('Renamed before restart').first()).toBeVisible()
})
