// Child process for the crash test: writes to a library as fast as it can until it is killed,
// saying on stdout which saves were acknowledged ("ack <n>").
import type { Activity } from '../../shared/model'
import { LibraryStore } from './library-store'

async function main(): Promise<void> {
  const [dir, storyId] = process.argv.slice(2) as [string, string]
  // A small journal limit, so folds into story.json happen often enough for kills to land in them.
  const store = await LibraryStore.open(dir, { lock: false, compactAtBytes: 4096 })
  const title = (await store.readStory(storyId)).story.title
  const start = title === 'Start' ? 1 : Number(title.split(' ')[1]) + 1
  process.stdout.write('ready\n')
  for (let i = start; ; i++) {
    const entry: Activity = {
      id: `a${i}`,
      at: '2026-11-25T10:00:00.000Z',
      by: 'ed',
      action: 'story.updated',
      storyId,
      claimId: null,
      field: 'title',
      from: null,
      to: i,
      summary: `change ${i}`
    }
    await store.updateStory(storyId, (f) => {
      f.story.title = `Revision ${i}`
      f.activity.push(entry)
      // Most saves go to the journal; every fifth changes the text, which rewrites story.json, and
      // grows or shrinks it so a torn write would show up as truncated or mixed content.
      if (i % 5 === 0) f.story.text = 'x'.repeat(1000 + ((i * 7919) % 50_000))
    })
    process.stdout.write(`ack ${i}\n`)
    if (i % 7 === 0) await store.updateLibrary((l) => void (l.settings.organisationName = `Org ${i}`))
  }
}

void main()
