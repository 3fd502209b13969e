// The IPC contract: every channel's input and output schema, and the events main sends.
// Both sides read it; types for the renderer are inferred from it, never written twice.
import { z } from 'zod'
import type { Result } from '../result'
import { appChannels } from './app'
import type { ChannelDef, ChannelGroup } from './channel'
import { claimChannels, contactChannels, evidenceChannels, sourceChannels } from './claims'
import { deskChannels } from './desk'
import { historyChannels } from './history'
import { libraryChannels, libraryStateChannels, peopleChannels, settingsChannels, shellChannels } from './library'
import { memoryChannels } from './memory'
import { publishedChannels } from './published'
import { revisionChannels, storyChannels } from './stories'
import { annotationChannels, exportChannels, importChannels, packageChannels, reimportChannels } from './transfer'

export * from './app'
export * from './channel'
export * from './claims'
export * from './desk'
export * from './events'
export * from './history'
export * from './library'
export * from './memory'
export * from './published'
export * from './stories'
export * from './transfer'

/**
 * The registry: every feature's group of calls, under the name main implements it by
 * (main/registry.ts). Adding a call is one line in its group; the flat contract, the channel
 * names, the preload's bridge, the renderer's types and the read-only list all follow from here.
 */
export const channelGroups = {
  app: appChannels,
  shell: shellChannels,
  library: libraryChannels,
  libraryState: libraryStateChannels,
  settings: settingsChannels,
  people: peopleChannels,
  stories: storyChannels,
  revision: revisionChannels,
  claims: claimChannels,
  contacts: contactChannels,
  sources: sourceChannels,
  evidence: evidenceChannels,
  import: importChannels,
  reimport: reimportChannels,
  annotations: annotationChannels,
  export: exportChannels,
  package: packageChannels,
  memory: memoryChannels,
  desk: deskChannels,
  history: historyChannels,
  published: publishedChannels
}

export type ChannelGroups = typeof channelGroups
export type GroupId = keyof ChannelGroups
/** The calls of one group by verb. */
export type GroupVerbs<K extends GroupId> = keyof ChannelGroups[K]['channels'] & string
/** `<noun>.<verb>`: a call's name, made from its group. */
export type ChannelOf<K extends GroupId, V extends GroupVerbs<K> = GroupVerbs<K>> = `${ChannelGroups[K]['noun']}.${V}`
export type Channel = { [K in GroupId]: ChannelOf<K> }[GroupId]
type DefOf<C extends Channel> = {
  [K in GroupId]: C extends `${ChannelGroups[K]['noun']}.${infer V}`
    ? V extends GroupVerbs<K>
      ? ChannelGroups[K]['channels'][V]
      : never
    : never
}[GroupId]
export type Contract = { [C in Channel]: DefOf<C> }
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>

/** Every group's calls under their full names; a name declared by two groups is refused at load. */
export function flattenGroups(groups: Record<string, ChannelGroup>): Record<string, ChannelDef> {
  const flat: Record<string, ChannelDef> = {}
  for (const group of Object.values(groups))
    for (const [verb, def] of Object.entries(group.channels)) {
      const name = `${group.noun}.${verb}`
      if (Object.prototype.hasOwnProperty.call(flat, name)) throw new Error(`The call "${name}" is declared twice.`)
      flat[name] = def
    }
  return flat
}

export const contract = flattenGroups(channelGroups) as Contract

export const channelNames = Object.keys(contract) as Channel[]

/** The calls that leave the library as it is: what a read-only library still answers. */
export const readChannels = channelNames.filter((name) => !contract[name].mutates)

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
