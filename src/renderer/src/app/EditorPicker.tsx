// Who is working: picked or created on first run, shown in the header, switchable at any time.
import { ChevronDownIcon, PersonIcon, PlusIcon } from '@radix-ui/react-icons'
import { Avatar, Button, Card, Dialog, DropdownMenu, Flex, Heading, Text, TextField } from '@radix-ui/themes'
import { useRef, useState } from 'react'
import type { Person } from '../../../shared/model'
import { call } from '../api'
import { useLibraryContext, type LibraryContext } from './library-context'
import { DialogContent } from './dialog'
import { useGuard } from './form-parts'
import { useMenuOpens } from './menu-opens'

/** Makes `id` the current editor: shown at once, taken back if main refuses. */
const setCurrentEditor = (lib: LibraryContext, id: string) =>
  lib.editLibrary({
    send: () => call('people.setCurrent', { id }),
    show: (library) => ({ ...library, currentEditorId: id }),
    apply: (library, chosen) => ({ ...library, currentEditorId: chosen.currentEditorId })
  })

/** Lists the desk's editors to pick from, and a field to add yourself. */
/** `adding`: a colleague is being added (to assign work to), so the current editor stays who it is. */
function PickEditor({
  onPicked,
  takesFocus,
  adding = false
}: {
  onPicked?: () => void
  takesFocus?: boolean
  adding?: boolean
}): React.JSX.Element {
  const lib = useLibraryContext()
  const [name, setName] = useState('')
  const guard = useGuard()
  const active = lib.library.people.filter((p) => p.active)
  const choose = async (person: Person): Promise<void> => {
    if (await setCurrentEditor(lib, person.id)) onPicked?.()
  }
  const create = async (event: React.FormEvent): Promise<void> => {
    event.preventDefault()
    if (!name.trim()) return
    await guard.once(async () => {
      const person = await lib.editLibrary({
        send: () => call('people.create', { name: name.trim() }),
        apply: (library, added) => ({ ...library, people: [...library.people.filter((p) => p.id !== added.id), added] })
      })
      if (!person) return
      setName('')
      // Naming yourself on first run makes you the editor; adding a colleague never switches who is editing.
      if (lib.currentEditor) onPicked?.()
      else await choose(person)
    })
  }
  return (
    <Flex direction="column" gap="3">
      {!adding && active.length > 0 && (
        <Flex gap="2" wrap="wrap" role="group" aria-label="Editors on this desk">
          {active.map((p) => (
            <Button
              key={p.id}
              variant={p.id === lib.currentEditor?.id ? 'solid' : 'soft'}
              onClick={() => void choose(p)}
            >
              <Avatar size="1" fallback={p.initials || '?'} radius="full" />
              {p.name}
            </Button>
          ))}
        </Flex>
      )}
      <form onSubmit={(e) => void create(e)}>
        <Flex gap="2" align="end">
          <label className="field grow">
            <Text size="1" weight="medium" color="gray">
              {!lib.currentEditor ? (active.length ? 'Or add yourself' : 'Your name') : 'Add a colleague'}
            </Text>
            <TextField.Root
              data-autofocus={takesFocus || undefined}
              value={name}
              onChange={(e) => setName(e.target.value)}
              placeholder="e.g. Dana Whitfield"
              aria-label="New editor name"
            />
          </label>
          <Button type="submit" disabled={!name.trim()} loading={guard.busy}>
            <PlusIcon /> {lib.currentEditor ? 'Add editor' : 'Add and continue'}
          </Button>
        </Flex>
      </form>
    </Flex>
  )
}

export function FirstRunCard(): React.JSX.Element {
  return (
    <Card size="3" className="first-run" role="region" aria-label="Who is checking">
      <Flex direction="column" gap="3">
        <Heading size="4" as="h2">
          Who’s checking today?
        </Heading>
        <Text size="2" color="gray">
          Every mark, status and verdict is stamped with your name, so the desk knows who checked what.
        </Text>
        <PickEditor />
      </Flex>
    </Card>
  )
}

/** `onPicked`: an editor was chosen or added (not a cancel); the dialog closes either way. */
export function EditorDialog({
  open,
  adding = false,
  onOpenChange,
  onPicked
}: {
  open: boolean
  adding?: boolean
  onOpenChange(open: boolean): void
  onPicked?(): void
}): React.JSX.Element {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <DialogContent maxWidth="480px">
        <Dialog.Title>{adding ? 'Add an editor' : 'Who are you?'}</Dialog.Title>
        <Dialog.Description size="2" color="gray" mb="4">
          {adding
            ? 'Add a colleague to the desk so work can be assigned to them; you stay the current editor.'
            : 'Changes are stamped with the current editor. Choose yourself, then carry on where you were.'}
        </Dialog.Description>
        <PickEditor takesFocus adding={adding} onPicked={() => (onPicked ? onPicked() : onOpenChange(false))} />
      </DialogContent>
    </Dialog.Root>
  )
}

export function EditorMenu({ onAddEditor }: { onAddEditor(): void }): React.JSX.Element {
  const lib = useLibraryContext()
  const current = lib.currentEditor
  const pick = async (id: string): Promise<void> => void (await setCurrentEditor(lib, id))
  const trigger = useRef<HTMLButtonElement>(null)
  const [onCloseAutoFocus, opens] = useMenuOpens(trigger)
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger>
        {/* The visible words are part of the name a screen reader hears (WCAG 2.5.3). */}
        <Button
          ref={trigger}
          variant="ghost"
          color="gray"
          aria-label={current ? `Editing as ${current.name}. Switch editor` : 'Choose editor'}
        >
          <PersonIcon aria-hidden />
          <Text size="2">{current ? current.name : 'Choose editor'}</Text>
          <ChevronDownIcon aria-hidden />
        </Button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Content align="end" onCloseAutoFocus={onCloseAutoFocus}>
        <DropdownMenu.Label>Editing as</DropdownMenu.Label>
        <DropdownMenu.RadioGroup value={current?.id ?? ''} onValueChange={(id) => void pick(id)}>
          {lib.library.people
            .filter((p) => p.active)
            .map((p) => (
              <DropdownMenu.RadioItem key={p.id} value={p.id}>
                {p.name}
              </DropdownMenu.RadioItem>
            ))}
        </DropdownMenu.RadioGroup>
        <DropdownMenu.Separator />
        <DropdownMenu.Item onSelect={() => opens(onAddEditor)}>
          <PlusIcon /> Add an editor…
        </DropdownMenu.Item>
      </DropdownMenu.Content>
    </DropdownMenu.Root>
  )
}
