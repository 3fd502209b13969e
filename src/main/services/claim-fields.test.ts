// Every kind of claim field an editor can change (scalars, lists, objects) saves, logs its old and new
// value as plain data, and reads back the same after a restart. A list field once broke this: the
// activity entry kept a draft of the old list, which was revoked by the time the save checked it.
import { afterEach, beforeEach, expect, it } from 'vitest'
import { openTestCore, withEditor, type TestCore } from '../testing/test-core'

let t: TestCore
let storyId: string
let claimId: string
const text = 'Council spending rose by 4 percent in March, the treasurer said.'

beforeEach(async () => {
  t = await openTestCore()
  await withEditor(t, 'Rosa Diaz')
  storyId = (await t.call('stories.create', { title: 'Budget', text })).id
  const start = text.indexOf('rose by 4 percent')
  claimId = (await t.call('claims.create', { storyId, start, end: start + 'rose by 4 percent'.length })).id
})
afterEach(() => t.cleanup())

it('saves list and scalar fields in turn, logging plain old and new values, and keeps them over a restart', async () => {
  await t.call('claims.update', { storyId, claimId, patch: { tags: ['budget'] } })
  await t.call('claims.update', { storyId, claimId, patch: { tags: ['budget', 'council'] } })
  await t.call('claims.update', { storyId, claimId, patch: { speaker: 'The treasurer', tags: ['council'] } })

  const logged = (await t.call('stories.get', { id: storyId })).activity.filter(
    (a) => a.action === 'claim.updated' && a.field === 'tags'
  )
  expect(logged.map((a) => [a.from, a.to])).toEqual([
    [[], ['budget']],
    [['budget'], ['budget', 'council']],
    [['budget', 'council'], ['council']]
  ])

  await t.restart()
  const claim = (await t.call('stories.get', { id: storyId })).claims.find((c) => c.id === claimId)!
  expect(claim.tags).toEqual(['council'])
  expect(claim.speaker).toBe('The treasurer')
})
