// The keyboard shortcuts sheet (`?`), generated from the same table the key handler reads.
import { Dialog, Flex, Grid, Heading, Kbd, Text } from '@radix-ui/themes'
import { shortcutRows } from '../desk/keymap'
import { useDesk } from './desk-context'

export function ShortcutsSheet({ open, onOpenChange }: { open: boolean; onOpenChange(open: boolean): void }): React.JSX.Element {
  const desk = useDesk()
  const groups = shortcutRows(desk.statusLabel, desk.verdictLabel)
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Content maxWidth="640px" aria-describedby={undefined}>
        <Dialog.Title>Keyboard shortcuts</Dialog.Title>
        <Grid columns="2" gap="5">
          {groups.map((group) => (
            <section key={group.title} aria-label={group.title}>
              <Heading as="h3" size="2" mb="2" color="gray">
                {group.title}
              </Heading>
              <dl className="shortcut-list">
                {group.rows.map((row) => (
                  <Flex key={row.what} justify="between" gap="3" asChild>
                    <div>
                      <Text as="span" size="2">
                        <dt className="sr-only">{row.keys.join(' + ')}</dt>
                        <dd>{row.what}</dd>
                      </Text>
                      <Flex gap="1" aria-hidden>
                        {row.keys.map((k) => (
                          <Kbd key={k}>{k}</Kbd>
                        ))}
                      </Flex>
                    </div>
                  </Flex>
                ))}
              </dl>
            </section>
          ))}
        </Grid>
      </Dialog.Content>
    </Dialog.Root>
  )
}
