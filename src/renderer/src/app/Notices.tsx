// Tells the editor when the library was repaired on load (a damaged file moved aside, a backup
// restored) or is open read-only, so nothing happens to their work silently.
import { Cross2Icon, ExclamationTriangleIcon, InfoCircledIcon } from '@radix-ui/react-icons'
import { Callout, Flex, IconButton } from '@radix-ui/themes'
import type { LibraryNotice } from '../../../shared/contract'

const titles: Record<LibraryNotice['kind'], string> = {
  recovered_from_backup: 'Recovered from backup',
  quarantined: 'A damaged file was set aside',
  read_only: 'Read-only library',
  created: 'New library',
  missing: 'A story file is missing',
  unreadable: 'A file could not be read',
  rebuilt: 'Library list rebuilt',
  published_changed: 'A published page changed'
}

export function Notices({
  notices,
  readOnly,
  onDismiss
}: {
  notices: readonly LibraryNotice[]
  readOnly: boolean
  onDismiss(n: LibraryNotice): void
}): React.JSX.Element | null {
  if (notices.length === 0 && !readOnly) return null
  return (
    <Flex direction="column" gap="2" className="notices">
      {readOnly && !notices.some((n) => n.kind === 'read_only') && (
        <Callout.Root color="amber" size="1" role="alert">
          <Callout.Icon>
            <ExclamationTriangleIcon />
          </Callout.Icon>
          <Callout.Text>This library is open read-only: you can read, but changes will not be saved.</Callout.Text>
        </Callout.Root>
      )}
      {notices.map((n) => (
        <Callout.Root
          key={`${n.kind}${n.file}${n.message}`}
          color={n.kind === 'recovered_from_backup' || n.kind === 'rebuilt' || n.kind === 'created' ? 'blue' : 'amber'}
          size="1"
          role="alert"
          data-notice={n.kind}
        >
          <Callout.Icon>
            {n.kind === 'recovered_from_backup' ? <InfoCircledIcon /> : <ExclamationTriangleIcon />}
          </Callout.Icon>
          <Flex justify="between" align="start" gap="3" className="grow">
            <Callout.Text>
              <strong>{titles[n.kind]}.</strong> {n.message}
              {n.movedTo && <> The damaged copy was kept at {n.movedTo}.</>}
            </Callout.Text>
            <IconButton size="1" variant="ghost" color="gray" aria-label="Dismiss notice" onClick={() => onDismiss(n)}>
              <Cross2Icon />
            </IconButton>
          </Flex>
        </Callout.Root>
      ))}
    </Flex>
  )
}
