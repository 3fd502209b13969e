// Undo and redo, kept in main. Every story write goes through the store's one edit path
// (LibraryStore.updateStory), which announces what the write changed record by record (StoryEdit,
// keyed by id). The history hears each announcement: a write a call made is kept, per story, with
// the call id, the editor and its words (the activity it logged). `history.undo` / `history.redo`
// take the editor's latest step back through the same path and the same rules as any edit:
// - it touches exactly the records the write changed (by id, so never another claim);
// - it is refused (`changed_since`) when any of them changed since: another editor, a desk pull, a
//   revision, another call; nothing is written;
// - in a cleared story it is refused (`story_cleared`) unless it is itself the step out of cleared,
//   and a step into cleared passes the sign-off rule (stories.ts `signOff`);
// - a refused or failed step stays where it was: the history changes only when the store announces
//   the step's write, in the story's turn, after it is on disk.
// The history lives in main for the life of the app, so it survives a reload of the window; it is
// dropped with the library (another library opened) and with the app.
import { isDeepStrictEqual } from 'node:util'
import type { GroupHandlers } from '../registry'
import { historyDepth, type HistoryResult, type HistoryStepInfo } from '../../shared/contract'
import type { Activity, Claim, DeskState, Evidence, SignOff, StoryFile } from '../../shared/model'
import { AppError } from '../../shared/result'
import { claimLabel, FINAL_DESK_STATE } from '../../shared/rules/claims'
import type { EditMenuState } from '../platform'
import type { StoreChange } from '../store/library-store'
import {
  invertEdit,
  isEmptyEdit,
  sameRecord,
  type HistoryStep,
  type RecordChange,
  type StoryEdit
} from '../store/story-edit'
import { currentEditor, logActivity, type ServiceContext } from './context'
import { signOff } from './stories'

interface Entry {
  /** Unique in this history; a step names the entry it takes. */
  seq: number
  callId: string
  editor: string | null
  at: string
  label: string
  /** The write as it was made: its inverse takes it back. */
  edit: StoryEdit
}

interface Stacks {
  done: Entry[]
  undone: Entry[]
}

const fieldWords: Record<string, string> = {
  title: 'headline',
  deskState: 'desk state',
  signOff: 'sign-off',
  publishedAt: 'publication date'
}

export class History {
  private readonly stories = new Map<string, Stacks>()
  private seq = 0

  /** The story the Edit menu acts on and whether a text field has focus (history.focus). */
  private focused: { storyId: string | null; typing: boolean } = { storyId: null, typing: false }
  /** What the Edit menu shows now; it starts greyed. */
  private shown: EditMenuState = { undo: false, redo: false }

  constructor(
    private readonly ctx: Pick<ServiceContext, 'now' | 'editorId'>,
    /** Told whenever the Edit menu's Undo / Redo should change (Platform.setEditMenu). */
    private readonly onMenu: (state: EditMenuState) => void = () => undefined
  ) {}

  /** Forgets everything (another library was opened). */
  reset(): void {
    this.stories.clear()
    this.focused = { storyId: null, typing: false }
    this.refreshMenu()
  }

  /**
   * Tells the menu what it can do now, when that changed: Undo when the focused story has a change of the
   * current editor's to undo (or a text field has focus, which undoes its own typing), Redo likewise.
   */
  refreshMenu(): void {
    const { storyId, typing } = this.focused
    const state = storyId === null ? null : this.state(storyId, this.ctx.editorId)
    const next = { undo: typing || (state?.undo ?? null) !== null, redo: typing || (state?.redo ?? null) !== null }
    if (next.undo === this.shown.undo && next.redo === this.shown.redo) return
    this.shown = next
    this.onMenu(next)
  }

  /** Hears every store write, in the story's turn, once it is on disk. */
  hear(change: StoreChange): void {
    this.record(change)
    this.refreshMenu()
  }

