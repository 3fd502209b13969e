// What the story view shows from the desk's memory: suggested claims and sentences checked before.
// Both are fetched while their toolbar switch is on and again whenever the story changes.
import { useCallback, useEffect, useRef, useState } from 'react'
import type { SentenceMatch, Suggestion } from '../../../shared/contract'
import { call, onEvent } from '../api'
import { useDesk } from '../app/desk-context'

export interface StoryMemory {
  suggesting: boolean
  /** The switch is on and its first ranking has not come back yet (a long story's first takes seconds). */
  ranking: boolean
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
  /** Whether the ranking asked for since the switch went on has come back. */
  const [ranked, setRanked] = useState(false)
  const [matches, setMatches] = useState<SentenceMatch[]>([])
  /** The latest ranking asked for: an older answer, or one that arrives after the switch went off, is dropped. */
  const latestRanking = useRef(0)
  const { run } = desk

  const refresh = useCallback(() => {
    if (suggesting) {
      const asked = ++latestRanking.current
      void run(() => call('memory.suggest', { storyId })).then((s) => {
        if (asked !== latestRanking.current) return
        setRanked(true)
        if (s) setSuggestions(s)
      })
    }
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
    setRanked(false)
    if (!on) {
      latestRanking.current++
      setSuggestions([])
    }
  }, [])
  const setShowingMatches = useCallback((on: boolean) => {
    setShowingMatchesOn(on)
    if (!on) setMatches([])
  }, [])

  return { suggesting, ranking: suggesting && !ranked, showingMatches, suggestions, matches, setSuggesting, setShowingMatches, dismiss }
}
