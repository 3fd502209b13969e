// What every service is handed: the store, a clock and an id maker. No globals, so tests pass their own.
import { randomBytes } from 'node:crypto'
import type { Activity, StoryFile } from '../../shared/model'
import { AppError } from '../../shared/result'
import type { LibraryStore } from '../store/library-store'

export interface ServiceContext {
  store: LibraryStore
  now: () => Date
  newId: () => string
  /** Who is editing on this machine (kept outside the library), or null before anyone has said. */
  readonly editorId: string | null
  chooseEditor(id: string): Promise<void>
  /** The number of the last write announced for the story (0: none since the app started); see WriteVersion. */
  storyVersion(storyId: string): number
}

/** What a change needs without an editor at the keyboard (seeding the sample story, logging). */
export type StoreContext = Pick<ServiceContext, 'store' | 'now' | 'newId'>

export const randomId = (): string => randomBytes(9).toString('base64url')

/** The editor every change is stamped with; changes are refused until someone has said who they are. */
export function currentEditor(ctx: ServiceContext): string {
  const id = ctx.editorId
  if (!id)
    throw new AppError(
      'no_editor',
      'Choose who you are before making changes (the editor picker at the top of the window).'
    )
  return id
}

export type ActivityInput = Pick<Activity, 'action' | 'summary'> &
  Partial<Pick<Activity, 'claimId' | 'field' | 'from' | 'to'>>

/** Appends one entry to a story's activity log (inside an updateStory change). */
export function logActivity(ctx: StoreContext, file: StoryFile, by: string, entry: ActivityInput): void {
  file.activity.push({
    id: ctx.newId(),
    at: ctx.now().toISOString(),
    by,
    storyId: file.story.id,
    claimId: entry.claimId ?? null,
    field: entry.field ?? null,
    from: entry.from ?? null,
    to: entry.to ?? null,
    action: entry.action,
    summary: entry.summary
  })
}
