// Main's half of the channel registry: each feature module implements its group of calls
// (shared/contract, `channelGroups`) as one handler per verb, and the composition root hands
// every group to `handlersOf`. The compiler checks that each group has every verb and no other;
// `handlersOf` checks it again at start, so a call can be neither missing nor answered twice.
import {
  channelGroups,
  type Channel,
  type ChannelGroups,
  type ChannelOf,
  type GroupId,
  type GroupVerbs
} from '../shared/contract'
import type { Handler, Handlers } from './dispatch'

/** One group's handlers, by verb: `claims.update` is `update` in the `claims` group. */
export type GroupHandlers<K extends GroupId> = {
  [V in GroupVerbs<K>]: ChannelOf<K, V> extends Channel ? Handler<ChannelOf<K, V>> : never
}

/** Every group's handlers, under the group's name in `channelGroups`. */
export type Registry = { [K in GroupId]: GroupHandlers<K> }

/**
 * The flat handler map dispatch routes by, from every group's handlers. Throws naming the call when
 * a group or verb has no handler, or a handler answers no declared call.
 */
export function handlersOf(
  registry: Registry,
  groups: Record<string, { noun: string; channels: Record<string, unknown> }> = channelGroups as ChannelGroups
): Handlers {
  const flat: Record<string, unknown> = {}
  const given = registry as unknown as Record<string, Record<string, unknown> | undefined>
  for (const id of Object.keys(given))
    if (!Object.prototype.hasOwnProperty.call(groups, id))
      throw new Error(`Handlers given for "${id}", a group the contract does not declare.`)
  for (const [id, group] of Object.entries(groups)) {
    const verbs = given[id]
    if (!verbs) throw new Error(`No handlers for the "${id}" group (${group.noun}.*).`)
    for (const verb of Object.keys(verbs))
      if (!Object.prototype.hasOwnProperty.call(group.channels, verb))
        throw new Error(`A handler for "${group.noun}.${verb}", a call the "${id}" group does not declare.`)
    for (const verb of Object.keys(group.channels)) {
      const name = `${group.noun}.${verb}`
      const handler = verbs[verb]
      if (typeof handler !== 'function') throw new Error(`The call "${name}" has no handler.`)
      if (Object.prototype.hasOwnProperty.call(flat, name)) throw new Error(`The call "${name}" has two handlers.`)
      flat[name] = handler
    }
  }
  return flat as Handlers
}
