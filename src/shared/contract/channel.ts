// How a channel is declared: one strict input object and the shape of what comes back.
import { z } from 'zod'

export interface ChannelDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I
  output: O
}

export const channel = <I extends z.ZodObject, O extends z.ZodType>(input: I, output: O): ChannelDef<I, O> => ({
  input,
  output
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

/**
 * The path of the first field sent as `undefined`, or null. Electron's IPC keeps `undefined`, and a
 * patch spread over a record would then remove a required key, so the contract refuses such input
 * outright; a caller that has no value for an optional field leaves the key out.
 */
export function undefinedField(value: unknown, path: string[] = []): string | null {
  if (value === undefined) return path.join('.') || '(input)'
  if (typeof value !== 'object' || value === null) return null
  for (const [key, inner] of Object.entries(value)) {
    const found = undefinedField(inner, [...path, key])
    if (found) return found
  }
  return null
}

/** The same input without keys whose value is `undefined`: what the renderer sends for "no value". */
export function withoutUndefined<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => withoutUndefined(v)) as T
  if (typeof value !== 'object' || value === null) return value
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, withoutUndefined(v)])
  ) as T
}

/**
 * Main numbers the library's writes as it announces them, one after another from 1: a story view
 * fetched at `version` n holds every write to that story numbered n or lower and none above
 * (stories.get). Dates cannot say this: two writes can share a millisecond, and a desk merge keeps
 * the other editor's `updatedAt`.
 */
export const WriteVersion = z.number().int().min(0)
export type WriteVersion = z.infer<typeof WriteVersion>
