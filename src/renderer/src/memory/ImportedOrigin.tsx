// How an earlier check imported from an archive is told apart from the library's own: its rating as the
// publisher gave it, where it came from, and a link to the published check (opened in the browser).
import { Badge, Link, Text } from '@radix-ui/themes'
import type { EarlierCheck } from '../../../shared/contract'
import { call } from '../api'
import { useLibraryContext } from '../app/library-context'

export function ImportedOrigin({ imported }: { imported: NonNullable<EarlierCheck['imported']> }): React.JSX.Element {
  const lib = useLibraryContext()
  return (
    <Text size="1" color="gray" as="p" data-imported-origin={imported.origin}>
      <Badge size="1" color="blue" variant="soft">
        Imported
      </Badge>{' '}
      {imported.rating ? (
        <Badge size="1">{imported.rating}</Badge>
      ) : (
        <Badge size="1" color="gray">
          No rating
        </Badge>
      )}{' '}
      from {imported.origin}
      {imported.url && (
        <>
          {' · '}
          <Link
            href={imported.url}
            onClick={(e) => {
              e.preventDefault()
              void lib.run(() => call('shell.openExternal', { url: imported.url }))
            }}
          >
            published check
          </Link>
        </>
      )}
    </Text>
  )
}
