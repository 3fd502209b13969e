// @vitest-environment jsdom
// "Suggest claims" against the real main (window-bridge) with the real embedding worker, held back by the
// embedder's test hook (`beforeJob`): nothing reaches the encoder until the test lets a job go. So it is
// certain, not a matter of timing, that the n-gram suggestions are on screen before the encoder has read
// a sentence, that each job the encoder finishes is announced (`memory.suggestRefined`, heard through the
// one store) and shown, that the story can be edited meanwhile, and that the end is the encoder's ranking.
// On the code before (the window waited on one `wait: true` call), nothing between the quick ranking and
// the whole encoder ranking was ever shown: the step with part of the sentences read never appears.
import { act, cleanup, render, screen, waitFor as waitForState } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openWindowCore, type WindowCore } from '../../../main/testing/window-bridge'
import { LibraryContextProvider } from '../app/library-context'
import { StoreProvider, useLibrary } from '../app/use-store'
import { useStoryMemory } from './use-story-memory'

;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

/** 40 sentences: three jobs of the encoder (16 at a time), so the refinement has steps in between. */
const sentences = Array.from({ length: 40 }, (_, i) =>
  i % 2
    ? `Unemployment in district ${i} fell by ${i + 3} percent since 2019, according to the state labour office.`
    : `The meeting ${i} went on late into the evening and people talked.`
)
const text = sentences.join(' ')

let w: WindowCore
let storyId: string
/** Jobs held at the encoder's door, in order; each resolves to let its job go. */
let held: { texts: readonly string[]; go(): void }[]
let heard: { embedded: number; finished: boolean }[]

beforeEach(async () => {
  held = []
  heard = []
  w = await openWindowCore('Rosa Diaz', {
    embedder: {
      beforeJob: (texts) => new Promise<void>((go) => held.push({ texts, go })),
      // One worker, so the jobs come to the door one at a time.
      workers: 1
    }
  })
  ;(window as unknown as { factdesk: unknown }).factdesk = w.bridge
  storyId = (await w.t.call('stories.create', { title: 'Jobs', text, url: 'https://ledger.example/jobs' })).id
})
afterEach(async () => {
  cleanup()
  // Lets any job still held go, so the worker can be stopped.
  for (const job of held) job.go()
  await w.t.cleanup()
})

function Probe(): React.JSX.Element {
  const memory = useStoryMemory(storyId)
  return (
    <div>
      <button onClick={() => memory.setSuggesting(true)}>Suggest</button>
      <p data-testid="ranked-by">{memory.rankedBy ?? 'none'}</p>
      <p data-testid="refining">{memory.refining ? 'refining' : 'done'}</p>
      <p data-testid="read">{memory.read ? `${memory.read.embedded}/${memory.read.sentences}` : 'none'}</p>
      <ul>
        {memory.suggestions.map((s) => (
          <li key={s.key} data-testid="suggestion">
            {text.slice(s.start, s.end)}
          </li>
        ))}
      </ul>
    </div>
  )
}

function Window(): React.JSX.Element {
  const lib = useLibrary((error) => console.error(error))
  if (!lib.library) return <p>Loading</p>
  return (
    <LibraryContextProvider library={lib.library} editLibrary={lib.edit} askEditor={() => undefined}>
      <Probe />
    </LibraryContextProvider>
  )
}

const text$ = (id: string) => screen.getByTestId(id).textContent
/** Waits for a state of main and the worker (the encoder loads in seconds on a busy machine); never for a time. */
const waitFor = (check: () => void) => waitForState(check, { timeout: 90_000 })

describe('suggestions as they come', () => {
  it('shows the n-gram ranking before the encoder reads a sentence, each step as it reads, and ends with the encoder', async () => {
    w.t.platform.emit = ((emit) => (event: string, payload: unknown) => {
      if (event === 'memory.suggestRefined') heard.push(payload as { embedded: number; finished: boolean })
      emit(event as never, payload as never)
    })(w.t.platform.emit.bind(w.t.platform)) as typeof w.t.platform.emit
    render(
      <StoreProvider>
        <Window />
      </StoreProvider>
    )
    await act(async () => (await screen.findByText('Suggest')).click())
    // The quick ranking, while the encoder's first job waits at its door.
    await waitFor(() => expect(text$('ranked-by')).toBe('ngram'))
    await waitFor(() => expect(held.length).toBe(1))
    expect(text$('refining')).toBe('refining')
    expect(text$('read')).toBe('0/40')
    const quick = screen.getAllByTestId('suggestion').map((li) => li.textContent)
    expect(quick.length).toBeGreaterThan(0)
    expect(quick.every((s) => s?.startsWith('Unemployment'))).toBe(true)

    // The story stays editable while the encoder is held: a claim is marked and saved.
    const words = sentences[1]!
    const claim = await w.t.call('claims.create', {
      storyId,
      start: text.indexOf(words),
      end: text.indexOf(words) + words.length
    })
    expect(claim.anchor.quote.exact).toBe(words)

    // One job goes: its sentences are announced and the ranking is asked for again and shown, the rest
    // still from the quick model.
    held[0]!.go()
    await waitFor(() => expect(held.length).toBe(2))
    await waitFor(() => expect(text$('read')).toMatch(/^(1[0-9]|[1-9])\/39$/))
    expect(text$('ranked-by')).toBe('ngram')
    expect(text$('refining')).toBe('refining')
    expect(heard.some((h) => !h.finished && h.embedded > 0)).toBe(true)
    // The marked sentence is no longer suggested.
    expect(screen.getAllByTestId('suggestion').map((li) => li.textContent)).not.toContain(words)

    // The rest go: the encoder's ranking over every sentence.
    held[1]!.go()
    await waitFor(() => expect(held.length).toBeGreaterThanOrEqual(3))
    for (const job of held.slice(2)) job.go()
    await waitFor(() => expect(text$('ranked-by')).toBe('encoder'))
    expect(text$('refining')).toBe('done')
    expect(heard.at(-1)?.finished).toBe(true)
    const refined = screen.getAllByTestId('suggestion').map((li) => li.textContent)
    expect(refined.length).toBeGreaterThan(0)
    expect(refined).not.toContain(words)
  }, 300_000)
})
