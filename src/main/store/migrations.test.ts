// A library written by the version before claims could be in the headline (story folders, state
// format 3): opened, every claim is in the story text, the old state file is kept, and it saves on.
import { cpSync } from 'node:fs'
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { appSender, openTestCore, withEditor } from '../testing/test-core'
import { printedVerdict } from '../../shared/rules/scales'
import { STORY_STATE_VERSION } from './story-record'

const fixture = path.join(__dirname, 'fixtures', 'library-v3-headline')
const council = 'fGeZkkSMOuPa'

let dir: string
beforeEach(async () => {
  dir = path.join(await mkdtemp(path.join(os.tmpdir(), 'factdesk-v3-')), 'library')
  cpSync(fixture, dir, { recursive: true })
})

describe('a library written by the previous version (story state format 3)', () => {
  it('opens with every claim in the story text, keeps the old state file, and takes claims in the headline after', async () => {
    const before = await readFile(path.join(fixture, 'stories', council, 'story.json'), 'utf8')
    const t = await openTestCore({ libraryDir: dir })
    try {
      expect((await t.call('library.get', {})).notices).toEqual([])
      const detail = await t.call('stories.get', { id: council })
      expect(detail.claims).toHaveLength(1)
      expect(detail.claims[0]).toMatchObject({
        number: 1,
        verdict: 'accurate',
        orphaned: false,
        anchor: { part: 'body', quote: { exact: '2 bus routes' }, position: { start: 17, end: 29 }, revision: 2 }
      })
      const sample = await t.call('stories.get', { id: 'OKb11gQ2vKo0' })
      expect(sample.claims.map((c) => c.anchor.part)).toEqual(['body', 'body', 'body'])

      const state = JSON.parse(await readFile(path.join(dir, 'stories', council, 'story.json'), 'utf8')) as {
        schemaVersion: number
        claims: { anchor: { part: string } }[]
      }
      expect(state.schemaVersion).toBe(STORY_STATE_VERSION)
      expect(state.claims[0]!.anchor.part).toBe('body')
      expect(await readdir(path.join(dir, 'stories', council))).toContain('story.json.v3.bak')
      expect(await readFile(path.join(dir, 'stories', council, 'story.json.v3.bak'), 'utf8')).toBe(before)

      await withEditor(t)
      const headline = await t.call('claims.create', {
        storyId: council,
        part: 'headline',
        start: 0,
        end: 'Council cuts bus routes'.length
      })
      await t.core.close()
      const again = await openTestCore({ libraryDir: dir, identity: t.identity })
      const reopened = await again.call('stories.get', { id: council })
      expect(reopened.claims.map((c) => [c.number, c.anchor.part])).toEqual([
        [headline.number, 'headline'],
        [1, 'body']
      ])
      expect(again.core.store.notices).toEqual([])
      await again.core.close()
    } finally {
      await t.core.close().catch(() => undefined)
    }
  })
})

describe('a library written before the corrections log and confidential sources (index 3, story state 5)', () => {
  const older = path.join(__dirname, 'fixtures', 'library-v3-state5')

  it('opens with no source confidential, no correction, no appearance, empty transparency, and keeps the old files', async () => {
    const target = path.join(await mkdtemp(path.join(os.tmpdir(), 'factdesk-v5-')), 'library')
    cpSync(older, target, { recursive: true })
    const t = await openTestCore({ libraryDir: target })
    try {
      const library = await t.call('library.get', {})
      expect(library.notices).toEqual([])
      expect(library.settings).toMatchObject({
        organisationLogoUrl: '',
        transparency: { methodology: '', correctionsPolicyUrl: '', contact: '', funding: '' }
      })
      expect(await t.call('sources.list', {})).toEqual([
        expect.objectContaining({ id: 'srcMinutes01', title: 'Council minutes, 24 November', confidential: null })
      ])
      const detail = await t.call('stories.get', { id: council })
      expect(detail.story.corrections).toEqual([])
      expect(detail.evidence).toEqual([expect.objectContaining({ id: 'evMinutes001', appearance: false })])
      expect(await readFile(path.join(target, 'stories', council, 'story.json.v5.bak'), 'utf8')).toBe(
        await readFile(path.join(older, 'stories', council, 'story.json'), 'utf8')
      )
      expect(await readFile(path.join(target, 'library.json.v3.bak'), 'utf8')).toBe(
        await readFile(path.join(older, 'library.json'), 'utf8')
      )

      // It saves on in the new shape, and reads back after a restart.
      await withEditor(t)
      await t.call('sources.update', { id: 'srcMinutes01', patch: { confidential: { reason: 'Whistle-blower' } } })
      await t.core.close()
      const again = await openTestCore({ libraryDir: target, identity: t.identity })
      expect((await again.call('sources.list', {}))[0]?.confidential).toEqual({ reason: 'Whistle-blower' })
      expect(again.core.store.notices).toEqual([])
      await again.core.close()
    } finally {
      await t.core.close().catch(() => undefined)
    }
  })
})

