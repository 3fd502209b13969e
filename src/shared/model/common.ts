// Building blocks shared by every record: ids, timestamps and bounded strings.
import { z } from 'zod'
import { idPattern, limits } from './values'

export { idPattern, limits } from './values'

/** Ids are short random strings made in main; the renderer only echoes them back. */
export const Id = z.string().regex(idPattern, 'not a valid id')
export type Id = z.infer<typeof Id>

export const IsoDate = z.iso.datetime({ offset: true })

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
