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
          title="Sentences not read yet are ranked by the quick model; each is ranked again as the sentence encoder reads it."
        >
          Refining…{memory.read && ` ${memory.read.embedded} of ${memory.read.sentences} sentences read`}
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
