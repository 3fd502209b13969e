// What every service is handed: the store, a clock and an id maker. No globals, so tests pass their own.
import { randomBytes } from 'node:crypto'
import { current, isDraft, original } from 'immer'
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

/**
 * Appends one entry to a story's activity log (inside an updateStory change). In a change the log
 * is replaced by a frozen copy with the entry added, never pushed to through the draft: a draft of
 * a log of 15,000 entries costs the save milliseconds that grow with the story, a copy of it a
 * fraction of one, and a frozen array is one immer does not search for drafts.
 */
/**
 * A value read from a draft (a claim's list or object field) as plain data. The log is appended as a frozen
 * array, which immer does not walk when it finishes a change, so a draft left in an entry would be revoked.
 */
const outOfDraft = <T>(value: T): T => (isDraft(value) ? (current(value as never) as T) : value)

export function logActivity(ctx: StoreContext, file: StoryFile, by: string, entry: ActivityInput): void {
  const added: Activity = {
    id: ctx.newId(),
    at: ctx.now().toISOString(),
    by,
    storyId: file.story.id,
    claimId: entry.claimId ?? null,
    field: entry.field ?? null,
    from: outOfDraft(entry.from ?? null),
    to: outOfDraft(entry.to ?? null),
    action: entry.action,
    summary: entry.summary
  }
  appendActivity(file, [added])
}

/**
 * Adds entries to the end of a story's log: the one way the log grows. In a change the log is
 * replaced by a frozen copy with the entries added, never pushed to through the draft (see
 * logActivity); outside a change (a story being built) they are pushed.
 */
export function appendActivity(file: StoryFile, entries: readonly Activity[]): void {
  if (entries.length === 0) return
  const log = file.activity
  if (!isDraft(file) && !Object.isFrozen(log)) for (const entry of entries) log.push(entry)
  else file.activity = Object.freeze((isDraft(log) ? current(log) : log).concat(entries)) as Activity[]
}

/**
 * The record with `id` in a list of a change's draft. Found on the list as the change began, so
 * the search drafts only the record found (a search through the draft drafts every record it
 * passes: a cost that grows with the story); a record added or moved by the change is found in
 * the draft.
 */
export function findById<T extends { id: string }>(list: T[], id: string): T | undefined {
  if (isDraft(list)) {
    const i = (original(list as never) as T[]).findIndex((r) => r.id === id)
    const record = i === -1 ? undefined : list[i]
    if (record?.id === id) return record
  }
  return list.find((r) => r.id === id)
}

/** A draft list as it stands, to search without drafting what the search passes (see findById). */
export const asFound = <T>(list: T[]): readonly T[] => (isDraft(list) ? (current(list as never) as T[]) : list)
