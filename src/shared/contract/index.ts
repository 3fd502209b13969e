// The IPC contract: every channel's input and output schema, and the events main sends.
// Both sides read it; types for the renderer are inferred from it, never written twice.
import { z } from 'zod'
import type { Result } from '../result'
import { appChannels } from './app'
import { claimChannels } from './claims'
import { deskChannels } from './desk'
import { historyChannels } from './history'
import { libraryChannels } from './library'
import { memoryChannels } from './memory'
import { storyChannels } from './stories'
import { transferChannels } from './transfer'

export * from './app'
export * from './channel'
export * from './claims'
export * from './desk'
export * from './events'
export * from './history'
export * from './library'
export * from './memory'
export * from './stories'
export * from './transfer'

export const contract = {
  ...appChannels,
  ...libraryChannels,
  ...storyChannels,
  ...claimChannels,
  ...transferChannels,
  ...memoryChannels,
  ...deskChannels,
  ...historyChannels
}

export type Contract = typeof contract
export type Channel = keyof Contract
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>

export const channelNames = Object.keys(contract) as Channel[]

export const isChannel = (name: unknown): name is Channel =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name)

/** `stories.list` -> `{stories: {list: fn}}`: the shape of `window.factdesk`. */
type Split<C extends string> = C extends `${infer N}.${infer V}` ? [N, V] : never
type Nouns = Split<Channel>[0]
export type FactdeskApi = {
  [N in Nouns]: {
    [C in Channel as Split<C>[0] extends N ? Split<C>[1] : never]: (
      input: ChannelInput<C>,
      callId?: string
    ) => Promise<Result<ChannelOutput<C>>>
  }
} & {
  on<E extends import('./events').EventName>(
    event: E,
    listener: (payload: import('./events').EventPayload<E>) => void
  ): () => void
}
