// The two texts of a story a claim can be in: the headline and the story text. Offsets in a claim's
// anchor, a selection or a sentence count from the start of the part they are in.
import type { ClaimAnchor, StoryPart } from '../model/claim'
import type { Story } from '../model/story'
import type { TextRange } from './range'

export interface PartRange extends TextRange {
  part: StoryPart
}

/** The text of `part`: the headline (`story.title`) or the story text. */
export const partText = (story: Pick<Story, 'title' | 'text'>, part: StoryPart): string =>
  part === 'headline' ? story.title : story.text

/** Where an anchor's words are now. */
export const anchorRange = (anchor: Pick<ClaimAnchor, 'part' | 'position'>): PartRange => ({
  part: anchor.part,
  start: anchor.position.start,
  end: anchor.position.end
})

/** Whether two ranges are the same words of the same part. */
export const sameRange = (a: PartRange, b: PartRange): boolean =>
  a.part === b.part && a.start === b.start && a.end === b.end
