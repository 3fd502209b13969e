// The place on the story toolbar for revision, diff, re-import and export actions (issues 5 and 6).
// Render their buttons here; they receive the open story with its revisions.
import type { StoryDetail } from '../../../shared/contract'

export function StoryToolbarExtras(_props: { detail: StoryDetail }): React.JSX.Element | null {
  return null
}
