// The rules that keep a verdict true to its words, through the real dispatch and store: re-check on
// changed words, sign-off with a logged override, stable claim numbers, and the contact log.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { StoryDetail } from '../../shared/contract'
import type { Claim, ContactAttempt } from '../../shared/model'
import { appSender, openTestCore, withEditor, type TestCore } from '../testing/test-core'

let t: TestCore
let editor: string
let storyId: string
const text =
  'The mayor said unemployment is less than 100 people in the town.\n\nThe new bridge opened in March, two weeks late.\n\nCouncil spending rose by 4 percent.'

beforeEach(async () => {
  t = await openTestCore()
  editor = await withEditor(t, 'Rosa Diaz')
  storyId = (await t.call('stories.create', { title: 'Town', text })).id
})
afterEach(() => t.cleanup())

const detail = () => t.call('stories.get', { id: storyId })
const mark = (words: string, source = text) =>
  t.call('claims.create', { storyId, start: source.indexOf(words), end: source.indexOf(words) + words.length })
const update = (claimId: string, patch: Partial<Claim>) => t.call('claims.update', { storyId, claimId, patch })
const claimOf = async (id: string) => (await detail()).claims.find((c) => c.id === id)!
const revise = (next: string) => t.call('stories.revise', { id: storyId, text: next })
const fail = async (channel: string, input: unknown) => {
  const result = await t.core.dispatch(channel, input, appSender)
  if (result.ok) throw new Error(`${channel} should have failed`)
  return result.error
}

describe('checked words and re-check', () => {
  it('a revision that changes the checked words puts the verdict on hold; one that does not keeps it', async () => {
    const figure = await mark('unemployment is less than 100 people')
    const bridge = await mark('The new bridge opened in March')
    await update(figure.id, { status: 'done', verdict: 'accurate' })
    await update(bridge.id, { status: 'done', verdict: 'false' })
    expect((await claimOf(figure.id)).checked).toMatchObject({
      exact: 'unemployment is less than 100 people',
      by: editor
    })

    await revise(text.replace('less than 100', 'less than 1,000').replace('Council spending', 'Town spending'))
    const changed = await claimOf(figure.id)
    const kept = await claimOf(bridge.id)
    expect(changed.anchor.quote.exact).toBe('unemployment is less than 1,000 people')
    expect(changed).toMatchObject({
      verdict: 'accurate',
      recheck: { reason: 'revised', revision: 2 },
      checked: { exact: 'unemployment is less than 100 people' }
    })
    expect(kept).toMatchObject({
      verdict: 'false',
      recheck: null,
      checked: { exact: 'The new bridge opened in March' }
    })
    const summary = (await t.call('stories.list', {})).find((s) => s.id === storyId)!
    expect(summary.recheckCount).toBe(1)
    expect(
      (await detail()).activity.some(
        (a) => a.action === 'claim.recheck' && a.claimId === figure.id && a.summary.startsWith('C1 · Needs re-check')
      )
    ).toBe(true)
  })

  it('an unchecked claim that follows edited words is simply moved, with nothing to re-check', async () => {
    const open = await mark('unemployment is less than 100 people')
    await revise(text.replace('less than 100', 'less than 1,000'))
    expect(await claimOf(open.id)).toMatchObject({ recheck: null, checked: null })
  })

  it('re-attaching an orphan with a verdict needs re-check; confirming or changing the verdict is logged with who', async () => {
    const figure = await mark('Council spending rose by 4 percent')
    await update(figure.id, { status: 'done', verdict: 'mostly_accurate' })
    const next = text.replace('Council spending rose by 4 percent.', 'Spending fell.')
    await revise(next)
    expect(await claimOf(figure.id)).toMatchObject({ orphaned: true, verdict: 'mostly_accurate' })
    await t.call('claims.reattach', {
      storyId,
      claimId: figure.id,
      start: next.indexOf('Spending fell'),
      end: next.indexOf('Spending fell') + 13
    })
    expect(await claimOf(figure.id)).toMatchObject({ orphaned: false, recheck: { reason: 'reattached' } })

    const confirmed = await t.call('claims.confirm', { storyId, claimId: figure.id })
    expect(confirmed).toMatchObject({
      recheck: null,
      verdict: 'mostly_accurate',
      checked: { exact: 'Spending fell', by: editor }
    })
    expect((await fail('claims.confirm', { storyId, claimId: figure.id })).code).toBe('conflict')
    const log = (await detail()).activity.filter((a) => a.claimId === figure.id && a.action === 'claim.confirmed')
    expect(log).toEqual([
      expect.objectContaining({ by: editor, from: 'Council spending rose by 4 percent', to: 'Spending fell' })
    ])

    // Changing the verdict is the other way out of a re-check.
    const other = await mark('The new bridge opened in March', next)
    await update(other.id, { status: 'done', verdict: 'accurate' })
    await revise(next.replace('opened in March', 'opened in April'))
    expect((await claimOf(other.id)).recheck).not.toBeNull()
    await update(other.id, { verdict: 'false' })
    expect(await claimOf(other.id)).toMatchObject({
      recheck: null,
      verdict: 'false',
      checked: { exact: 'The new bridge opened in April' }
    })
    expect(
      (await detail()).activity.some(
        (a) => a.claimId === other.id && a.action === 'claim.confirmed' && a.field === 'verdict'
      )
    ).toBe(true)
  })

  it('under the desk rule, Done needs evidence or a note on what it was checked against', async () => {
    const claim = await mark('The new bridge opened in March')
    await t.call('settings.update', { patch: { requireCheckedAgainst: true } })
    expect((await fail('claims.update', { storyId, claimId: claim.id, patch: { status: 'done' } })).code).toBe(
      'invalid_input'
    )
    expect((await claimOf(claim.id)).status).toBe('open')
    await update(claim.id, { status: 'done', checkedAgainst: 'Council press office, by phone' })
    expect((await claimOf(claim.id)).status).toBe('done')
  })
})

