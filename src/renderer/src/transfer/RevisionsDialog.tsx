// Earlier revisions of a story: pick one to read it or see what changed against the current text.
import { ChevronDownIcon, ChevronUpIcon } from '@radix-ui/react-icons'
import { Button, Dialog, Flex, ScrollArea, SegmentedControl, Text } from '@radix-ui/themes'
import { diffWords } from 'diff'
import { useEffect, useMemo, useRef, useState } from 'react'
import type { StoryDetail } from '../../../shared/contract'
import { call } from '../api'
import { useLibraryContext } from '../app/library-context'
import { DialogFooter } from '../app/form-parts'
import { DialogContent } from '../app/dialog'
import { EnumSelect, onOneOf } from '../app/EnumSelect'
import { changedPassages } from './diff-passages'

const showModes = ['diff', 'read'] as const
type ShowMode = (typeof showModes)[number]

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
  const lib = useLibraryContext()
  const { story, revisions } = detail
  const earlier = revisions.filter((r) => r.revision !== story.revision)
  const [chosen, setChosen] = useState<number | null>(() => earlier.at(-1)?.revision ?? null)
  const [mode, setMode] = useState<ShowMode>('diff')
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
  const passages = useMemo(
    () => (text === null ? [] : changedPassages(diffWords(text, story.text))),
    [text, story.text]
  )
  const [at, setAt] = useState(0)
  const list = useRef<HTMLOListElement>(null)
  /** Moves to change `index` (0-based): scrolls it into view and gives it focus, so it is read out. */
  const go = (index: number): void => {
    const next = Math.max(0, Math.min(passages.length - 1, index))
    setAt(next)
    const item = list.current?.querySelector<HTMLElement>(`[data-passage="${next}"]`)
    item?.scrollIntoView({ block: 'nearest' })
    item?.focus({ preventScroll: true })
  }

  return (
    <>
      {earlier.length === 0 ? (
        <Text size="2" color="gray">
          This story has one revision. Use “Revise” to edit it or bring in a newer version.
        </Text>
      ) : (
        <Flex direction="column" gap="3">
          <Flex gap="3" align="center" wrap="wrap">
            <EnumSelect
              label="Revision"
              value={String(chosen ?? '')}
              options={earlier.map((r) => String(r.revision))}
              optionLabel={(v) => {
                const r = earlier.find((e) => String(e.revision) === v)
                return r
                  ? `Revision ${r.revision} · ${new Date(r.createdAt).toLocaleString()} · ${lib.personName(r.createdBy, r.createdAt)}${r.note ? ` · ${r.note}` : ''}`
                  : v
              }}
              onChange={(v) => setChosen(Number(v))}
            />
            <SegmentedControl.Root value={mode} onValueChange={onOneOf(showModes, setMode)} aria-label="Show">
              <SegmentedControl.Item value="diff">Changes since</SegmentedControl.Item>
              <SegmentedControl.Item value="read">Read it</SegmentedControl.Item>
            </SegmentedControl.Root>
            <Text size="1" color="gray">
              Current: revision {story.revision}
            </Text>
          </Flex>
          {mode === 'diff' && text !== null && (
            <Flex gap="3" align="center">
              <Text size="2" role="status" data-testid="change-count">
                {passages.length === 0 ? 'No changes' : `Change ${at + 1} of ${passages.length}`}
              </Text>
              <Button size="1" variant="soft" disabled={at <= 0} onClick={() => go(at - 1)}>
                <ChevronUpIcon /> Previous change
              </Button>
              <Button size="1" variant="soft" disabled={at >= passages.length - 1} onClick={() => go(at + 1)}>
                <ChevronDownIcon /> Next change
              </Button>
            </Flex>
          )}
          <ScrollArea
            style={{ maxHeight: '60vh' }}
            tabIndex={0}
            aria-label={mode === 'diff' ? 'Changes' : 'Earlier text'}
          >
            {text === null ? (
              <div className="revision-text">Loading…</div>
            ) : mode === 'read' ? (
              <div className="revision-text">{text}</div>
            ) : (
              <ol className="revision-passages" ref={list}>
                {passages.map((p, i) => (
                  <li
                    key={i}
                    data-passage={i}
                    tabIndex={-1}
                    aria-current={i === at || undefined}
                    className="revision-text"
                  >
                    <span className="context">{p.before}</span>
                    {p.parts.map((part, j) =>
                      part.kind === 'added' ? (
                        <ins key={j}>{part.text}</ins>
                      ) : part.kind === 'removed' ? (
                        <del key={j}>{part.text}</del>
                      ) : (
                        <span key={j}>{part.text}</span>
                      )
                    )}
                    <span className="context">{p.after}</span>
                  </li>
                ))}
              </ol>
            )}
          </ScrollArea>
        </Flex>
      )}
      <DialogFooter error={error} />
    </>
  )
}
