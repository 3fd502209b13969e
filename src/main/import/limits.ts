// Size caps for imports and the coded errors shared by every import path.
import { AppError } from '../../shared/result'
import { limits } from '../../shared/model/common'

const MB = 1024 * 1024

/**
 * Text and HTML over 10 MB are not stories but dumps; .docx gets more room because embedded
 * photos count towards its size though they never reach the text.
 */
export const caps = {
  textBytes: 10 * MB,
  docxBytes: 25 * MB,
  /** What a .docx's text parts (XML, not photos) may unpack to; a 20,000-word story is about 5 MB. */
  docxUnpackedBytes: 64 * MB,
  pageBytes: 10 * MB,
  timeoutMs: 15_000,
  /** How long the import worker may spend turning one file or page into text. */
  convertMs: 30_000,
  /** The import worker's JavaScript heap; a file that needs more is refused. */
  workerHeapMb: 512,
  redirects: 5,
  storyChars: limits.storyText
} as const

export const formatMb = (bytes: number): string => `${(bytes / MB).toFixed(bytes < MB ? 2 : 1)} MB`

export function checkSize(name: string, size: number, cap: number): void {
  if (size > cap)
    throw new AppError(
      'too_large',
      `${name} is ${formatMb(size)}, over the ${formatMb(cap)} Factdesk accepts for this kind of file. Import a shorter version or split it.`
    )
}

/** The store refuses stories over this length, so say so here with the file's name on it. */
export function checkStoryLength(name: string, text: string): void {
  if (text.length > caps.storyChars) {
    throw new AppError(
      'too_large',
      `${name} holds ${text.length.toLocaleString('en')} characters of text, over the ${caps.storyChars.toLocaleString('en')} a story can hold. Split it into several stories.`
    )
  }
}
