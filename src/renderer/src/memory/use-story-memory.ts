// What the story view shows from the desk's memory: suggested claims and sentences checked before.
// Both are fetched while their toolbar switch is on and again whenever the story changes. Suggestions
// come at once from the n-gram model and are refined as the encoder reads the story: main says so
// (`memory.suggestRefined`, heard through the one store) and the ranking is asked for again, one at a time.
import { useCallback, useEffect, useRef, useState } from 'react'
import type { SentenceMatch, Suggestion, Suggestions } from '../../../shared/contract'
import { call } from '../api'
import { useLibraryContext } from '../app/library-context'
import { useStore } from '../app/use-store'

export interface StoryMemory {
  suggesting: boolean
  /** The switch is on and its first ranking has not come back yet. */
  ranking: boolean
  /** Some of the shown ranking is the quick n-gram one; the sentence encoder is still reading the story. */
  refining: boolean
  /** How many of the story's open sentences the encoder has read, of how many (null before the first ranking). */
  read: { embedded: number; sentences: number } | null
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
  const [read, setRead] = useState<StoryMemory['read']>(null)
  const [matches, setMatches] = useState<SentenceMatch[]>([])
  /** The latest ranking asked for: an older answer, or one that arrives after the switch went off, is dropped. */
  const latestRanking = useRef(0)
  /** One ranking call at a time: asked again while one is out, it is sent once more when that one is back. */
  const asking = useRef<{ out: boolean; again: boolean }>({ out: false, again: false })
  const { run } = lib

  const rank = useCallback(() => {
    const ask = (): void => {
      const state = asking.current
      if (state.out) {
        state.again = true
        return
      }
      state.out = true
      const asked = ++latestRanking.current
      void run(() => call('memory.suggest', { storyId })).then((s) => {
        state.out = false
        if (asked === latestRanking.current) {
          setRanked(true)
          setRefining(s?.refining === true)
          if (s) {
            setSuggestions(s.suggestions)
            setRankedBy(s.model)
            setRead({ embedded: s.embedded, sentences: s.sentences })
          }
        }
        if (state.again) {
          state.again = false
          ask()
        }
      })
    }
    ask()
  }, [run, storyId])

  const refresh = useCallback(() => {
    if (suggesting) rank()
    if (showingMatches) void run(() => call('memory.storyMatches', { storyId })).then((m) => m && setMatches(m))
  }, [rank, run, storyId, suggesting, showingMatches])

  useEffect(() => {
    refresh()
    const offChange = store.onChange((change) => {
      // This story's claims changed, or (for matches) any story's did: earlier checks may have moved.
      if (change.entity === 'story' && (change.storyId === storyId || showingMatches)) refresh()
    })
    // More of this story's sentences were read by the encoder: the ranking is asked for again.
    const offRefined = store.onSuggestionsRefined((refined) => {
      if (suggesting && refined.storyId === storyId) rank()
    })
    return () => {
      offChange()
      offRefined()
    }
  }, [rank, refresh, store, storyId, showingMatches, suggesting])

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
    setRead(null)
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
    read: suggesting ? read : null,
    rankedBy,
    showingMatches,
    suggestions,
    matches,
    setSuggesting,
    setShowingMatches,
    dismiss
  }
}
