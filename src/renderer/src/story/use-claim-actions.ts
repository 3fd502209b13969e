// Changes to a story's claims. Marking shows a pending highlight at once and settles when main
// answers; updates apply locally first. Every change goes into the undo history (app/undo.tsx);
// a delete also says so in a toast with an Undo button.
import { useCallback, useRef, useState } from 'react'
import type { StoryDetail } from '../../../shared/contract'
import type { Claim, ClaimFields, Evidence } from '../../../shared/model'
import { call } from '../api'
import { useDesk } from '../app/desk-context'
import { useToasts } from '../app/toasts'
import { useUndo } from '../app/undo'
import { trimRange, type TextRange } from '../desk/selection'
import { byStoryOrder } from './use-story'

export interface PendingMark extends TextRange {
  key: string
}

let pendingKeys = 0

const summary = (words: string): string => (words.length > 40 ? `${words.slice(0, 40)}…` : words)

interface Options {
  storyId: string
  text: string
  claims: readonly Claim[]
  patch(change: (d: StoryDetail) => StoryDetail): void
  /** Selects a claim and opens its panel (after marking or restoring it). */
  open(id: string): void
}

export function useClaimActions({ storyId, text, claims, patch, open }: Options) {
  const desk = useDesk()
  const toasts = useToasts()
  const history = useUndo()
  const [pending, setPending] = useState<PendingMark[]>([])
  /** Ranges being saved right now, read synchronously so a double-click cannot mark twice. */
  const inFlight = useRef(new Set<string>())

  const markRange = useCallback(
    async (selected: TextRange) => {
      const range = trimRange(text, selected)
      if (!range) return
      document.getSelection()?.removeAllRanges()
      // The same words marked again open the claim they already are (main refuses a second one too).
      const existing = claims.find((c) => !c.orphaned && c.anchor.position.start === range.start && c.anchor.position.end === range.end)
      if (existing) return open(existing.id)
      const rangeKey = `${range.start}:${range.end}`
      if (inFlight.current.has(rangeKey)) return
      inFlight.current.add(rangeKey)
      const key = `pending-${++pendingKeys}`
      setPending((p) => [...p, { key, ...range }])
      const claim = await desk.run(() => call('claims.create', { storyId, start: range.start, end: range.end }))
      if (claim) {
        patch((d) => ({ ...d, claims: [...d.claims.filter((c) => c.id !== claim.id), claim].sort(byStoryOrder) }))
        open(claim.id)
        let deleted: { claim: Claim; evidence: Evidence[] } | null = null
        history.record({
          label: `Mark “${summary(claim.anchor.quote.exact)}”`,
          undo: async () => void (deleted = await call('claims.delete', { storyId, claimId: claim.id })),
          redo: async () => void (deleted && (await call('claims.restore', { storyId, deleted })))
        })
      }
      inFlight.current.delete(rangeKey)
      setPending((p) => p.filter((x) => x.key !== key))
    },
    [desk, storyId, patch, open, text, claims, history]
  )

  const updateClaim = useCallback(
    async (id: string, fields: Partial<ClaimFields>) => {
      const before = claims.find((c) => c.id === id)
      patch((d) => ({ ...d, claims: d.claims.map((c) => (c.id === id ? { ...c, ...fields } : c)) }))
      const saved = await desk.run(() => call('claims.update', { storyId, claimId: id, patch: fields }))
      if (!saved) return
      patch((d) => ({ ...d, claims: d.claims.map((c) => (c.id === id ? saved : c)) }))
      if (!before) return
      const previous = Object.fromEntries(Object.keys(fields).map((k) => [k, before[k as keyof ClaimFields]])) as Partial<ClaimFields>
      if (JSON.stringify(previous) === JSON.stringify(fields)) return
      history.record({
        label: `Change ${Object.keys(fields).join(', ')}`,
        undo: async () => void (await call('claims.update', { storyId, claimId: id, patch: previous })),
        redo: async () => void (await call('claims.update', { storyId, claimId: id, patch: fields }))
      })
    },
    [desk, storyId, patch, claims, history]
  )

  /** Deletes the claim and its evidence; resolves to whether it went. */
  const deleteClaim = useCallback(
    async (claim: Claim, name: string): Promise<boolean> => {
      const deleted = await desk.run(() => call('claims.delete', { storyId, claimId: claim.id }))
      if (!deleted) return false
      patch((d) => ({ ...d, claims: d.claims.filter((c) => c.id !== claim.id), evidence: d.evidence.filter((e) => e.claimId !== claim.id) }))
      const entry = {
        label: `Delete ${name.toLowerCase()}`,
        undo: async () => {
          const restored = await call('claims.restore', { storyId, deleted })
          patch((d) => ({ ...d, claims: [...d.claims.filter((c) => c.id !== restored.id), restored].sort(byStoryOrder), evidence: [...d.evidence, ...deleted.evidence] }))
          open(restored.id)
        },
        redo: async () => void (await call('claims.delete', { storyId, claimId: claim.id }))
      }
      history.record(entry)
      toasts.show({ message: `${name} deleted.`, action: { label: 'Undo', run: () => void history.undoIf(entry) } })
      return true
    },
    [desk, toasts, storyId, patch, open, history]
  )

  return { pending, markRange, updateClaim, deleteClaim }
}
