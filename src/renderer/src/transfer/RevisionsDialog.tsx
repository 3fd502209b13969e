// Earlier revisions of a story: pick one to read it or see what changed against the current text.
import { Dialog, Flex, ScrollArea, SegmentedControl, Select, Text } from '@radix-ui/themes'
import { diffWords } from 'diff'
import { useEffect, useMemo, useState } from 'react'
import type { StoryDetail } from '../../../shared/contract'
import { call } from '../api'
import { useDesk } from '../app/desk-context'
import { DialogFooter } from '../app/form-parts'
import { DialogContent } from '../app/dialog'

interface Props {
  open: boolean
  onOpenChange(open: boolean): void
  detail: StoryDetail
}

export function RevisionsDialog({ open, onOpenChange, detail }: Props): React.JSX.Element {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <DialogContent maxWidth="900px" aria-describedby={undefined}>
        <Dialog.Title>Revisions of “{detail.story.title}”</Dialog.Title>
        <RevisionBrowser detail={detail} />
      </DialogContent>
    </Dialog.Root>
  )
}

function RevisionBrowser({ detail }: { detail: StoryDetail }): React.JSX.Element {
  const desk = useDesk()
  const { story, revisions } = detail
  const earlier = revisions.filter((r) => r.revision !== story.revision)
  const [chosen, setChosen] = useState<number | null>(() => earlier.at(-1)?.revision ?? null)
  const [mode, setMode] = useState<'diff' | 'read'>('diff')
  const [loaded, setLoaded] = useState<{ revision: number; text: string } | null>(null)
  const [error, setError] = useState<unknown>(null)

  useEffect(() => {
    if (chosen === null) return
    let live = true
    call('stories.revision', { id: story.id, revision: chosen })
      .then((r) => live && setLoaded(r))
      .catch((e: unknown) => live && setError(e))
    return () => {
      live = false
    }
  }, [chosen, story.id])

  const text = loaded && loaded.revision === chosen ? loaded.text : null
  const parts = useMemo(() => (text === null ? [] : diffWords(text, story.text)), [text, story.text])

  return (
    <>
      {earlier.length === 0 ? (
        <Text size="2" color="gray">
          This story has one revision. Use “Revise” to edit it or bring in a newer version.
        </Text>
      ) : (
        <Flex direction="column" gap="3">
          <Flex gap="3" align="center" wrap="wrap">
            <Select.Root value={String(chosen ?? '')} onValueChange={(v) => setChosen(Number(v))}>
              <Select.Trigger aria-label="Revision" />
              <Select.Content>
                {earlier.map((r) => (
                  <Select.Item key={r.revision} value={String(r.revision)}>
                    Revision {r.revision} · {new Date(r.createdAt).toLocaleString()} · {desk.personName(r.createdBy)}
                    {r.note ? ` · ${r.note}` : ''}
                  </Select.Item>
                ))}
              </Select.Content>
            </Select.Root>
            <SegmentedControl.Root value={mode} onValueChange={(v) => setMode(v as 'diff' | 'read')} aria-label="Show">
              <SegmentedControl.Item value="diff">Changes since</SegmentedControl.Item>
              <SegmentedControl.Item value="read">Read it</SegmentedControl.Item>
            </SegmentedControl.Root>
            <Text size="1" color="gray">
              Current: revision {story.revision}
            </Text>
          </Flex>
          <ScrollArea style={{ maxHeight: '60vh' }}>
            <div className="revision-text" aria-label={mode === 'diff' ? 'Changes' : 'Earlier text'}>
              {text === null
                ? 'Loading…'
                : mode === 'read'
                  ? text
                  : parts.map((part, i) => (part.added ? <ins key={i}>{part.value}</ins> : part.removed ? <del key={i}>{part.value}</del> : <span key={i}>{part.value}</span>))}
            </div>
          </ScrollArea>
        </Flex>
      )}
      <DialogFooter error={error} />
    </>
  )
}
