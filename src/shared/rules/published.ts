// After publication: where a signed-off story is published, for main (which fetches it) and the window
// (which offers the check only when there is an address).
import type { Story } from '../model'

/** The story's URL, else the page it was imported from; '' when neither. */
export function publishedUrl(story: Pick<Story, 'url' | 'origin'>): string {
  if (story.url) return story.url
  return story.origin.kind === 'url' ? story.origin.location : ''
}
