// Settings change a field at a time: a patch touches only what it names, through the real dispatch and store.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openTestCore, type TestCore } from '../testing/test-core'

let t: TestCore
beforeEach(async () => {
  t = await openTestCore()
})
afterEach(() => t.cleanup())

describe('settings.update', () => {
  it('keeps the shortcuts an editor chose when another setting changes, also after a restart', async () => {
    const shortcuts = { singleKeys: false, keys: { next: 'n', previous: 'p', mark: 'x', search: 's', help: 'h' } }
    await t.call('settings.update', { patch: { shortcuts } })
    const saved = await t.call('settings.update', { patch: { organisationName: 'Town Desk' } })
    expect(saved.organisationName).toBe('Town Desk')
    expect(saved.shortcuts).toEqual(shortcuts)
    await t.restart()
    const after = (await t.call('library.get', {})).settings
    expect(after.shortcuts).toEqual(shortcuts)
    expect(after.organisationName).toBe('Town Desk')
  })
})
