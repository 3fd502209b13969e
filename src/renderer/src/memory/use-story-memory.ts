// What the story view shows from the desk's memory: suggested claims and sentences checked before.
// Both are fetched while their toolbar switch is on and again whenever the story changes.
import { useCallback, useEffect, useRef, useState } from 'react'
import type { SentenceMatch, Suggestion, Suggestions } from '../../../shared/contract'
import { call } from '../api'
import { useLibraryContext } from '../app/library-context'
import { useStore } from '../app/use-store'

export interface StoryMemory {
  suggesting: boolean
  /** The switch is on and its first ranking has not come back yet. */
  ranking: boolean
  /** The shown ranking is the quick n-gram one; the sentence encoder's is on its way. */
  refining: boolean
  /** Which model ranked the suggestions shown (null before the first ranking). */
  rankedBy: Suggestions['model'] | null
  showingMatches: boolean
  suggestions: Suggestion[]
  matches: SentenceMatch[]
  setSuggesting(on: boolean): void
  setShowingMatches(on: boolean): void
  dismiss(suggestion: Suggestion): Promise<void>
}

export function useStoryMemory(storyId: string): StoryMemory {
  const lib = useLibraryContext()
  const store = useStore()
  const [suggesting, setSuggestingOn] = useState(false)
  const [showingMatches, setShowingMatchesOn] = useState(false)
  const [suggestions, setSuggestions] = useState<Suggestion[]>([])
  /** Whether the ranking asked for since the switch went on has come back. */
  const [ranked, setRanked] = useState(false)
  const [refining, setRefining] = useState(false)
  const [rankedBy, setRankedBy] = useState<Suggestions['model'] | null>(null)
  const [matches, setMatches] = useState<SentenceMatch[]>([])
  /** The latest ranking asked for: an older answer, or one that arrives after the switch went off, is dropped. */
  const latestRanking = useRef(0)
  const { run } = lib

  const refresh = useCallback(() => {
    if (suggesting) {
      const asked = ++latestRanking.current
      const show = (s: Suggestions | undefined) => {
        if (asked !== latestRanking.current) return false
        setRanked(true)
        setRefining(s?.refining === true)
        if (s) {
          setSuggestions(s.suggestions)
          setRankedBy(s.model)
        }
        return s?.refining === true
      }
      // The quick ranking first; if the encoder's is coming, wait for it and show it in its place.
      void run(() => call('memory.suggest', { storyId })).then((s) => {
        if (show(s)) void run(() => call('memory.suggest', { storyId, wait: true })).then(show)
      })
    }
    if (showingMatches) void run(() => call('memory.storyMatches', { storyId })).then((m) => m && setMatches(m))
  }, [run, storyId, suggesting, showingMatches])

  useEffect(() => {
    refresh()
    return store.onChange((change) => {
      // This story's claims changed, or (for matches) any story's did: earlier checks may have moved.
      if (change.entity === 'story' && (change.storyId === storyId || showingMatches)) refresh()
    })
  }, [refresh, store, storyId, showingMatches])

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
    setRefining(false)
    setRankedBy(null)
    if (!on) {
      latestRanking.current++
      setSuggestions([])
    }
  }, [])
  const setShowingMatches = useCallback((on: boolean) => {
    setShowingMatchesOn(on)
    if (!on) setMatches([])
  }, [])

  return {
    suggesting,
    ranking: suggesting && !ranked,
    refining: suggesting && refining,
    rankedBy,
    showingMatches,
    suggestions,
    matches,
    setSuggesting,
    setShowingMatches,
    dismiss
  }
}