describe('sign-off', () => {
  it('refuses to clear with open claims, lists them, and takes an override with a logged reason', async () => {
    const a = await mark('unemployment is less than 100 people')
    const b = await mark('The new bridge opened in March')
    await update(a.id, { status: 'done', verdict: 'accurate' })
    await update(b.id, { status: 'in_progress' })
    const refused = await fail('stories.update', { id: storyId, patch: { deskState: 'cleared' } })
    expect(refused).toMatchObject({ code: 'conflict', issues: [{ message: 'C2: not Done, no verdict' }] })
    expect((await detail()).story).toMatchObject({ deskState: 'draft', signOff: null })

    const summary = await t.call('stories.update', {
      id: storyId,
      patch: { deskState: 'cleared' },
      overrideReason: 'Bridge date confirmed by the editor on site'
    })
    expect(summary.deskState).toBe('cleared')
    const { story, activity } = await detail()
    expect(story.signOff).toMatchObject({
      by: editor,
      override: { reason: 'Bridge date confirmed by the editor on site', blockers: ['C2: not Done, no verdict'] }
    })
    expect(activity.at(-2)).toMatchObject({
      action: 'story.signed_off',
      by: editor,
      to: 'Bridge date confirmed by the editor on site'
    })

    await t.call('stories.update', { id: storyId, patch: { deskState: 'in_check' } })
    expect((await detail()).story.signOff).toBeNull()
  })

  it('clears without a reason once every claim is Done with a current verdict', async () => {
    const a = await mark('unemployment is less than 100 people')
    await update(a.id, { status: 'done', verdict: 'accurate' })
    await revise(text.replace('less than 100', 'less than 1,000'))
    expect((await fail('stories.update', { id: storyId, patch: { deskState: 'cleared' } })).issues).toEqual([
      { path: 'claims', message: 'C1: needs re-check' }
    ])
    await t.call('claims.confirm', { storyId, claimId: a.id })
    await t.call('stories.update', { id: storyId, patch: { deskState: 'cleared' } })
    expect((await detail()).story.signOff).toMatchObject({ by: editor, override: null })
  })
})

