// Issue 24 item 3: a damaged contact log. Contact attempts live on their claims in story.json; one
// attempt that cannot be read makes the story file damaged. With a good backup the story comes back
// whole from it (and its journal). Without one, the code before lost the whole story for one bad
// attempt, with no word about the contact log; now the attempts that can be read are kept with the
// rest of the story, the file as found goes to recovered/, and the notice says what was kept and what
// the editor can do. The no-backup runs fail on the code before.
import { readdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { openTestCore, withEditor } from '../testing/test-core'
import { LibraryStore } from './library-store'

const TEXT = 'The council spent 4 million on roads. The mayor said crime fell by half. Rents rose 9 percent.'
const PHRASES = ['4 million', 'crime fell by half', 'Rents rose 9 percent']

describe('a damaged contact log', () => {
  it('keeps every attempt that can be read and the whole story, and says what was left out and what to do', async () => {
    await fc.assert(
      fc.asyncProperty(
        // Attempts per claim, and which of them get damaged (at least one somewhere).
        fc
          .array(fc.array(fc.boolean(), { maxLength: 4 }), { minLength: 3, maxLength: 3 })
          .filter((c) => c.flat().includes(true)),
        fc.constantFrom('method', 'at', 'id', 'whole'),
        fc.constantFrom('kept', 'missing', 'damaged'),
        async (plan, how, backup) => {
          const t = await openTestCore()
          try {
            await withEditor(t, 'Dana')
            const story = await t.call('stories.create', { title: 'Roads', text: TEXT })
            const claims: { id: string }[] = []
            for (const phrase of PHRASES) {
              const start = TEXT.indexOf(phrase)
              claims.push(await t.call('claims.create', { storyId: story.id, start, end: start + phrase.length }))
            }
            for (const [i, attempts] of plan.entries())
              for (const [j] of attempts.entries())
                await t.call('contacts.add', {
                  storyId: story.id,
                  claimId: claims[i]!.id,
                  fields: {
                    contact: `Office ${i}.${j}`,
                    sourceId: null,
                    method: 'phone',
                    outcome: 'no_answer',
                    at: '2026-11-20T09:00:00.000Z',
                    notes: '',
                    followUp: ''
                  }
                })
            // Closing folds the journal into story.json; nothing reads the library while it is damaged.
            await t.core.close()
            const file = path.join(t.dir, 'stories', story.id, 'story.json')
            const state = JSON.parse(await readFile(file, 'utf8')) as {
              claims: { id: string; contacts: Record<string, unknown>[] }[]
            }
            for (const [i, attempts] of plan.entries()) {
              const claim = state.claims.find((c) => c.id === claims[i]!.id)!
              claim.contacts = claim.contacts.map((attempt, j) =>
                !attempts[j] ? attempt : how === 'whole' ? ('??' as never) : { ...attempt, [how]: 42 }
              )
            }
            await writeFile(file, JSON.stringify(state))
            if (backup === 'missing') await rm(`${file}.bak`, { force: true })
            if (backup === 'damaged') await writeFile(`${file}.bak`, '{"schemaVersion": 6, "claims": [')
            const found = await readFile(file)
            const store = await LibraryStore.open(t.dir, { lock: false })
            const reopened = await store.readStory(story.id)
            const notices = store.notices
            if (backup === 'kept') {
              // A good backup holds every attempt: the story comes back whole, and the notice says so.
              expect(reopened.claims.map((c) => c.contacts.length)).toEqual(plan.map((a) => a.length))
              expect(notices.find((n) => n.kind === 'recovered_from_backup')?.message).toContain(
                'Nothing that was saved is missing'
              )
              await store.close()
              return
            }
            const dropped = plan.flat().filter(Boolean).length
            const total = plan.flat().length
            expect(reopened.claims.map((c) => c.id)).toEqual(claims.map((c) => c.id))
            for (const [i, attempts] of plan.entries())
              expect(reopened.claims[i]!.contacts.map((c) => c.contact)).toEqual(
                attempts.flatMap((bad, j) => (bad ? [] : [`Office ${i}.${j}`]))
              )
            const notice = notices.find((n) => n.message.includes('contact log'))
            expect(notice?.message).toContain(`${total - dropped} of ${total} contact attempt`)
            expect(notice?.message).toContain(`${dropped} could not be read`)
            expect(notice?.message).toMatch(/Log the missing attempts? again/)
            // The file as found is kept in recovered/, byte for byte.
            expect(notice?.movedTo).toBeTruthy()
            const recovered = path.join(t.dir, 'recovered')
            expect(await readdir(recovered)).toContain(path.basename(notice!.movedTo!))
            expect(await readFile(notice!.movedTo!)).toEqual(found)
            // Written back as kept: the next start finds nothing to say.
            await store.close()
            const again = await LibraryStore.open(t.dir, { lock: false })
            await again.readStory(story.id)
            expect(again.notices).toEqual([])
            await again.close()
          } finally {
            await t.cleanup().catch(() => undefined)
          }
        }
      ),
      { numRuns: 15 }
    )
  }, 120_000)
})
