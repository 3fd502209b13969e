// Who is editing belongs to the machine; people can be added, renamed and deactivated.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { LIBRARY_SCHEMA_VERSION, nameAt } from '../../shared/model'
import { configIdentity } from '../app-config'
import { openTestCore, withEditor, type TestCore } from '../testing/test-core'

const opened: TestCore[] = []
const temp: string[] = []
afterEach(async () => {
  for (const t of opened.splice(0)) await t.cleanup()
  for (const dir of temp.splice(0)) await rm(dir, { recursive: true, force: true })
})

async function open(...args: Parameters<typeof openTestCore>): Promise<TestCore> {
  const t = await openTestCore(...args)
  opened.push(t)
  return t
}

const state = (t: TestCore) => t.call('library.get', {})

describe('current editor', () => {
  it('adding a colleague never switches who is editing', async () => {
    const t = await open()
    const me = await withEditor(t, 'Amira Haddad')
    const colleague = await t.call('people.create', { name: 'Jonas Berg' })
    expect(colleague.active).toBe(true)
    expect((await state(t)).currentEditorId).toBe(me)
  })

  it('is kept in the per-user config, not in library.json, and a copy opened elsewhere asks again', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'factdesk-identity-'))
    temp.push(root)
    const library = path.join(root, 'library')
    const first = await openTestCore({ libraryDir: library, identity: configIdentity(path.join(root, 'user-a')) })
    const me = await withEditor(first, 'Amira Haddad')
    await first.core.close()
    expect(await readFile(path.join(library, 'library.json'), 'utf8')).not.toContain('currentEditorId')

    const again = await openTestCore({ libraryDir: library, identity: configIdentity(path.join(root, 'user-a')) })
    expect((await state(again)).currentEditorId).toBe(me)
    await again.core.close()

    const copy = path.join(root, 'copied')
    await cp(library, copy, { recursive: true })
    const elsewhere = await openTestCore({ libraryDir: copy, identity: configIdentity(path.join(root, 'user-b')) })
    expect((await state(elsewhere)).currentEditorId).toBeNull()
    const refused = await elsewhere.core.dispatch(
      'stories.create',
      { title: 'T', text: 'Some words.' },
      { url: 'app://factdesk/index.html', isMainFrame: true }
    )
    expect(refused.ok ? null : refused.error.code).toBe('no_editor')
    await elsewhere.core.close()
  })

  it('ignores and removes currentEditorId from an older library', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'factdesk-identity-'))
    temp.push(root)
    const library = path.join(root, 'library')
    const seed = await openTestCore({ libraryDir: library })
    const me = await withEditor(seed, 'Amira Haddad')
    await seed.core.close()
    // Write the file as Factdesk 1 did: format 1, people without the new fields, the editor inside.
    const file = path.join(library, 'library.json')
    const v2 = JSON.parse(await readFile(file, 'utf8')) as {
      people: Record<string, unknown>[]
      settings: Record<string, unknown>
    }
    const v1 = {
      ...v2,
      schemaVersion: 1,
      people: v2.people.map(({ active: _a, formerNames: _f, ...p }) => p),
      settings: { ...v2.settings, currentEditorId: me }
    }
    await writeFile(file, JSON.stringify(v1))

    const reopened = await open({ libraryDir: library })
    const after = await state(reopened)
    expect(after.currentEditorId).toBeNull()
    expect(after.settings).not.toHaveProperty('currentEditorId')
    expect(after.people.map((p) => [p.name, p.active])).toEqual([['Amira Haddad', true]])
    const saved = JSON.parse(await readFile(file, 'utf8')) as {
      schemaVersion: number
      settings: Record<string, unknown>
    }
    expect(saved.schemaVersion).toBe(LIBRARY_SCHEMA_VERSION)
    expect(saved.settings).not.toHaveProperty('currentEditorId')
  })
})

describe('people', () => {
  it('renaming keeps the old name for history', async () => {
    let clock = Date.parse('2026-01-01T00:00:00Z')
    const t = await open({ now: () => new Date(clock) })
    const me = await withEditor(t, 'Dana Whit')
    clock += 60_000
    const renamed = await t.call('people.rename', { id: me, name: 'Dana Whitfield' })
    expect(renamed.initials).toBe('DW')
    expect(nameAt(renamed, '2026-01-01T00:00:30Z')).toBe('Dana Whit')
    expect(nameAt(renamed, '2026-01-01T00:02:00Z')).toBe('Dana Whitfield')
    expect(nameAt(renamed)).toBe('Dana Whitfield')
    await t.call('people.create', { name: 'Jonas Berg' })
    const clash = await t.core.dispatch(
      'people.rename',
      { id: me, name: 'jonas berg' },
      { url: 'app://factdesk/index.html', isMainFrame: true }
    )
    expect(clash.ok ? null : clash.error.code).toBe('conflict')
  })

  it('a deactivated person cannot be chosen and stops being the current editor', async () => {
    const t = await open()
    const me = await withEditor(t, 'Amira Haddad')
    const other = await t.call('people.create', { name: 'Jonas Berg' })
    await t.call('people.setActive', { id: other.id, active: false })
    const refused = await t.core.dispatch(
      'people.setCurrent',
      { id: other.id },
      { url: 'app://factdesk/index.html', isMainFrame: true }
    )
    expect(refused.ok ? null : refused.error.code).toBe('conflict')
    await t.call('people.setActive', { id: me, active: false })
    expect((await state(t)).currentEditorId).toBeNull()
    await t.call('people.setActive', { id: me, active: true })
    expect((await state(t)).currentEditorId).toBe(me)
  })
})
