// Building blocks shared by every record: ids, timestamps and bounded strings.
import { z } from 'zod'

/** Ids are short random strings made in main; the renderer only echoes them back. */
export const Id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a valid id')
export type Id = z.infer<typeof Id>

export const IsoDate = z.iso.datetime({ offset: true })

/** Caps keep a hostile or mistaken payload from bloating the library. */
export const limits = {
  shortText: 500,
  longText: 20_000,
  storyText: 2_000_000,
  url: 4_000,
  tags: 50
} as const

export const ShortText = z.string().max(limits.shortText)
export const LongText = z.string().max(limits.longText)
/** A name or title: trimmed first, so a name of spaces is refused rather than saved empty. */
export const Name = z.string().trim().min(1, 'must not be empty').max(limits.shortText)
export const HttpUrl = z
  .string()
  .max(limits.url)
  .refine((value) => {
    try {
      const url = new URL(value)
      return url.protocol === 'http:' || url.protocol === 'https:'
    } catch {
      return false
    }
  }, 'must be an http(s) URL')
/** A URL field that may be left empty. */
export const OptionalUrl = z.union([z.literal(''), HttpUrl])
