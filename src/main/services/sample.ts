// The story a new library opens on, so the desk starts on real work rather than an empty screen.
// Example claims carry statuses only: no invented sources or verdicts about real events.
import type { ClaimStatus, ClaimType } from '../../shared/model'
import { newClaim } from './claims'
import type { StoreContext } from './context'
import { newStoryFile } from './stories'

export const SAMPLE_AUTHOR = 'factdesk'

const exampleClaims: { words: string; type: ClaimType; status: ClaimStatus; speaker: string }[] = [
  { words: 'You have my assurance, and I’m president.', type: 'quote', status: 'open', speaker: 'Donald Trump' },
  {
    words: 'Trump even paused discussions to speak directly with Putin by phone',
    type: 'event',
    status: 'in_progress',
    speaker: ''
  },
  {
    words: 'NATO chief Mark Rutte said 30 countries, including Japan, are working on a framework',
    type: 'statistic',
    status: 'waiting',
    speaker: 'Mark Rutte'
  }
]

/** Splits the fixture into its headline (first line) and body, and adds it with example claims. */
export async function seedSampleStory(
  ctx: StoreContext,
  raw: string,
  canonical: (text: string) => string
): Promise<void> {
  const [firstLine = 'Sample story', ...rest] = raw.replace(/\r\n?/g, '\n').split('\n')
  const text = canonical(rest.join('\n'))
  const file = newStoryFile(
    ctx,
    {
      meta: { title: firstLine.trim(), outlet: 'Sample story', language: 'en' },
      text,
      origin: { kind: 'sample', location: 'sample-story.txt' }
    },
    SAMPLE_AUTHOR
  )
  const at = ctx.now().toISOString()
  for (const example of exampleClaims) {
    const start = text.indexOf(example.words)
    if (start === -1) continue
    const { type, speaker, status } = example
    file.claims.push(
      newClaim(file, { part: 'body', start, end: start + example.words.length }, ctx.newId(), SAMPLE_AUTHOR, at, {
        type,
        speaker,
        status
      })
    )
  }
  file.story.deskState = 'in_check'
  await ctx.store.createStory(file)
}
