// What the story view shows from the desk's memory: suggested claims and sentences checked before.
// Both are fetched while their toolbar switch is on and again whenever the story changes.
import { useCallback, useEffect, useState } from 'react'
import type { SentenceMatch, Suggestion } from '../../../shared/contract'
import { call, onEvent } from '../api'
import { useDesk } from '../app/desk-context'

export interface StoryMemory {
  suggesting: boolean
  showingMatches: boolean
  suggestions: Suggestion[]
  matches: SentenceMatch[]
  setSuggesting(on: boolean): void
  setShowingMatches(on: boolean): void
  dismiss(suggestion: Suggestion): Promise<void>
}

export function useStoryMemory(storyId: string): StoryMemory {
  const desk = useDesk()
  const [suggesting, setSuggestingOn] = useState(false)
  const [showingMatches, setShowingMatchesOn] = useState(false)
  const [suggestions, setSuggestions] = useState<Suggestion[]>([])
  const [matches, setMatches] = useState<SentenceMatch[]>([])
  const { run } = desk

  const refresh = useCallback(() => {
    if (suggesting) void run(() => call('memory.suggest', { storyId })).then((s) => s && setSuggestions(s))
    if (showingMatches) void run(() => call('memory.storyMatches', { storyId })).then((m) => m && setMatches(m))
  }, [run, storyId, suggesting, showingMatches])

  useEffect(() => {
    refresh()
    return onEvent('library.changed', (change) => {
      // This story's claims changed, or (for matches) any story's did: earlier checks may have moved.
      if (change.entity === 'story' && (change.storyId === storyId || showingMatches)) refresh()
    })
  }, [refresh, storyId, showingMatches])

  const dismiss = useCallback(
    async (suggestion: Suggestion) => {
      setSuggestions((list) => list.filter((s) => s.key !== suggestion.key))
      await run(() => call('memory.dismiss', { storyId, key: suggestion.key }))
    },
    [run, storyId]
  )

  const setSuggesting = useCallback((on: boolean) => {
    setSuggestingOn(on)
    if (!on) setSuggestions([])
  }, [])
  const setShowingMatches = useCallback((on: boolean) => {
    setShowingMatchesOn(on)
    if (!on) setMatches([])
  }, [])

  return { suggesting, showingMatches, suggestions, matches, setSuggesting, setShowingMatches, dismiss }
}
