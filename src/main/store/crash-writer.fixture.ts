// Child process for the crash test: writes to a library as fast as it can until it is killed.
import { LibraryStore } from './library-store'

async function main(): Promise<void> {
  const [dir, storyId] = process.argv.slice(2) as [string, string]
  const store = await LibraryStore.open(dir, { lock: false })
  process.stdout.write('ready\n')
  for (let i = 0; ; i++) {
    // Grow and shrink the files so a torn write would show up as truncated or mixed content.
    await store.updateStory(storyId, (f) => {
      f.story.title = `Revision ${i}`
      f.story.text = 'x'.repeat(1000 + ((i * 7919) % 50_000))
    })
    await store.updateLibrary((l) => void (l.settings.organisationName = `Org ${i}`))
  }
}

void main()
