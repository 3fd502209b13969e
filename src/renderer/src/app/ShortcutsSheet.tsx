// The keyboard shortcuts sheet (`?`), generated from the same table the key handler reads, with
// the keys as the editor has set them in Settings.
import { Button, Dialog, Flex, Grid, Heading, Kbd } from '@radix-ui/themes'
import { shortcutRows } from '../annotate/keymap'
import { useLibraryContext } from './library-context'
import { DialogContent } from './dialog'

export function ShortcutsSheet({
  open,
  onOpenChange
}: {
  open: boolean
  onOpenChange(open: boolean): void
}): React.JSX.Element {
  const lib = useLibraryContext()
  const groups = shortcutRows(lib.statusLabel, lib.verdictLabel, lib.library.settings.shortcuts, lib.library.settings)
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <DialogContent maxWidth="720px" aria-describedby={undefined}>
        <Dialog.Title>Keyboard shortcuts</Dialog.Title>
        <Grid columns="2" gap="5">
          {groups.map((group) => (
            <section key={group.title} aria-label={group.title}>
              <Heading as="h3" size="2" mb="2" color="gray">
                {group.title}
              </Heading>
              <dl className="shortcut-list">
                {group.rows.map((row) => (
                  <div key={row.what} className="shortcut-row">
                    <dt>
                      <span className="sr-only">{row.keys.join(' + ')}</span>
                      <Flex gap="1" aria-hidden>
                        {row.keys.map((k) => (
                          <Kbd key={k}>{k}</Kbd>
                        ))}
                      </Flex>
                    </dt>
                    <dd>{row.what}</dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
        </Grid>
        <Flex justify="end" mt="4">
          <Dialog.Close>
            <Button variant="soft" color="gray">
              Close
            </Button>
          </Dialog.Close>
        </Flex>
      </DialogContent>
    </Dialog.Root>
  )
}
