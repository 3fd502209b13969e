// A story's particulars: headline, outlet, byline, address and publication date, as reports cite them.
import { Button, Dialog, Flex, Grid, Text, TextField } from '@radix-ui/themes'
import { useState } from 'react'
import type { StoryDetail } from '../../../shared/contract'
import type { StoryMeta } from '../../../shared/model'
import { call } from '../api'
import { ErrorCallout } from '../transfer/ErrorCallout'

interface Props {
  open: boolean
  onOpenChange(open: boolean): void
  detail: StoryDetail
}

export function StoryDetailsDialog(props: Props): React.JSX.Element {
  return (
    <Dialog.Root open={props.open} onOpenChange={props.onOpenChange}>
      <Dialog.Content maxWidth="560px" aria-describedby={undefined}>
        <Dialog.Title>Story details</Dialog.Title>
        <DetailsForm {...props} />
      </Dialog.Content>
    </Dialog.Root>
  )
}

/** The date input speaks yyyy-mm-dd; the story keeps an ISO timestamp (or nothing). */
const toDateInput = (iso: string) => (iso ? iso.slice(0, 10) : '')
const fromDateInput = (value: string) => (value ? `${value}T00:00:00.000Z` : '')

function DetailsForm({ detail, onOpenChange }: Props): React.JSX.Element {
  const { story } = detail
  const [meta, setMeta] = useState<Omit<StoryMeta, 'language'>>({ title: story.title, outlet: story.outlet, byline: story.byline, url: story.url, publishedAt: story.publishedAt })
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)

  async function save(): Promise<void> {
    setBusy(true)
    setError(null)
    try {
      const patch = { ...meta, title: meta.title.trim(), url: meta.url.trim() }
      await call('stories.update', { id: story.id, patch })
      onOpenChange(false)
    } catch (e) {
      setError(e)
    } finally {
      setBusy(false)
    }
  }

  const field = (key: 'title' | 'outlet' | 'byline' | 'url', label: string, placeholder = '') => (
    <Flex direction="column" gap="1">
      <Text as="label" size="2" htmlFor={`story-${key}`}>
        {label}
      </Text>
      <TextField.Root id={`story-${key}`} value={meta[key]} placeholder={placeholder} onChange={(e) => setMeta({ ...meta, [key]: e.target.value })} />
    </Flex>
  )

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault()
        void save()
      }}
    >
      <Flex direction="column" gap="3">
        {field('title', 'Headline')}
        <Grid columns="2" gap="3">
          {field('outlet', 'Outlet')}
          {field('byline', 'Byline')}
        </Grid>
        {field('url', 'Published at (address)', 'https://…')}
        <Flex direction="column" gap="1">
          <Text as="label" size="2" htmlFor="story-date">
            Publication date
          </Text>
          <TextField.Root id="story-date" type="date" value={toDateInput(meta.publishedAt)} onChange={(e) => setMeta({ ...meta, publishedAt: fromDateInput(e.target.value) })} />
        </Flex>
        <ErrorCallout error={error} />
        <Flex justify="end" gap="3">
          <Dialog.Close>
            <Button type="button" variant="soft" color="gray">
              Cancel
            </Button>
          </Dialog.Close>
          <Button type="submit" loading={busy} disabled={!meta.title.trim()}>
            Save details
          </Button>
        </Flex>
      </Flex>
    </form>
  )
}
