// A story's particulars: headline, outlet, byline, address and publication date, as reports cite them.
import { Button, Dialog, Flex, Grid } from '@radix-ui/themes'
import { useState } from 'react'
import type { StoryDetail } from '../../../shared/contract'
import type { StoryMeta } from '../../../shared/model'
import { call } from '../api'
import { DialogFooter, LabelledField, useAction } from '../app/form-parts'
import { DialogContent } from '../app/dialog'

interface Props {
  open: boolean
  onOpenChange(open: boolean): void
  detail: StoryDetail
}

export function StoryDetailsDialog(props: Props): React.JSX.Element {
  return (
    <Dialog.Root open={props.open} onOpenChange={props.onOpenChange}>
      <DialogContent maxWidth="560px" aria-describedby={undefined}>
        <Dialog.Title>Story details</Dialog.Title>
        <DetailsForm {...props} />
      </DialogContent>
    </Dialog.Root>
  )
}

/** The date input speaks yyyy-mm-dd; the story keeps an ISO timestamp (or nothing). */
const toDateInput = (iso: string) => (iso ? iso.slice(0, 10) : '')
const fromDateInput = (value: string) => (value ? `${value}T00:00:00.000Z` : '')

function DetailsForm({ detail, onOpenChange }: Props): React.JSX.Element {
  const { story } = detail
  const [meta, setMeta] = useState<Omit<StoryMeta, 'language'>>({
    title: story.title,
    outlet: story.outlet,
    byline: story.byline,
    url: story.url,
    publishedAt: story.publishedAt
  })
  const action = useAction()

  async function save(): Promise<void> {
    const patch = { ...meta, title: meta.title.trim(), url: meta.url.trim() }
    if (await action.run(() => call('stories.update', { id: story.id, patch }))) onOpenChange(false)
  }

  const field = (key: 'title' | 'outlet' | 'byline' | 'url', label: string, placeholder = '') => (
    <LabelledField
      id={`story-${key}`}
      label={label}
      value={meta[key]}
      placeholder={placeholder}
      onChange={(value) => setMeta({ ...meta, [key]: value })}
    />
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
        <LabelledField
          id="story-date"
          type="date"
          label="Publication date"
          value={toDateInput(meta.publishedAt)}
          onChange={(value) => setMeta({ ...meta, publishedAt: fromDateInput(value) })}
        />
        <DialogFooter error={action.error} closeLabel="Cancel">
          <Button type="submit" loading={action.busy} disabled={!meta.title.trim()}>
            Save details
          </Button>
        </DialogFooter>
      </Flex>
    </form>
  )
}