describe('claim numbers', () => {
  it('stay with their claims through marking earlier words, a delete, a restart and a package round trip', async () => {
    const last = await mark('Council spending rose by 4 percent')
    const middle = await mark('The new bridge opened in March')
    const first = await mark('unemployment is less than 100 people')
    expect([last.number, middle.number, first.number]).toEqual([1, 2, 3])
    const deleted = await t.call('claims.delete', { storyId, claimId: middle.id })
    const fourth = await mark('two weeks late')
    expect(fourth.number).toBe(4)
    expect(
      (await detail()).activity.some((a) => a.action === 'claim.deleted' && a.summary === 'C2 · Claim deleted')
    ).toBe(true)
    await t.call('claims.restore', { storyId, deleted })

    await t.core.close()
    const reopened = await openTestCore({ libraryDir: t.dir })
    const numbers = (d: StoryDetail) => Object.fromEntries(d.claims.map((c) => [c.anchor.quote.exact, c.number]))
    const before = numbers(await reopened.call('stories.get', { id: storyId }))
    expect(before).toEqual({
      'unemployment is less than 100 people': 3,
      'The new bridge opened in March': 2,
      'two weeks late': 4,
      'Council spending rose by 4 percent': 1
    })

    reopened.platform.saveDir = reopened.dir
    const exported = await reopened.call('export.report', {
      scope: 'story',
      storyIds: [storyId],
      format: 'json',
      options: { includeExcerpts: true, includeActivity: true, includeOrphaned: true, internal: false }
    })
    await reopened.cleanup()
    const other = await openTestCore()
    try {
      await withEditor(other, 'Kai')
      const file = await readFile(exported.path)
      await other.call('package.import', { file: { fileName: 'p.json', dataBase64: file.toString('base64') } })
      const imported = await other.call('stories.get', { id: storyId })
      expect(numbers(imported)).toEqual(before)
      expect(imported.story.nextClaimNumber).toBe(5)
    } finally {
      await other.cleanup()
    }
  })

  it('are given in story order, once, to a story file written before they existed', async () => {
    const dir = t.dir
    await mark('Council spending rose by 4 percent')
    await mark('unemployment is less than 100 people')
    const v2 = structuredClone(await t.core.store.readStory(storyId)) as unknown as Record<
      string,
      Record<string, unknown>
    > & { claims: Record<string, unknown>[] }
    await t.core.close()
    // A story file as versions before story folders wrote it.
    await rm(path.join(dir, 'stories', storyId), { recursive: true })
    const storyPath = path.join(dir, 'stories', `${storyId}.json`)
    // Turn the file back into format 1: no numbers, checks, contacts, sign-off or note.
    const v1 = {
      ...v2,
      schemaVersion: 1,
      story: Object.fromEntries(
        Object.entries(v2.story as object).filter(([k]) => k !== 'signOff' && k !== 'nextClaimNumber')
      ),
      claims: v2.claims.map(
        ({ number: _n, checked: _c, recheck: _r, contacts: _x, checkedAgainst: _a, ...c }: Record<string, unknown>) => c
      )
    }
    await mkdir(path.dirname(storyPath), { recursive: true })
    await writeFile(storyPath, JSON.stringify(v1))
    const again = await openTestCore({ libraryDir: dir })
    try {
      const d = await again.call('stories.get', { id: storyId })
      expect(d.claims.map((c) => [c.anchor.quote.exact, c.number])).toEqual([
        ['unemployment is less than 100 people', 1],
        ['Council spending rose by 4 percent', 2]
      ])
      expect(d.story).toMatchObject({ nextClaimNumber: 3, signOff: null })
      expect(JSON.parse(await readFile(path.join(dir, 'stories', storyId, 'format1.json'), 'utf8')).schemaVersion).toBe(
        1
      )
    } finally {
      await again.cleanup()
    }
  })
})

describe('older libraries', () => {
  it('open a library index from before re-check counts, follow-ups and the desk rule', async () => {
    const dir = t.dir
    await t.core.close()
    const indexPath = path.join(dir, 'library.json')
    const v2 = JSON.parse(await readFile(indexPath, 'utf8'))
    const { requireCheckedAgainst: _rule, ...settings } = v2.settings
    const v1 = {
      ...v2,
      schemaVersion: 1,
      settings,
      stories: v2.stories.map(({ recheckCount: _r, followUps: _f, ...s }: Record<string, unknown>) => s)
    }
    await writeFile(indexPath, JSON.stringify(v1))
    const again = await openTestCore({ libraryDir: dir })
    try {
      const state = await again.call('library.get', {})
      expect(state.notices).toEqual([])
      expect(state.settings.requireCheckedAgainst).toBe(false)
      const stories = await again.call('stories.list', {})
      expect(stories.find((s) => s.id === storyId)).toMatchObject({ title: 'Town', recheckCount: 0, followUps: [] })
    } finally {
      await again.cleanup()
    }
  })
})

describe('contact log', () => {
  it('logs attempts with who and how, and the latest follow-up shows in the library', async () => {
    const claim = await mark('The new bridge opened in March')
    await update(claim.id, { status: 'waiting' })
    const attempt = (contact: string, outcome: ContactAttempt['outcome'], at: string, followUp = '') =>
      t.call('contacts.add', {
        storyId,
        claimId: claim.id,
        fields: { contact, sourceId: null, method: 'phone', outcome, at, notes: '', followUp }
      })
    await attempt('Press office', 'no_answer', '2026-11-20T09:00:00.000Z', '2026-11-21')
    await attempt('Press office', 'left_message', '2026-11-21T09:00:00.000Z', '2026-11-24')
    const third = await attempt('Site engineer', 'declined', '2026-11-22T09:00:00.000Z', '2026-11-25')
    expect(third).toMatchObject({ by: editor })
    const summary = (await t.call('stories.list', {})).find((s) => s.id === storyId)!
    expect(summary.followUps).toEqual([
      { claimId: claim.id, claimNumber: 1, due: '2026-11-25', contact: 'Site engineer', by: editor }
    ])
    expect((await claimOf(claim.id)).contacts).toHaveLength(3)

    await update(claim.id, { status: 'done', verdict: 'unverifiable' })
    expect((await t.call('stories.list', {})).find((s) => s.id === storyId)!.followUps).toEqual([])
    expect(
      (
        await fail('contacts.add', {
          storyId,
          claimId: claim.id,
          fields: {
            contact: '',
            sourceId: null,
            method: 'phone',
            outcome: 'declined',
            at: '2026-11-22T09:00:00.000Z',
            notes: '',
            followUp: ''
          }
        })
      ).code
    ).toBe('invalid_input')
  })
})
