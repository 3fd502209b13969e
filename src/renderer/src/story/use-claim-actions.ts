// Changes to a story's claims, each one call through the store's edit path (app/store.ts). Marking
// shows a pending highlight at once and settles when main answers; updates show at once and are
// taken back if the save fails. Main keeps every change in the story's history (services/history.ts,
// stepped through app/undo.tsx); a delete also says so in a toast with an Undo button for that call.
import { startTransition, useCallback, useEffect, useRef, useState } from 'react'
import { maxQuoteLength } from '../../../shared/contract/values'
import type { StoryDetail } from '../../../shared/contract'
import type { Claim, ClaimFields, Story } from '../../../shared/model'
import { call, callsOf } from '../api'
import { useToasts } from '../app/toasts'
import { useUndo } from '../app/undo'
import { claimOnWords, storyOrder } from '../../../shared/rules/claims'
import { partText, type PartRange } from '../../../shared/text/parts'
import { trimRange } from '../../../shared/text/range'
import type { StoryEdit } from '../app/store'

export interface PendingMark extends PartRange {
  key: string
}

let pendingKeys = 0

interface Options {
  storyId: string
  /** The headline and text claims are marked in. */
  story: Pick<Story, 'title' | 'text'>
  claims: readonly Claim[]
  edit: StoryEdit
  /** Selects a claim and opens its panel (after marking or restoring it). */
  open(id: string): void
}

const withClaim = (d: StoryDetail, claim: Claim): StoryDetail => ({
  ...d,
  claims: [...d.claims.filter((c) => c.id !== claim.id), claim].sort(storyOrder)
})
const replaceClaim = (d: StoryDetail, claim: Claim): StoryDetail => ({
  ...d,
  claims: d.claims.map((c) => (c.id === claim.id ? claim : c))
})
const withoutClaim = (d: StoryDetail, id: string): StoryDetail => ({
  ...d,
  claims: d.claims.filter((c) => c.id !== id),
  evidence: d.evidence.filter((e) => e.claimId !== id)
})

export function useClaimActions({ storyId, story, claims, edit, open }: Options) {
  const toasts = useToasts()
  const history = useUndo()
  const [pending, setPending] = useState<PendingMark[]>([])
  /** The claim just marked, set in the render that shows it saved; its panel opens after that render is committed. */
  const [marked, setMarked] = useState<string | null>(null)
  useEffect(() => {
    if (marked === null) return
    const frame = requestAnimationFrame(() =>
      startTransition(() => {
        open(marked)
        setMarked(null)
      })
    )
    return () => cancelAnimationFrame(frame)
  }, [marked, open])
  /** Ranges being saved right now, read synchronously so a double-click cannot mark twice. */
  const inFlight = useRef(new Set<string>())

  // The latest markRange, for marking again once an editor is named (see `retry` below).
  const markAgain = useRef<(range: PartRange) => void>(() => undefined)
  const markRange = useCallback(
    async (selected: PartRange) => {
      const trimmed = trimRange(partText(story, selected.part), selected)
      if (!trimmed) return
      const range = { part: selected.part, ...trimmed }
      if (range.end - range.start > maxQuoteLength) {
        const chosen = (range.end - range.start).toLocaleString('en')
        toasts.show({
          tone: 'error',
          message: `That selection is ${chosen} characters long; a claim can quote at most ${maxQuoteLength.toLocaleString('en')}. Select fewer words and press M again.`
        })
        return
      }
      document.getSelection()?.removeAllRanges()
      // The same words marked again open the claim they already are (main refuses a second one too).
      const existing = claimOnWords(claims, range)
      if (existing) return open(existing.id)
      const rangeKey = `${range.part}:${range.start}:${range.end}`
      if (inFlight.current.has(rangeKey)) return
      inFlight.current.add(rangeKey)
      const key = `pending-${++pendingKeys}`
      setPending((p) => [...p, { key, ...range }])
      // Marked before anyone said who they are: once they have, the same words are marked after all.
      const claim = await edit({
        send: () => call('claims.create', { storyId, part: range.part, start: range.start, end: range.end }),
        apply: withClaim,
        retry: () => markAgain.current(selected)
      })
      // The store has folded the claim in and rendered it by now (a render of its own, before this resumes); the
      // view has already let the pending highlight give way to it there (StoryView's articleClaims), so letting go
      // of it here changes nothing on screen. The panel opens only once that is drawn (the effect above): mounting
      // it is the heaviest render of a mark, and begun earlier it would hold the saved claim back.
      setPending((p) => p.filter((x) => x.key !== key))
      if (claim) setMarked(claim.id)
      inFlight.current.delete(rangeKey)
    },
    [edit, toasts, storyId, open, story, claims]
  )
  useEffect(() => {
    markAgain.current = (range) => void markRange(range)
  }, [markRange])

  const updateClaim = useCallback(
    (id: string, fields: Partial<ClaimFields>) =>
      edit({
        send: () => call('claims.update', { storyId, claimId: id, patch: fields }),
        show: (d) => ({ ...d, claims: d.claims.map((c) => (c.id === id ? { ...c, ...fields } : c)) }),
        apply: replaceClaim
      }),
    [edit, storyId]
  )

  const reattach = useCallback(
    (id: string, range: PartRange) =>
      edit({
        send: () =>
          call('claims.reattach', { storyId, claimId: id, part: range.part, start: range.start, end: range.end }),
        apply: (d, claim) => withClaim(d, claim)
      }),
    [edit, storyId]
  )

  /** Deletes the claim and its evidence; resolves to whether it went. */
  const deleteClaim = useCallback(
    async (claim: Claim, name: string): Promise<boolean> => {
      let callId: string | undefined
      const deleted = await edit({
        send: () => {
          const sent = callsOf(() => call('claims.delete', { storyId, claimId: claim.id }))
          callId = sent.ids[0]
          return sent.result
        },
        show: (d) => withoutClaim(d, claim.id),
        apply: (d) => withoutClaim(d, claim.id)
      })
      if (!deleted || !callId) return Boolean(deleted)
      const named = callId
      // Undone in main (services/history.ts), only while the delete is still the editor's latest change.
      const undo = async (): Promise<void> => {
        if (await history.undoIf(named)) open(claim.id)
      }
      toasts.show({ message: `${name} deleted.`, action: { label: 'Undo', run: () => void undo() } })
      return true
    },
    [edit, toasts, storyId, open, history]
  )

  return { pending, markRange, updateClaim, reattach, deleteClaim }
}
