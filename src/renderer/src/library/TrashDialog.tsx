// Stories moved to the trash, each with a way back.
import { Button, Dialog, Table, Text } from '@radix-ui/themes'
import { useEffect, useState } from 'react'
import type { StorySummary } from '../../../shared/model'
import { call } from '../api'
import { useLibraryContext } from '../app/library-context'
import { DialogFooter } from '../app/form-parts'
import { relativeTime } from '../app/labels'
import { DialogContent } from '../app/dialog'

export function TrashDialog({
  open,
  onOpenChange
}: {
  open: boolean
  onOpenChange(open: boolean): void
}): React.JSX.Element {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <DialogContent maxWidth="640px" aria-describedby={undefined}>
        <Dialog.Title>Trash</Dialog.Title>
        <TrashList />
        <DialogFooter error={null} />
      </DialogContent>
    </Dialog.Root>
  )
}

function TrashList(): React.JSX.Element {
  const lib = useLibraryContext()
  const [stories, setStories] = useState<StorySummary[] | null>(null)
  useEffect(() => {
    let live = true
    void lib.run(() => call('stories.trash', {})).then((list) => live && setStories(list ?? []))
    return () => {
      live = false
    }
  }, [lib])

  if (stories === null) return <Text color="gray">Loading…</Text>
  if (stories.length === 0) return <Text color="gray">The trash is empty.</Text>
  return (
    <Table.Root size="1" aria-label="Stories in the trash">
      <Table.Body>
        {stories.map((s) => (
          <Table.Row key={s.id}>
            <Table.RowHeaderCell>{s.title}</Table.RowHeaderCell>
            <Table.Cell>
              <Text size="1" color="gray">
                deleted {s.deletedAt ? relativeTime(s.deletedAt) : ''}
              </Text>
            </Table.Cell>
            <Table.Cell justify="end">
              <Button
                size="1"
                variant="soft"
                onClick={() =>
                  void lib
                    .run(() => call('stories.restore', { id: s.id }))
                    .then((ok) => ok && setStories((list) => (list ?? []).filter((x) => x.id !== s.id)))
                }
              >
                Restore
              </Button>
            </Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table.Root>
  )
}
