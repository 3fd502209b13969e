// A long sync under way (a first push or first pull of a big desk): a bar and "n of m", fed by the
// progress main sends with every page in the desk status. Nothing when no long sync is running.
import { Flex, Progress, Text } from '@radix-ui/themes'
import type { DeskStatus } from '../../../shared/contract'
import { progressWords } from './sync-words'

export function SyncProgress({ progress }: { progress: DeskStatus['progress'] }): React.JSX.Element | null {
  if (!progress || progress.total === 0) return null
  const words = progressWords(progress)
  return (
    <Flex direction="column" gap="1" className="sync-progress" data-testid="sync-progress">
      <Progress
        value={Math.round((100 * progress.done) / progress.total)}
        max={100}
        aria-label={progress.phase === 'push' ? 'Sending to the desk' : 'Receiving from the desk'}
        aria-valuetext={words}
        data-done={progress.done}
        data-total={progress.total}
        size="1"
      />
      <Text size="1" color="gray">
        {words}
      </Text>
    </Flex>
  )
}
