// In the header while the library is not on a desk: the way to connect it (once connected, the
// status line at the foot of the window opens the same dialog).
import { Share1Icon } from '@radix-ui/react-icons'
import { Button } from '@radix-ui/themes'
import { useDeskSync } from './desk-sync'

export function ConnectDeskButton(): React.JSX.Element | null {
  const { status, openConnect } = useDeskSync()
  if (status.state !== 'off') return null
  return (
    <Button size="1" variant="soft" color="gray" onClick={openConnect}>
      <Share1Icon aria-hidden /> Connect to a desk
    </Button>
  )
}