  private record(change: StoreChange): void {
    if (change.entity !== 'story' || !change.edit) return
    const { edit, step } = change
    const stacks = this.stacksOf(change.summary.id)
    const at = this.ctx.now().toISOString()
    if (step) {
      // The step's write is on disk: its entry moves to the other list, now holding this write (whose
      // inverse does the step again the other way).
      const [from, to] = step.kind === 'undo' ? [stacks.done, stacks.undone] : [stacks.undone, stacks.done]
      const index = from.findIndex((e) => e.seq === step.entry)
      if (index === -1) return
      const [taken] = from.splice(index, 1) as [Entry]
      to.push({ ...taken, seq: ++this.seq, callId: change.callIds[0] ?? taken.callId, at, edit })
      trim(to)
      return
    }
    // Background work (a desk pull) is nobody's to undo; what it changed makes older steps refuse.
    const callId = change.callIds[0]
    if (callId === undefined) return
    stacks.undone = []
    // A revision keeps its text for good; writes without anything to take back are not steps.
    if (edit.revised || isEmptyEdit(edit)) return
    stacks.done.push({ seq: ++this.seq, callId, editor: this.ctx.editorId, at, label: labelOf(change.activity), edit })
    trim(stacks.done)
  }

  state(storyId: string, editor: string | null): Omit<HistoryResult, 'done'> {
    const stacks = this.stories.get(storyId)
    const mine = (list: Entry[] | undefined): Entry[] => (list ?? []).filter((e) => e.editor === editor)
    const info = (entry: Entry | undefined): HistoryStepInfo | null => (entry ? stepInfo(entry) : null)
    const done = mine(stacks?.done)
    return { storyId, undo: info(done.at(-1)), redo: info(mine(stacks?.undone).at(-1)), depth: done.length }
  }

  handlers(ctx: ServiceContext) {
    const take = async (kind: HistoryStep['kind'], storyId: string, callId?: string): Promise<HistoryResult> => {
      const by = currentEditor(ctx)
      // The entry is chosen in the story's turn, after every write sent before this call.
      const step: HistoryStep = { kind, entry: -1 }
      const done = await ctx.store.updateStory(
        storyId,
        (file): HistoryStepInfo | null => {
          const stacks = this.stacksOf(storyId)
          const entry = (kind === 'undo' ? stacks.done : stacks.undone).findLast((e) => e.editor === by)
          if (callId !== undefined && entry?.callId !== callId)
            throw new AppError(
              'conflict',
              `That change is no longer your latest in this story, so it was not ${kind === 'undo' ? 'undone' : 'redone'}.`
            )
          if (!entry) return null
          applyStep(ctx, file, invertEdit(entry.edit), { by, kind, label: entry.label, since: entry.at })
          step.entry = entry.seq
          return stepInfo(entry)
        },
        step
      )
      return { ...this.state(storyId, by), done }
    }
    return {
      state: ({ storyId }) => this.state(storyId, ctx.editorId),
      undo: ({ storyId, callId }) => take('undo', storyId, callId),
      redo: ({ storyId, callId }) => take('redo', storyId, callId),
      focus: (focused) => {
        this.focused = focused
        this.refreshMenu()
        return null
      }
    } satisfies GroupHandlers<'history'>
  }

  private stacksOf(storyId: string): Stacks {
    let stacks = this.stories.get(storyId)
    if (!stacks) this.stories.set(storyId, (stacks = { done: [], undone: [] }))
    return stacks
  }
}

const stepInfo = (entry: Entry): HistoryStepInfo => ({
  label: entry.label,
  callId: entry.callId,
  claimId: claimOf(entry.edit)
})

/** The one claim an edit touched, directly or through its evidence; null for none or several. */
function claimOf(edit: StoryEdit): string | null {
  const ids = new Set([
    ...edit.claims.map((c) => c.id),
    ...edit.evidence.map((c) => (c.before ?? c.after)?.claimId ?? '')
  ])
  return ids.size === 1 ? ([...ids][0] ?? null) || null : null
}

function trim(list: Entry[]): void {
  if (list.length > historyDepth) list.splice(0, list.length - historyDepth)
}

function labelOf(activity: Activity[]): string {
  const first = activity[0]
  if (!first) return 'a change'
  return activity.length === 1 ? first.summary : `${first.summary} (and ${activity.length - 1} more)`
}

interface StepContext {
  by: string
  kind: HistoryStep['kind']
  label: string
  /** When the entry's write was made: activity since then says who changed a record. */
  since: string
}

/**
 * Applies `change` (an entry's inverse) to the story, after checking that every record it touches
 * is as the entry left it and that the desk-state rules allow it. Throws, changing nothing, otherwise.
 */
