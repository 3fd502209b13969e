// The line at the foot of the window while the library is connected to a desk: online or offline,
// changes waiting, when it last synced, and the sync conflicts (the button opens the first).
import { ExclamationTriangleIcon } from '@radix-ui/react-icons'
import { Button, Flex, Text, Tooltip } from '@radix-ui/themes'
import { useEffect, useState } from 'react'
import { relativeTime } from '../app/labels'
import { useDeskSync } from './desk-sync'
import { SyncProgress } from './SyncProgress'
import { conflictWords, pendingWords, stateWords } from './sync-words'

/** Re-renders every `ms`, so "2 min ago" stays true while nothing else changes. */
function useNow(ms: number): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms)
    return () => clearInterval(timer)
  }, [ms])
  return now
}

export function DeskStatusLine(): React.JSX.Element | null {
  const { status, openConnect, goTo } = useDeskSync()
  const now = useNow(20_000)
  if (status.state === 'off') return null
  const first = status.conflicts[0]
  return (
    <footer className="desk-status" aria-label="Desk sync" data-state={status.state}>
      <Flex align="center" gap="4" wrap="wrap">
        <Text size="1" weight="medium" className="desk-state" data-testid="desk-state">
          <span className="desk-dot" aria-hidden /> {stateWords(status)}
        </Text>
        <Text size="1" color="gray">
          Desk “{status.deskId}” as {status.user}
        </Text>
        <Text size="1" color={status.pending > 0 ? undefined : 'gray'} data-testid="desk-pending">
          {pendingWords(status.pending)}
        </Text>
        <Text size="1" color="gray" data-testid="desk-last-sync">
          {status.lastSyncAt ? (
            <>
              Last sync <time dateTime={status.lastSyncAt}>{relativeTime(status.lastSyncAt, now)}</time>
            </>
          ) : (
            'Not synced yet'
          )}
        </Text>
        {status.progress && (
          <span className="desk-progress">
            <SyncProgress progress={status.progress} />
          </span>
        )}
        {status.error && (
          <Tooltip content={status.error.message}>
            <Text size="1" color="orange" highContrast className="desk-error" tabIndex={0}>
              {status.state === 'offline' ? 'Changes wait here until the desk is back' : status.error.message}
            </Text>
          </Tooltip>
        )}
        {first && (
          <Button size="1" color="orange" variant="soft" highContrast onClick={() => goTo(first)}>
            <ExclamationTriangleIcon aria-hidden /> {conflictWords(status.conflicts.length)}
          </Button>
        )}
        <Button size="1" variant="ghost" color="gray" ml="auto" onClick={openConnect}>
          Desk connection…
        </Button>
      </Flex>
    </footer>
  )
}
