// A new story from pasted text (stories.create); the text is made canonical by main.
import { Button, Dialog, Flex, Grid, Text, TextArea, TextField } from '@radix-ui/themes'
import { useState } from 'react'
import { call } from '../api'
import { useLibraryContext } from '../app/library-context'
import { useGuard } from '../app/form-parts'
import { isWebUrl } from '../app/labels'
import { DialogContent } from '../app/dialog'

const empty = { title: '', outlet: '', byline: '', url: '', text: '' }

export function NewStoryDialog({
  open,
  onOpenChange,
  onCreated
}: {
  open: boolean
  onOpenChange(open: boolean): void
  onCreated(id: string): void
}): React.JSX.Element {
  const lib = useLibraryContext()
  const [form, setForm] = useState(empty)
  const guard = useGuard()
  const busy = guard.busy
  const set = (key: keyof typeof empty) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
    setForm({ ...form, [key]: e.target.value })
  const urlProblem = form.url.trim() !== '' && !isWebUrl(form.url.trim())
  const missingText = form.text.trim() === ''
  const missingTitle = form.title.trim() === ''
  // Said beside the disabled button (and read with it), so an empty paste is not a silent dead end.
  const whyNot =
    missingTitle && missingText
      ? 'Add a headline and paste the story text to create it.'
      : missingText
        ? form.text === ''
          ? 'Paste the story text to create it.'
          : 'The pasted text is empty (only spaces or blank lines); paste the story text to create it.'
        : missingTitle
          ? 'Add a headline to create the story.'
          : urlProblem
            ? 'Fix the web address to create the story.'
            : null
  const ready = whyNot === null && !busy

  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault()
    if (!ready) return
    const story = await guard.once(() =>
      lib.run(() =>
        call('stories.create', {
          title: form.title.trim(),
          outlet: form.outlet.trim(),
          byline: form.byline.trim(),
          url: form.url.trim(),
          text: form.text
        })
      )
    )
    if (story) {
      setForm(empty)
      onOpenChange(false)
      onCreated(story.id)
    }
  }

  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <DialogContent maxWidth="720px">
        <Dialog.Title>New story</Dialog.Title>
        <Dialog.Description size="2" color="gray" mb="4">
          Paste the article. Paragraphs are kept; line breaks inside a paragraph are joined.
        </Dialog.Description>
        <form onSubmit={(e) => void submit(e)}>
          <Flex direction="column" gap="3">
            <label className="field">
              <Text size="1" weight="medium">
                Headline
              </Text>
              <TextField.Root required value={form.title} onChange={set('title')} placeholder="Headline as published" />
            </label>
            <Grid columns="3" gap="3">
              <label className="field">
                <Text size="1" weight="medium">
                  Outlet
                </Text>
                <TextField.Root value={form.outlet} onChange={set('outlet')} />
              </label>
              <label className="field">
                <Text size="1" weight="medium">
                  Byline
                </Text>
                <TextField.Root value={form.byline} onChange={set('byline')} />
              </label>
              <label className="field">
                <Text size="1" weight="medium">
                  Web address
                </Text>
                <TextField.Root
                  value={form.url}
                  onChange={set('url')}
                  placeholder="https://"
                  aria-invalid={urlProblem}
                />
                {urlProblem && (
                  <Text size="1" color="red">
                    Use an http or https address.
                  </Text>
                )}
              </label>
            </Grid>
            <label className="field">
              <Text size="1" weight="medium">
                Story text
              </Text>
              <TextArea
                required
                value={form.text}
                onChange={set('text')}
                rows={12}
                className="story-paste"
                placeholder="Paste the story here"
              />
            </label>
            <Flex justify="end" align="center" gap="2">
              {whyNot && (
                <Text size="1" color="gray" id="new-story-why" data-testid="create-why-not" mr="auto">
                  {whyNot}
                </Text>
              )}
              <Dialog.Close>
                <Button type="button" variant="soft" color="gray">
                  Cancel
                </Button>
              </Dialog.Close>
              <Button
                type="submit"
                disabled={!ready}
                loading={busy}
                aria-describedby={whyNot ? 'new-story-why' : undefined}
              >
                Create and open
              </Button>
            </Flex>
          </Flex>
        </form>
      </DialogContent>
    </Dialog.Root>
  )
}
