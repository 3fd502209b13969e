// Changes to a story's claims, each one call through the story's edit path (use-story.ts). Marking
// shows a pending highlight at once and settles when main answers; updates show at once and are
// taken back if the save fails; deletes offer Undo (claims.restore) in a toast.
import { useCallback, useState } from 'react'
import { maxQuoteLength, type StoryDetail } from '../../../shared/contract'
import type { Claim, ClaimFields } from '../../../shared/model'
import { call } from '../api'
import { useToasts } from '../app/toasts'
import { trimRange, type TextRange } from '../desk/selection'
import { byStoryOrder, type StoryEdit } from './use-story'

export interface PendingMark extends TextRange {
  key: string
}

let pendingKeys = 0

interface Options {
  storyId: string
  text: string
  edit: StoryEdit
  /** Selects a claim and opens its panel (after marking or restoring it). */
  open(id: string): void
}

const withClaim = (d: StoryDetail, claim: Claim): StoryDetail => ({ ...d, claims: [...d.claims.filter((c) => c.id !== claim.id), claim].sort(byStoryOrder) })
const replaceClaim = (d: StoryDetail, claim: Claim): StoryDetail => ({ ...d, claims: d.claims.map((c) => (c.id === claim.id ? claim : c)) })
const withoutClaim = (d: StoryDetail, id: string): StoryDetail => ({ ...d, claims: d.claims.filter((c) => c.id !== id), evidence: d.evidence.filter((e) => e.claimId !== id) })

export function useClaimActions({ storyId, text, edit, open }: Options) {
  const toasts = useToasts()
  const [pending, setPending] = useState<PendingMark[]>([])

  const markRange = useCallback(
    async (selected: TextRange) => {
      const range = trimRange(text, selected)
      if (!range) return
      if (range.end - range.start > maxQuoteLength) {
        const chosen = (range.end - range.start).toLocaleString('en')
        toasts.show({ tone: 'error', message: `That selection is ${chosen} characters long; a claim can quote at most ${maxQuoteLength.toLocaleString('en')}. Select fewer words and press M again.` })
        return
      }
      const key = `pending-${++pendingKeys}`
      setPending((p) => [...p, { key, ...range }])
      document.getSelection()?.removeAllRanges()
      const claim = await edit({ send: () => call('claims.create', { storyId, start: range.start, end: range.end }), apply: withClaim })
      if (claim) open(claim.id)
      setPending((p) => p.filter((x) => x.key !== key))
    },
    [edit, toasts, storyId, open, text]
  )

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
    (id: string, range: TextRange) => edit({ send: () => call('claims.reattach', { storyId, claimId: id, start: range.start, end: range.end }), apply: (d, claim) => withClaim(d, claim) }),
    [edit, storyId]
  )

  /** Deletes the claim and its evidence; resolves to whether it went. */
  const deleteClaim = useCallback(
    async (claim: Claim, name: string): Promise<boolean> => {
      const deleted = await edit({ send: () => call('claims.delete', { storyId, claimId: claim.id }), show: (d) => withoutClaim(d, claim.id), apply: (d) => withoutClaim(d, claim.id) })
      if (!deleted) return false
      toasts.show({
        message: `${name} deleted.`,
        action: {
          label: 'Undo',
          run: async () => {
            const restored = await edit({
              send: () => call('claims.restore', { storyId, deleted }),
              apply: (d, back) => ({ ...withClaim(d, back), evidence: [...d.evidence.filter((e) => e.claimId !== back.id), ...deleted.evidence] })
            })
            if (restored) open(restored.id)
          }
        }
      })
      return true
    },
    [edit, toasts, storyId, open]
  )

  return { pending, markRange, updateClaim, reattach, deleteClaim }
}
