// Every channel called with generated input, including fields sent as undefined (as Electron's IPC
// delivers them), junk values and unknown keys. After each run the library is closed and opened
// again: it must open with no damage notice, and every call that was refused must have changed
// nothing. Fixed seed and a bounded number of runs, so it is the same test on every machine.
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { channelNames, type Channel, type LibraryState } from '../../shared/contract'
import type { StorySummary } from '../../shared/model'
import { createCore } from '../core'
import { appSender, openTestCore, sampleStoryPath, TEST_ORIGIN, withEditor, type TestCore } from '../testing/test-core'

const RUNS = 100
const SEED = 20261126

let t: TestCore
const ids = { story: '', claim: '', source: '', evidence: '' }
const at = '2026-11-25T10:00:00.000Z'

const noFetch = (async () => {
  throw new Error('offline in this test')
}) as typeof fetch

beforeAll(async () => {
  t = await openTestCore({ fetch: noFetch })
  await withEditor(t, 'Rosa Diaz')
  ids.story = (
    await t.call('stories.create', {
      title: 'Exports',
      text: 'The ministry said exports rose 12 percent in March.\n\nOfficials blamed the weather.'
    })
  ).id
  ids.claim = (await t.call('claims.create', { storyId: ids.story, start: 0, end: 30 })).id
  ids.source = (
    await t.call('sources.create', { fields: { title: 'Ministry release', url: 'https://example.org/r' } })
  ).id
  ids.evidence = (await t.call('evidence.add', { storyId: ids.story, claimId: ids.claim, sourceId: ids.source })).id
})
afterAll(() => t.cleanup())

/** A valid-looking payload for each channel; the generator then breaks it in one or more places. */
function basePayload(channel: Channel): Record<string, unknown> {
  const story = ids.story
  const claim = { storyId: story, claimId: ids.claim }
  const evidence = {
    id: ids.evidence,
    claimId: ids.claim,
    sourceId: ids.source,
    excerpt: '',
    stance: 'context',
    locator: '',
    createdAt: at,
    createdBy: 'x',
    updatedAt: at
  }
  // Channels added later without a payload here are still called, with generated fields on an empty object.
  const payloads: Partial<Record<Channel, Record<string, unknown>>> = {
    'app.info': {},
    'app.reportError': { message: 'boom', stack: null, where: 'test' },
    'library.get': {},
    'library.open': {},
    'settings.update': { patch: { organisationName: 'Desk', organisationUrl: 'https://example.org' } },
    'people.create': { name: 'Ana Lima' },
    'people.setCurrent': { id: 'nobody' },
    'shell.openExternal': { url: 'https://example.org' },
    'stories.list': { includeDeleted: true },
    'stories.get': { id: story },
    'stories.create': { title: 'New', text: 'Some words here.' },
    'stories.update': { id: story, patch: { title: 'Renamed', deskState: 'in_check' } },
    'stories.revise': { id: story, text: 'The ministry said exports rose 14 percent in March.', note: 'fix' },
    'stories.revision': { id: story, revision: 1 },
    'stories.delete': { id: 'not-a-story' },
    'stories.restore': { id: story },
    'stories.trash': {},
    'claims.create': { storyId: story, start: 4, end: 20, fields: { status: 'open', tags: ['a'] } },
    'claims.update': { ...claim, patch: { status: 'done', verdict: 'accurate', rationale: 'ok' } },
    'claims.reattach': { ...claim, start: 0, end: 12 },
    'claims.delete': { storyId: story, claimId: 'not-a-claim' },
    'claims.restore': { storyId: story, deleted: { claim: { id: ids.claim }, evidence: [] } },
    'claims.comment': { ...claim, body: 'Checked.' },
    'sources.list': { query: 'min' },
    'sources.create': { fields: { title: 'Another', publisher: 'Office' } },
    'sources.update': { id: ids.source, patch: { notes: 'n', reliability: 'high' } },
    'evidence.add': { ...claim, sourceId: ids.source, fields: { excerpt: 'x', stance: 'supports' } },
    'evidence.update': { storyId: story, evidenceId: ids.evidence, patch: { excerpt: 'y', locator: 'p. 2' } },
    'evidence.remove': { storyId: story, evidenceId: 'not-evidence' },
    'evidence.restore': { storyId: story, evidence },
    'import.file': {
      fileName: 'story.txt',
      dataBase64: Buffer.from('A headline\n\nSome words of a story.').toString('base64')
    },
    'import.url': { url: 'https://example.org/story' },
    'stories.reimport': {
      id: story,
      file: { fileName: 'story.txt', dataBase64: Buffer.from('Exports rose 12 percent.').toString('base64') }
    },
    'export.report': {
      scope: 'story',
      storyIds: [story],
      format: 'markdown',
      options: { includeExcerpts: true, includeActivity: true, includeOrphaned: true, internal: false }
    },
    'export.claims': {
      filter: { status: 'all', verdict: 'all', editor: 'all', from: '', to: '', tag: '', storyId: story },
      limit: 10
    },
    'stories.importAnnotations': {
      storyId: story,
      file: {
        fileName: 'a.jsonld',
        dataBase64: Buffer.from(
          JSON.stringify({
            type: 'AnnotationCollection',
            first: {
              items: [
                { type: 'Annotation', target: { selector: { type: 'TextQuoteSelector', exact: 'exports rose' } } }
              ]
            }
          })
        ).toString('base64')
      }
    },
    'export.reveal': { path: '/etc/passwd' },
    'package.import': { file: { fileName: 'p.json', dataBase64: Buffer.from('{"format":"x"}').toString('base64') } }
  }
  return structuredClone(payloads[channel] ?? {})
}

