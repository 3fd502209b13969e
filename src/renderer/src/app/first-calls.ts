// The calls the first screen waits for (the library, and the first page of its rows) are sent as the page
// starts, beside the startup check's app.info, instead of one after another as each view mounts: the library
// screen no longer waits for three round trips in a row. The store and the rows take the answer once (`takeEarly`)
// when they ask with the same input; any change main announces meanwhile makes it stale, and they ask afresh.
import type { Channel, ChannelInput, ChannelOutput } from '../../../shared/contract'
import { call, onEvent } from '../api'
import { defaultLibraryFilter, PAGE_SIZE } from '../library/use-story-rows'

interface Early {
  key: string
  answer: Promise<unknown>
}

const early = new Map<Channel, Early>()
let stop: (() => void) | null = null

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

function send<C extends Channel>(channel: C, input: ChannelInput<C>): void {
  const answer = call(channel, input)
  // Whoever takes it handles a failure; until then it is not an unhandled rejection.
  answer.catch(() => undefined)
  early.set(channel, { key: keyOf(input), answer })
}

/** Sends the first screen's calls at once (nothing when the bridge is missing: the startup check says so). */
export function sendFirstCalls(): void {
  if (typeof (window as { factdesk?: unknown }).factdesk !== 'object') return
  forgetEarly()
  const offs = (['library.changed', 'store.recovered', 'desk.status'] as const).map((event) =>
    onEvent(event, forgetEarly)
  )
  stop = () => offs.forEach((off) => off())
  send('library.get', {})
  send('library.search', firstRowsQuery())
}

/** The answer sent early for this very call, once; null when there is none, it was taken, or main changed something since. */
export function takeEarly<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> | null {
  const sent = early.get(channel)
  if (!sent || sent.key !== keyOf(input)) return null
  early.delete(channel)
  if (early.size === 0) forgetEarly()
  return sent.answer as Promise<ChannelOutput<C>>
}

function forgetEarly(): void {
  early.clear()
  stop?.()
  stop = null
}
