// Moving a story to another desk state, through the store's edit path (app/store.ts). Clearing starts
// the sign-off and leaving the final state ends it (main's `signOff` rule); the view takes in no fetch
// for its own edit, so the answer's sign-off is folded in with the state: the toolbar's "Log a
// correction…" and "Check published page" follow it.
import type { DeskState } from '../../../shared/model'
import { call } from '../api'
import type { StoryEdit } from '../app/store'

export function changeDeskState(edit: StoryEdit, storyId: string, deskState: DeskState): Promise<unknown> {
  return edit({
    send: () => call('stories.update', { id: storyId, patch: { deskState } }),
    show: (d) => ({ ...d, story: { ...d.story, deskState } }),
    apply: (d, saved) => ({
      ...d,
      story: { ...d.story, deskState: saved.deskState, signOff: saved.signOff, updatedAt: saved.updatedAt }
    })
  })
}
