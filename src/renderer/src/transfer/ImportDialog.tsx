// Import a story from a file (picked or dropped) or from a web page's URL.
import { Button, Dialog, Flex, Tabs, Text, TextField } from '@radix-ui/themes'
import { useRef, useState } from 'react'
import type { ImportResult } from '../../../shared/contract'
import { call } from '../api'
import { DialogFooter, useAction } from '../app/form-parts'
import { useToasts } from '../app/toasts'
import { readImportedFile, STORY_FILE_TYPES } from './read-file'
import { DialogContent } from '../app/dialog'
import { onOneOf } from '../app/EnumSelect'

const importSources = ['file', 'url'] as const
export type ImportSource = (typeof importSources)[number]

interface Props {
  open: boolean
  onOpenChange(open: boolean): void
  initial: ImportSource
  onImported(storyId: string): void
}

export function ImportDialog(props: Props): React.JSX.Element {
  return (
    <Dialog.Root open={props.open} onOpenChange={props.onOpenChange}>
      <DialogContent maxWidth="520px" aria-describedby={undefined}>
        <Dialog.Title>Import a story</Dialog.Title>
        {/* Mounted only while open, so every opening starts fresh. */}
        <ImportForm {...props} />
      </DialogContent>
    </Dialog.Root>
  )
}

function ImportForm({ onOpenChange, initial, onImported }: Props): React.JSX.Element {
  const toasts = useToasts()
  const action = useAction()
  const [tab, setTab] = useState<ImportSource>(initial)
  const [url, setUrl] = useState('')
  const fileInput = useRef<HTMLInputElement>(null)

  async function finish(work: () => Promise<ImportResult>): Promise<void> {
    const result = await action.run(work)
    if (!result) return
    onOpenChange(false)
    toasts.show({
      message: `Imported “${result.story.title}”.${result.warnings.length ? ` ${result.warnings.join(' ')}` : ''}`
    })
    onImported(result.story.id)
  }

  const importFile = (file: File) => finish(async () => call('import.file', await readImportedFile(file)))
  // A page that redirects into this computer or the local network is imported only if the editor
  // allows it in main's own dialog; a no comes back as an ordinary error.
  const importUrl = () => finish(() => call('import.url', { url: url.trim() }))
  // Imports run in a worker in the main process; this stops it, and the call fails as cancelled.
  const cancel = () => void call('import.cancel', {}).catch(() => undefined)

  return (
    <>
      <Tabs.Root value={tab} onValueChange={onOneOf(importSources, setTab)}>
        <Tabs.List>
          <Tabs.Trigger value="file">From a file</Tabs.Trigger>
          <Tabs.Trigger value="url">From a web page</Tabs.Trigger>
        </Tabs.List>
        <Tabs.Content value="file">
          <Flex direction="column" gap="3" pt="3">
            <Text size="2" color="gray">
              Plain text, Markdown, HTML or Word (.docx). Formatting is dropped and nothing in the document runs. You
              can also drop a file anywhere on the window.
            </Text>
            <input
              ref={fileInput}
              type="file"
              accept={STORY_FILE_TYPES}
              aria-label="Story file"
              hidden
              onChange={(e) => {
                const file = e.currentTarget.files?.[0]
                e.currentTarget.value = ''
                if (file) void importFile(file)
              }}
            />
            <Button loading={action.busy} onClick={() => fileInput.current?.click()}>
              Choose a file…
            </Button>
          </Flex>
        </Tabs.Content>
        <Tabs.Content value="url">
          <form
            onSubmit={(e) => {
              e.preventDefault()
              void importUrl()
            }}
          >
            <Flex direction="column" gap="3" pt="3">
              <Text as="label" size="2" htmlFor="import-url">
                Address of the article (http or https)
              </Text>
              <TextField.Root
                id="import-url"
                value={url}
                placeholder="https://…"
                onChange={(e) => setUrl(e.target.value)}
                data-autofocus
              />
              <Text size="1" color="gray">
                Factdesk fetches the page, keeps the article with its title, byline, outlet and date, and leaves menus
                and adverts behind.
              </Text>
              <Flex justify="end">
                <Button type="submit" loading={action.busy} disabled={!url.trim()}>
                  Import page
                </Button>
              </Flex>
            </Flex>
          </form>
        </Tabs.Content>
      </Tabs.Root>
      <DialogFooter error={action.error}>
        {action.busy && (
          <Button type="button" variant="soft" color="red" onClick={cancel}>
            Cancel import
          </Button>
        )}
      </DialogFooter>
    </>
  )
}
