// How a channel is declared: one strict input object and the shape of what comes back.
import { z } from 'zod'

export { withoutUndefined } from './values'

export interface ChannelDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I
  output: O
  /**
   * True when the call changes what the library holds (its files). A read-only library refuses such
   * calls before their handler runs; every other call (reading, exporting, switching library) still works.
   */
  mutates: boolean
}

/** A call that only reads the library (or acts outside it: a log line, a browser, an export file). */
export const read = <I extends z.ZodObject, O extends z.ZodType>(input: I, output: O): ChannelDef<I, O> => ({
  input,
  output,
  mutates: false
})

/** A call that changes what the library holds. */
export const write = <I extends z.ZodObject, O extends z.ZodType>(input: I, output: O): ChannelDef<I, O> => ({
  input,
  output,
  mutates: true
})

/**
 * One feature's calls, all named `<noun>.<verb>`: the noun is written once here and each verb once as a
 * key, so no channel name is ever typed out. Main implements a group with one handler per verb
 * (main/registry.ts); several groups may share a noun as long as no verb is declared twice.
 */
export interface ChannelGroup<
  N extends string = string,
  D extends Record<string, ChannelDef> = Record<string, ChannelDef>
> {
  noun: N
  channels: D
}

export const channels = <N extends string, D extends Record<string, ChannelDef>>(
  noun: N,
  defs: D
): ChannelGroup<N, D> => ({
  noun,
  channels: defs
})

/** Calls that take nothing still take one (empty, strict) object, so every call has the same shape. */
export const NoInput = z.strictObject({})
export const Nothing = z.null()

/**
 * The window names each call it makes (the bridge passes it beside the input). The store's
 * announcement of a write names the call(s) that caused it, so the window tells the announcement of
 * its own edit from anyone else's by id. An id is only a label: main trusts nothing to it.
 */
export const CallId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/)
export type CallId = z.infer<typeof CallId>

/** The deepest nesting an input may have; the contract's deepest legitimate input is far shallower. */
export const MAX_INPUT_DEPTH = 32
/** The most values (objects, arrays and their members) one input may hold. */
export const MAX_INPUT_VALUES = 100_000

/** What is wrong with an input's shape before its schema is asked: where, and why. */
export interface ShapeProblem {
  path: string
  problem: 'undefined' | 'too_deep' | 'too_large'
}

/**
 * The first problem with an input's shape, or null, found without recursion (so 10,000 levels of
 * nesting cannot overflow the stack) and before zod walks it: a field sent as `undefined` (Electron's
 * IPC keeps `undefined`, and a patch spread over a record would then remove a required key, so the
 * contract refuses such input outright; a caller that has no value for an optional field leaves the
 * key out), nesting deeper than MAX_INPUT_DEPTH, or more than MAX_INPUT_VALUES values.
 */
export function inputShapeProblem(value: unknown): ShapeProblem | null {
  const stack: { value: unknown; path: string[] }[] = [{ value, path: [] }]
  let values = 0
  const at = (path: string[]): string => path.join('.') || '(input)'
  while (stack.length > 0) {
    const { value: current, path } = stack.pop() as { value: unknown; path: string[] }
    if (current === undefined) return { path: at(path), problem: 'undefined' }
    if (typeof current !== 'object' || current === null) continue
    if (path.length >= MAX_INPUT_DEPTH) return { path: at(path), problem: 'too_deep' }
    const entries = Object.entries(current)
    values += entries.length
    if (values > MAX_INPUT_VALUES) return { path: at(path), problem: 'too_large' }
    // Pushed in reverse so the first key is looked at first.
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, inner] = entries[i] as [string, unknown]
      stack.push({ value: inner, path: [...path, key] })
    }
  }
  return null
}

/**
 * Main numbers the library's writes as it announces them, one after another from 1: a story view
 * fetched at `version` n holds every write to that story numbered n or lower and none above
 * (stories.get). Dates cannot say this: two writes can share a millisecond, and a desk merge keeps
 * the other editor's `updatedAt`.
 */
export const WriteVersion = z.number().int().min(0)
export type WriteVersion = z.infer<typeof WriteVersion>
