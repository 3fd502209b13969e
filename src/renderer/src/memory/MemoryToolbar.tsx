// The story toolbar's memory switches: "Suggest claims" and "Checked before".
import { CheckCircledIcon, MagicWandIcon } from '@radix-ui/react-icons'
import { Button } from '@radix-ui/themes'
import type { StoryMemory } from './use-story-memory'

export function MemoryToolbar({ memory }: { memory: StoryMemory }): React.JSX.Element {
  return (
    <>
      <Button size="1" variant={memory.suggesting ? 'solid' : 'soft'} color="gray" aria-pressed={memory.suggesting} onClick={() => memory.setSuggesting(!memory.suggesting)}>
        <MagicWandIcon /> Suggest claims
      </Button>
      <Button size="1" variant={memory.showingMatches ? 'solid' : 'soft'} color="gray" aria-pressed={memory.showingMatches} onClick={() => memory.setShowingMatches(!memory.showingMatches)}>
        <CheckCircledIcon /> Checked before
      </Button>
    </>
  )
}
