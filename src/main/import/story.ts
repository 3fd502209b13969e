// What every import produces, and the checks every path ends with. Light on purpose: the main
// process loads this; the parsers (jsdom, Readability, DOMPurify, mammoth) load only in the worker.
import type { StoryMeta } from '../../shared/model'
import { AppError } from '../../shared/result'
import { canonicalText } from '../../shared/text/canonical'
import { checkStoryLength } from './limits'

export interface ImportedStory {
  meta: Partial<StoryMeta> & { title: string }
  text: string
  warnings: string[]
}

/** Every path ends here, so no format can return text that is empty, too long or not canonical. */
export function finish(name: string, story: ImportedStory): ImportedStory {
  const text = canonicalText(story.text)
  if (!text) throw new AppError('invalid_input', `${name} contains no text to check.`)
  checkStoryLength(name, text)
  return { meta: story.meta, text, warnings: story.warnings }
}
