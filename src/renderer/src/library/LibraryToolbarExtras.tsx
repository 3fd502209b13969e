// The library toolbar's import and export actions: a story from a file or a web page, a
// verification package, an archive of earlier checks, and a report of the whole library (or of the stories ticked below).
import { ChevronDownIcon, DownloadIcon, TableIcon, UploadIcon } from '@radix-ui/react-icons'
import { Button, DropdownMenu } from '@radix-ui/themes'
import { useRef, useState } from 'react'
import { useMenuOpens } from '../app/menu-opens'
import { useTransfer } from '../transfer/TransferProvider'
import { lazyDialog } from '../app/lazy'

const ArchiveImportDialog = lazyDialog(() => import('../memory/ArchiveImport').then((m) => m.ArchiveImportDialog))

export function LibraryToolbarExtras({ selectedIds = [] }: { selectedIds?: string[] }): React.JSX.Element {
  const transfer = useTransfer()
  const [archive, setArchive] = useState(false)
  const trigger = useRef<HTMLButtonElement>(null)
  const [onCloseAutoFocus, opens] = useMenuOpens(trigger)
  return (
    <>
      <ArchiveImportDialog open={archive} onOpenChange={setArchive} />
      <DropdownMenu.Root>
        <DropdownMenu.Trigger>
          <Button variant="soft" ref={trigger}>
            <UploadIcon /> Import <ChevronDownIcon />
          </Button>
        </DropdownMenu.Trigger>
        <DropdownMenu.Content onCloseAutoFocus={onCloseAutoFocus}>
          <DropdownMenu.Item onSelect={() => opens(() => transfer.openImport('file'))}>
            Story from a file…
          </DropdownMenu.Item>
          <DropdownMenu.Item onSelect={() => opens(() => transfer.openImport('url'))}>
            Story from a web page…
          </DropdownMenu.Item>
          <DropdownMenu.Separator />
          <DropdownMenu.Item onSelect={() => opens(() => transfer.importPackage())}>
            Verification package…
          </DropdownMenu.Item>
          <DropdownMenu.Item onSelect={() => opens(() => setArchive(true))}>
            Earlier checks (archive)…
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Root>
      <Button
        variant="soft"
        onClick={() =>
          transfer.openExport(selectedIds.length > 0 ? { storyIds: selectedIds, scope: 'selected' } : undefined)
        }
      >
        <DownloadIcon /> Export…
      </Button>
      <Button variant="soft" onClick={() => transfer.openDataExport()}>
        <TableIcon /> Claims to CSV…
      </Button>
    </>
  )
}