const junk = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.constant(''),
  fc.constant('   '),
  fc.constant('\u2029'.repeat(8)),
  fc.constant('x'.repeat(600)),
  fc.string({ maxLength: 20 }),
  fc.integer({ min: -5, max: 100_000 }),
  fc.boolean(),
  fc.constant([undefined]),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.constant(undefined), { maxKeys: 2 })
)

/** One change to a payload: a top-level or nested field replaced by junk, or an unknown key added. */
const edit = fc.record({ depth: fc.integer({ min: 0, max: 1 }), pick: fc.nat(), value: junk, unknown: fc.boolean() })

function applyEdit(
  payload: Record<string, unknown>,
  e: { depth: number; pick: number; value: unknown; unknown: boolean }
): void {
  let target = payload
  if (e.depth === 1) {
    const nested = Object.values(payload).filter(
      (v): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
    )
    if (nested.length > 0) target = nested[e.pick % nested.length] as Record<string, unknown>
  }
  const keys = Object.keys(target)
  const key = e.unknown || keys.length === 0 ? 'extra' : (keys[e.pick % keys.length] as string)
  target[key] = e.value
}

const call = fc.record({ channel: fc.constantFrom(...channelNames), edits: fc.array(edit, { maxLength: 2 }) })

/** Everything the app would show: the library and every story in full. */
async function state(core = t.core): Promise<string> {
  const library = await core.dispatch('library.get', {}, appSender)
  if (!library.ok) throw new Error(library.error.message)
  const value = library.value as LibraryState
  const list = await core.dispatch('stories.list', {}, appSender)
  if (!list.ok) throw new Error(list.error.message)
  const summaries = list.value as StorySummary[]
  const stories = []
  for (const s of summaries) {
    const read = await core.dispatch('stories.get', { id: s.id }, appSender)
    // The write number counts this process's writes, not anything saved.
    if (read.ok) delete (read.value as { version?: number }).version
    stories.push(read)
  }
  const trash = await core.dispatch('stories.trash', {}, appSender)
  return stable({ ...value, notices: [], summaries, details: stories, trash })
}

/** JSON with keys in sorted order: a file read back lists keys in schema order, not insertion order. */
const stable = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v
  )

describe('generated payloads on every channel', () => {
  it(
    `never leave a library that opens with damage, and refused calls change nothing (${RUNS} runs, seed ${SEED})`,
    { timeout: 120_000 },
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(call, { minLength: 1, maxLength: 5 }), async (calls) => {
          for (const { channel, edits } of calls) {
            const payload = basePayload(channel)
            for (const e of edits) applyEdit(payload, e)
            const before = await state()
            const result = await t.core.dispatch(channel, payload, appSender)
            if (!result.ok) {
              expect(result.error.code, `${channel} ${result.error.message}`).not.toBe('internal')
              expect(await state(), `${channel} was refused (${result.error.code}) but changed the library`).toBe(
                before
              )
            }
          }
          const last = await state()
          await t.core.close()
          t.core = await createCore({
            libraryDir: t.dir,
            platform: t.platform,
            identity: t.identity,
            sampleStoryPath,
            isTrustedOrigin: (url) => url.startsWith(`${TEST_ORIGIN}/`),
            checkOutput: true,
            fetch: noFetch
          })
          expect(t.core.store.notices).toEqual([])
          expect(await state()).toBe(last)
        }),
        {
          seed: SEED,
          numRuns: RUNS,
          endOnFailure: true,
          // The shapes found from outside the project run every time, before the generated ones.
          examples: [
            [
              (['settings.update', 'sources.update', 'claims.create', 'evidence.add'] as const).map((channel) => ({
                channel,
                edits: [{ depth: 1, pick: 0, value: undefined, unknown: false }]
              }))
            ]
          ]
        }
      )
    }
  )
})
