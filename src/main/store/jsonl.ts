// The one JSONL reader of the store: its logs (index.jsonl, a story's journal.jsonl and
// activity.jsonl) are one JSON value per line, each line ended by "\n", appended and fsynced. A line
// that is not JSON or not of its schema reads as null (the caller decides what damage means); bytes
// after the last "\n" are not a line (a torn append) and are left to the caller, from `rest`.
import type { z } from 'zod'

/** One whole line of a log. */
export interface JsonLine<T> {
  /** The line's value, or null when it is not JSON or not of the schema. */
  value: T | null
  /** Where the line starts, and where the next one does (after its "\n"). */
  start: number
  next: number
}

/** One line's bytes (without its "\n") read as a value of `schema`, or null. */
export function parseJsonLine<T>(schema: z.ZodType<T>, bytes: Uint8Array): T | null {
  let json: unknown
  try {
    json = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'))
  } catch {
    return null
  }
  const parsed = schema.safeParse(json)
  return parsed.success ? parsed.data : null
}

/** The whole lines of `bytes` from the start, at most `most` of them, each read with `schema`. */
export function* jsonLines<T>(bytes: Buffer, schema: z.ZodType<T>, most = Infinity): Generator<JsonLine<T>> {
  let start = 0
  for (let count = 0; count < most && start < bytes.length; count++) {
    const end = bytes.indexOf(10, start)
    if (end === -1) return
    yield { value: parseJsonLine(schema, bytes.subarray(start, end)), start, next: end + 1 }
    start = end + 1
  }
}
