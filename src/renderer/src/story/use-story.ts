// One story with everything attached, reloaded when main reports a change to it. Local patches
// apply a returned record at once, so the desk does not wait for the reload to show a change.
import { useCallback, useEffect, useRef, useState } from 'react'
import type { StoryDetail } from '../../../shared/contract'
import { call, onEvent } from '../api'

export interface StoryHook {
  detail: StoryDetail | null
  error: string | null
  reload(): void
  patch(change: (detail: StoryDetail) => StoryDetail): void
}

export const byStoryOrder = (a: StoryDetail['claims'][number], b: StoryDetail['claims'][number]): number =>
  a.anchor.position.start - b.anchor.position.start || a.anchor.position.end - b.anchor.position.end

export function useStory(storyId: string): StoryHook {
  const [detail, setDetail] = useState<StoryDetail | null>(null)
  const [error, setError] = useState<string | null>(null)
  const seq = useRef(0)

  const reload = useCallback(() => {
    const mine = ++seq.current
    call('stories.get', { id: storyId })
      .then((value) => {
        if (mine === seq.current) setDetail(value)
      })
      .catch((e: unknown) => {
        if (mine === seq.current) setError(e instanceof Error ? e.message : String(e))
      })
  }, [storyId])

  useEffect(() => {
    reload()
    return onEvent('library.changed', ({ storyId: changed }) => {
      if (changed === null || changed === storyId) reload()
    })
  }, [reload, storyId])

  const patch = useCallback((change: (d: StoryDetail) => StoryDetail) => setDetail((d) => (d ? change(d) : d)), [])
  return { detail, error, reload, patch }
}