function applyStep(ctx: ServiceContext, file: StoryFile, change: StoryEdit, step: StepContext): void {
  const desk = change.story.find((c) => c.field === 'deskState')
  if (file.story.deskState === FINAL_DESK_STATE && !(desk && desk.after !== FINAL_DESK_STATE))
    throw new AppError(
      'story_cleared',
      `“${file.story.title}” is cleared, so nothing in it is ${step.kind === 'undo' ? 'undone' : 'redone'}. Set it back to In check first (its sign-off ends), then ${step.kind}.`
    )

  const changedSince = (what: string, claimId: string | null): AppError => {
    const by = lastChangeBy(ctx, file, claimId, step.since)
    return new AppError(
      'changed_since',
      `${what} was changed since${by ? ` (by ${by})` : ''}, so your change was not ${step.kind === 'undo' ? 'undone' : 'redone'}; nothing was changed.`
    )
  }
  const claimName = (id: string): string => {
    const claim =
      file.claims.find((c) => c.id === id) ??
      change.claims.find((c) => c.id === id)?.before ??
      change.claims.find((c) => c.id === id)?.after
    return claim ? claimLabel(claim.number) : 'A claim'
  }
  for (const c of change.story)
    if (!isDeepStrictEqual(file.story[c.field], c.before))
      throw changedSince(`The story’s ${fieldWords[c.field] ?? c.field}`, null)
  for (const c of change.claims)
    if (!sameRecord(file.claims.find((x) => x.id === c.id) ?? null, c.before)) throw changedSince(claimName(c.id), c.id)
  for (const c of change.evidence)
    if (!sameRecord(file.evidence.find((x) => x.id === c.id) ?? null, c.before)) {
      const claimId = (c.before ?? c.after)?.claimId ?? null
      throw changedSince(`Evidence on ${claimId ? claimName(claimId) : 'a claim'}`, claimId)
    }
  if (change.dismissed && !isDeepStrictEqual(file.dismissedSuggestions ?? [], change.dismissed.before ?? []))
    throw changedSince('The dismissed suggestions', null)
  for (const c of change.claims) {
    const number = c.after?.number
    if (c.before === null && file.claims.some((x) => x.id !== c.id && x.number === number))
      throw changedSince(`Another claim numbered ${claimLabel(number ?? 0)}`, null)
  }

  const at = ctx.now().toISOString()
  file.claims = putRecords(file.claims, change.claims, (claim) => ({ ...claim, updatedAt: at, updatedBy: step.by }))
  file.evidence = putRecords(file.evidence, change.evidence, (evidence) => ({ ...evidence, updatedAt: at }))
  if (change.dismissed) {
    if (change.dismissed.after === undefined) delete file.dismissedSuggestions
    else file.dismissedSuggestions = change.dismissed.after
  }
  for (const c of change.story) {
    if (c.field === 'deskState' || c.field === 'signOff') continue
    Object.assign(file.story, { [c.field]: c.after })
  }
  if (desk) {
    // In and out of cleared by the sign-off rule, as stories.update does: into cleared only with every
    // claim Done with a current verdict, or with the override reason the editor gave when they cleared it.
    const override = change.story.find((c) => c.field === 'signOff')?.after as SignOff | null | undefined
    signOff(ctx, file, desk.after as DeskState, override?.override?.reason, step.by)
    file.story.deskState = desk.after as DeskState
  }
  file.story.updatedAt = at
  logActivity(ctx, file, step.by, {
    action: step.kind === 'undo' ? 'history.undone' : 'history.redone',
    claimId: claimOf(change),
    summary: `${step.kind === 'undo' ? 'Undone' : 'Redone'}: ${step.label}`.slice(0, 1000)
  })
}

/** The list with each change's `after` put in (by id; a record coming back goes where it stood), stamped by `stamp`. */
function putRecords<T extends Claim | Evidence>(list: T[], changes: RecordChange<T>[], stamp: (record: T) => T): T[] {
  if (changes.length === 0) return list
  let next = [...list]
  for (const c of changes) {
    const index = next.findIndex((r) => r.id === c.id)
    if (c.after === null) {
      next = next.filter((r) => r.id !== c.id)
    } else if (index === -1) {
      next.splice(Math.min(c.index, next.length), 0, stamp(c.after))
    } else {
      next[index] = stamp(c.after)
    }
  }
  return next
}

/** Who last logged a change to the claim (or the story) since `since`, by name, if the log says. */
function lastChangeBy(ctx: ServiceContext, file: StoryFile, claimId: string | null, since: string): string | null {
  const entry = file.activity.findLast((a) => a.at > since && (claimId === null || a.claimId === claimId))
  if (!entry) return null
  return ctx.store.library.people.find((p) => p.id === entry.by)?.name ?? null
}
