// The story toolbar's memory actions: "Suggest claims", "Checked before" and a search of earlier checks.
import { CheckCircledIcon, MagicWandIcon } from '@radix-ui/react-icons'
import { Button, Spinner, Text } from '@radix-ui/themes'
import { SearchChecks } from './SearchChecks'
import type { StoryMemory } from './use-story-memory'

export function MemoryToolbar({ memory }: { memory: StoryMemory }): React.JSX.Element {
  return (
    <>
      <Button
        size="1"
        variant={memory.suggesting ? 'solid' : 'soft'}
        color="gray"
        aria-pressed={memory.suggesting}
        aria-busy={memory.ranking}
        data-ranked-by={memory.rankedBy ?? undefined}
        onClick={() => memory.setSuggesting(!memory.suggesting)}
      >
        {memory.ranking ? <Spinner size="1" /> : <MagicWandIcon />} Suggest claims
      </Button>
      {memory.refining && (
        <Text
          size="1"
          color="gray"
          role="status"
          className="memory-refining"
          title="These come from the quick model; the sentence encoder's ranking replaces them when the story's sentences are read."
        >
          Refining…
        </Text>
      )}
      <Button
        size="1"
        variant={memory.showingMatches ? 'solid' : 'soft'}
        color="gray"
        aria-pressed={memory.showingMatches}
        onClick={() => memory.setShowingMatches(!memory.showingMatches)}
      >
        <CheckCircledIcon /> Checked before
      </Button>
      <SearchChecks />
    </>
  )
}
