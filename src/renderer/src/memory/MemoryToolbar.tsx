// The story toolbar's memory actions: "Suggest claims", "Checked before" and a search of earlier checks.
import { CheckCircledIcon, MagicWandIcon } from '@radix-ui/react-icons'
import { Button, Spinner } from '@radix-ui/themes'
import { SearchChecks } from './SearchChecks'
import type { StoryMemory } from './use-story-memory'

export function MemoryToolbar({ memory }: { memory: StoryMemory }): React.JSX.Element {
  return (
    <>
      <Button size="1" variant={memory.suggesting ? 'solid' : 'soft'} color="gray" aria-pressed={memory.suggesting} aria-busy={memory.ranking} onClick={() => memory.setSuggesting(!memory.suggesting)}>
        {memory.ranking ? <Spinner size="1" /> : <MagicWandIcon />} Suggest claims
      </Button>
      <Button size="1" variant={memory.showingMatches ? 'solid' : 'soft'} color="gray" aria-pressed={memory.showingMatches} onClick={() => memory.setShowingMatches(!memory.showingMatches)}>
        <CheckCircledIcon /> Checked before
      </Button>
      <SearchChecks />
    </>
  )
}
