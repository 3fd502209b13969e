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