describe('a library written before second reviews (index 4, story state 6)', () => {
  const older = path.join(__dirname, 'fixtures', 'library-v4-state6')

  it('replays the changes its journal still holds, written in the older shape, instead of dropping them as damage', async () => {
    const target = path.join(await mkdtemp(path.join(os.tmpdir(), 'factdesk-v6-journal-')), 'library')
    cpSync(older, target, { recursive: true })
    // What the older version left after a save it had not folded into story.json yet (a crash, or a
    // story that left memory with a short journal): the claim as that version wrote it, without reviews.
    const folder = path.join(target, 'stories', council)
    const state = JSON.parse(await readFile(path.join(folder, 'story.json'), 'utf8')) as {
      claims: Record<string, unknown>[]
      evidence: Record<string, unknown>[]
    }
    const claim = {
      ...state.claims[0]!,
      rationale: 'Minutes of 4 March, item 7.',
      updatedAt: '2026-03-05T10:00:00.000Z'
    }
    const evidence = state.evidence.map((e) => {
      const { appearance: _appearance, ...older } = e
      return older
    })
    const line = {
      seq: 1,
      claims: { put: [claim], removed: [] },
      evidence: { put: evidence, removed: [] },
      activity: []
    }
    await writeFile(path.join(folder, 'journal.jsonl'), JSON.stringify(line) + '\n')
    const t = await openTestCore({ libraryDir: target })
    try {
      const detail = await t.call('stories.get', { id: council })
      expect(detail.claims).toEqual([
        expect.objectContaining({ rationale: 'Minutes of 4 March, item 7.', reviews: [], status: 'done' })
      ])
      expect(detail.evidence).toHaveLength(state.evidence.length)
      expect(t.core.store.notices).toEqual([])
      await t.core.close()
      const again = await openTestCore({ libraryDir: target, identity: t.identity })
      expect((await again.call('stories.get', { id: council })).claims[0]?.rationale).toBe(
        'Minutes of 4 March, item 7.'
      )
      expect(again.core.store.notices).toEqual([])
      await again.core.close()
    } finally {
      await t.core.close().catch(() => undefined)
    }
  })

  it('opens with the rule off and no reviews, keeps the old files, and the rule then holds its Done claim', async () => {
    const target = path.join(await mkdtemp(path.join(os.tmpdir(), 'factdesk-v6-')), 'library')
    cpSync(older, target, { recursive: true })
    const t = await openTestCore({ libraryDir: target })
    try {
      const library = await t.call('library.get', {})
      expect(library.notices).toEqual([])
      expect(library.settings.requireSecondReview).toBe(false)
      const detail = await t.call('stories.get', { id: council })
      expect(detail.claims).toEqual([expect.objectContaining({ status: 'done', verdict: 'accurate', reviews: [] })])
      expect(await readFile(path.join(target, 'stories', council, 'story.json.v6.bak'), 'utf8')).toBe(
        await readFile(path.join(older, 'stories', council, 'story.json'), 'utf8')
      )
      expect(await readFile(path.join(target, 'library.json.v4.bak'), 'utf8')).toBe(
        await readFile(path.join(older, 'library.json'), 'utf8')
      )

      // Turned on, the rule holds the claim that was Done before it: sign-off lists it.
      await withEditor(t)
      await t.call('settings.update', { patch: { requireSecondReview: true } })
      const refused = await t.core.dispatch(
        'stories.update',
        { id: council, patch: { deskState: 'cleared' } },
        appSender
      )
      expect(refused).toMatchObject({
        ok: false,
        error: { issues: [{ message: 'C1: no agreeing second review by another editor' }] }
      })
      await t.call('claims.review', {
        storyId: council,
        claimId: detail.claims[0]!.id,
        stance: 'agree',
        confidence: 'medium',
        note: ''
      })
      await t.core.close()
      const again = await openTestCore({ libraryDir: target, identity: t.identity })
      expect((await again.call('library.get', {})).settings.requireSecondReview).toBe(true)
      expect((await again.call('stories.get', { id: council })).claims[0]!.reviews).toHaveLength(1)
      expect(again.core.store.notices).toEqual([])
      await again.core.close()
    } finally {
      await t.core.close().catch(() => undefined)
    }
  })
})

describe('a library written before the desk’s scales (index 5)', () => {
  const older = path.join(__dirname, 'fixtures', 'library-v4-state6')

  it('turns the names the desk gave its verdicts and statuses into its scales, and every claim keeps its verdict and label', async () => {
    const target = path.join(await mkdtemp(path.join(os.tmpdir(), 'factdesk-v5-')), 'library')
    cpSync(older, target, { recursive: true })
    // The fixture as the version before scales left it, with names this desk had given.
    const file = path.join(target, 'library.json')
    const library = JSON.parse(await readFile(file, 'utf8')) as { schemaVersion: number; settings: Record<string, any> } // eslint-disable-line @typescript-eslint/no-explicit-any
    library.schemaVersion = 5
    library.settings.requireSecondReview = false
    library.settings.verdictLabels.accurate = 'True'
    library.settings.statusLabels.done = 'Signed off'
    await writeFile(file, JSON.stringify(library))
    const t = await openTestCore({ libraryDir: target })
    try {
      const { settings, notices } = await t.call('library.get', {})
      expect(notices).toEqual([])
      expect(settings.verdicts.map((v) => [v.id, v.name])).toEqual([
        ['accurate', 'True'],
        ['mostly_accurate', 'Mostly accurate'],
        ['needs_context', 'Needs context'],
        ['misleading', 'Misleading'],
        ['false', 'False'],
        ['unverifiable', 'Unverifiable']
      ])
      expect(settings.verdicts.every((v) => !v.retired && v.formerNames.length === 0)).toBe(true)
      expect(settings.statuses.map((s) => s.name)).toEqual(['Open', 'In progress', 'Waiting on source', 'Signed off'])
      const claim = (await t.call('stories.get', { id: council })).claims[0]!
      expect(claim).toMatchObject({ status: 'done', verdict: 'accurate' })
      expect(printedVerdict(settings, claim)).toBe('True')
      expect(await readFile(path.join(target, 'library.json.v5.bak'), 'utf8')).toBe(JSON.stringify(library))
      await t.core.close()
      const again = await openTestCore({ libraryDir: target, identity: t.identity })
      expect((await again.call('library.get', {})).settings).toEqual(settings)
      await again.core.close()
    } finally {
      await t.core.close().catch(() => undefined)
    }
  })
})
