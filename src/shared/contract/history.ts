// Undo and redo, kept in main per story: each write a call made is kept with its inverse (the records
// it changed, by id), and a step is applied through the same rules as any edit (services/history.ts).
import { z } from 'zod'
import { Id } from '../model'
import { CallId, channels, Nothing, read, write } from './channel'

/** What a step would take back or do again, in the words of the activity the write logged. */
export const HistoryStepInfo = z.strictObject({
  label: z.string(),
  callId: z.string(),
  /** The one claim the change touched (its fields, comments or evidence), if it touched one: the window opens it. */
  claimId: Id.nullable()
})
export type HistoryStepInfo = z.infer<typeof HistoryStepInfo>

/** The editor's next undo and redo in a story (their own changes only). */
export const HistoryState = z.strictObject({
  storyId: Id,
  undo: HistoryStepInfo.nullable(),
  redo: HistoryStepInfo.nullable(),
  /** How many of the editor's changes can be undone (at most `historyDepth`). */
  depth: z.number().int().min(0)
})
export type HistoryState = z.infer<typeof HistoryState>

/** A step taken: what it did (null: nothing to undo or redo) and what comes next. */
export const HistoryResult = HistoryState.extend({ done: HistoryStepInfo.nullable() })
export type HistoryResult = z.infer<typeof HistoryResult>

/** How many changes per story are kept for undo. */
export const historyDepth = 100

const Step = z.strictObject({
  storyId: Id,
  /** Take the step only if the latest change is this call's (a toast's Undo button), else refused. */
  callId: CallId.optional()
})

export const historyChannels = channels('history', {
  state: read(z.strictObject({ storyId: Id }), HistoryState),
  undo: write(Step, HistoryResult),
  redo: write(Step, HistoryResult),
  /**
   * The window says which story the Edit menu's Undo and Redo act on (null: none on screen) and whether a
   * text field has focus (which undoes its own typing). Main greys the items from this story's history
   * for the current editor, and keeps them right after every write, step and change of editor.
   */
  focus: read(z.strictObject({ storyId: Id.nullable(), typing: z.boolean() }), Nothing)
})
