// The calls the first screen waits for (the library, and the first page of its rows; the follow-ups due and the
// desk's state too, which it does not wait for) are sent as the page starts, beside the startup check's app.info, instead of one after another as each view mounts: the library
// screen no longer waits for three round trips in a row. The app renders once they are answered
// (`firstCallsAnswered`), and the store and the rows take the answers in their first render (`takeAnswered`), so
// the shell, the library screen and its first rows are one React commit, not three. A view that asks later takes
// the answer once (`takeEarly`) when it asks with the same input; any change main announces meanwhile makes it
// stale, and they ask afresh.
import type { Channel, ChannelInput, ChannelOutput } from '../../../shared/contract'
import { call, onEvent } from '../api'
import { defaultLibraryFilter, PAGE_SIZE } from '../library/use-story-rows'

interface Early {
  key: string
  answer: Promise<unknown>
  /** The first render waits for it (the library and its rows); the others are taken if they have come by then. */
  awaited: boolean
  /** The answer once it has come (a failure is left to whoever takes the promise). */
  settled: { value: unknown } | null
}

/** An early answer taken in a render, and whether main has announced a change since it was taken. */
export interface Answered<T> {
  value: T
  /** True once main has announced a change (library.changed, store.recovered, desk.status) since the answer came. */
  stale(): boolean
}

const early = new Map<Channel, Early>()
let stop: (() => void) | null = null
/** Changes main has announced since the first calls were sent. */
let announced = 0

const keyOf = (input: unknown): string =>
  JSON.stringify(input, (_, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)))
      : value
  )

/** The library screen's first page of rows, as `useStoryRows` asks for it (a function: the two modules import each other). */
export const firstRowsQuery = (): ChannelInput<'library.search'> => ({
  ...defaultLibraryFilter,
  offset: 0,
  limit: PAGE_SIZE
})

function send<C extends Channel>(channel: C, input: ChannelInput<C>, awaited: boolean): void {
  const answer = call(channel, input)
  const entry: Early = { key: keyOf(input), answer, awaited, settled: null }
  // Whoever takes it handles a failure; until then it is not an unhandled rejection.
  answer.then(
    (value) => void (entry.settled = { value }),
    () => undefined
  )
  early.set(channel, entry)
}

/** Sends the first screen's calls at once (nothing when the bridge is missing: the startup check says so). */
export function sendFirstCalls(): void {
  if (typeof (window as { factdesk?: unknown }).factdesk !== 'object') return
  early.clear()
  stop?.()
  // Heard for the page's life: an answer taken in a render is checked for staleness once the view's effects run.
  const offs = (['library.changed', 'store.recovered', 'desk.status'] as const).map((event) =>
    onEvent(event, () => {
      announced++
      early.clear()
    })
  )
  stop = () => offs.forEach((off) => off())
  send('library.get', {}, true)
  send('library.search', firstRowsQuery(), true)
  // What the screen shows beside its rows (follow-ups due, the desk's state): in the first render if it has come.
  send('library.followUps', {}, false)
  send('desk.status', {}, false)
}

/**
 * Settles once the library and its first rows have answered or failed (at once when they were not sent); with
 * `all`, once every first call has (the follow-ups and the desk's state too).
 */
export async function firstCallsAnswered(all = false): Promise<void> {
  const waited = [...early.values()].filter((e) => all || e.awaited)
  await Promise.all(waited.map((e) => e.answer.catch(() => undefined)))
}

/** The answer sent early for this very call, once; null when there is none, it was taken, or main changed something since. */
export function takeEarly<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> | null {
  const sent = early.get(channel)
  if (!sent || sent.key !== keyOf(input)) return null
  early.delete(channel)
  return sent.answer as Promise<ChannelOutput<C>>
}

/**
 * The answer sent early for this very call if it has already come, taken now (for a view's first render); null
 * otherwise (not sent, not answered yet, failed, taken, or made stale by a change main announced).
 */
export function takeAnswered<C extends Channel>(channel: C, input: ChannelInput<C>): Answered<ChannelOutput<C>> | null {
  const sent = early.get(channel)
  if (!sent?.settled || sent.key !== keyOf(input)) return null
  early.delete(channel)
  const at = announced
  return { value: sent.settled.value as ChannelOutput<C>, stale: () => announced !== at }
}
