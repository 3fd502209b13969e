// How a channel is declared: one strict input object and the shape of what comes back.
import { z } from 'zod'

export interface ChannelDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I
  output: O
}

export const channel = <I extends z.ZodObject, O extends z.ZodType>(input: I, output: O): ChannelDef<I, O> => ({ input, output })

/** Calls that take nothing still take one (empty, strict) object, so every call has the same shape. */
export const NoInput = z.strictObject({})
export const Nothing = z.null()

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
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, withoutUndefined(v)])) as T
}
