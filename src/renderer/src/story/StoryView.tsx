// The story window: the claim list, the article with its highlights, and the open claim's panel,
// driven by mouse or keyboard. Marking shows the highlight at once and settles when main answers.
import { ChevronLeftIcon, Pencil2Icon } from '@radix-ui/react-icons'
import { Button, Callout, Flex, Heading, Kbd, Select, Spinner, Text } from '@radix-ui/themes'
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { deskStates, type Claim, type DeskState } from '../../../shared/model'
import { claimLabel, FINAL_DESK_STATE, needsRecheck, signOffBlockers } from '../../../shared/rules/claims'
import { sentenceAt } from '../../../shared/text/segment'
import { call } from '../api'
import { useDesk, useReport } from '../app/desk-context'
import { deskStateLabels } from '../app/labels'
import { useToasts } from '../app/toasts'
import { filterClaims, noFilter, step, type ClaimFilter } from '../desk/claim-filters'
import type { DeskAction } from '../desk/keymap'
import { offsetAtPoint, selectionOffsets } from '../desk/selection'
import { useClaimActions } from './use-claim-actions'
import { MemoryMarks } from '../memory/MemoryMarks'
import { MemoryToolbar } from '../memory/MemoryToolbar'
import { useStoryMemory } from '../memory/use-story-memory'
import { useDeskKeys } from './use-desk-keys'
import { useLiveSelection } from './use-live-selection'
import { Article, type ArticleClaim } from './Article'
import { ClaimList } from './ClaimList'
import { ClaimPanel } from './ClaimPanel'
import { SignOffDialog } from './SignOffDialog'
import { StoryToolbarExtras } from './StoryToolbarExtras'
import { StoryEditProvider, useStory } from './use-story'

export function StoryView({ storyId, onBack }: { storyId: string; onBack(): void }): React.JSX.Element {
  const desk = useDesk()
  const toasts = useToasts()
  const { detail, error, edit } = useStory(storyId, useReport(desk.askEditor))
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const [panelOpen, setPanelOpen] = useState(false)
  const [filter, setFilter] = useState<ClaimFilter>(noFilter)
  const articleRef = useRef<HTMLDivElement>(null)
  const scrollRef = useRef<HTMLDivElement>(null)
  const searchRef = useRef<HTMLInputElement>(null)

  const claims = useMemo(() => detail?.claims ?? [], [detail])
  const [signOffOpen, setSignOffOpen] = useState(false)
  const blockers = useMemo(() => signOffBlockers(claims, detail?.evidence ?? [], desk.library.settings), [claims, detail, desk.library.settings])
  const shown = useMemo(() => filterClaims(claims, detail?.evidence ?? [], filter), [claims, detail, filter])
  const selected = claims.find((c) => c.id === selectedId) ?? null
  const select = useCallback((id: string | null, open: boolean) => {
    setSelectedId(id)
    if (open) setPanelOpen(id !== null)
  }, [])
  const openClaim = useCallback((id: string) => select(id, true), [select])
  const text = detail?.story.text ?? ''
  const actions = useClaimActions({ storyId, text, edit, open: openClaim })
  const { pending, markRange, updateClaim } = actions
  const memory = useStoryMemory(storyId)
  const articleClaims = useMemo<ArticleClaim[]>(
    () => [
      ...claims
        .filter((c) => !c.orphaned)
        .map((c) => ({ id: c.id, start: c.anchor.position.start, end: c.anchor.position.end, status: c.status, number: claimLabel(c.number), label: desk.statusLabel(c.status), recheck: needsRecheck(c) })),
      ...pending.map((p) => ({ id: p.key, start: p.start, end: p.end, status: 'pending' as const, number: '', label: 'Saving', recheck: false }))
    ],
    [claims, pending, desk]
  )


  const live = useLiveSelection(articleRef, scrollRef)

  const markSelection = (): void => {
    const root = articleRef.current
    const range = (root && selectionOffsets(root, document.getSelection())) ?? live?.range
    if (range) void markRange(range)
    else toasts.show({ message: 'Select words in the story first, then press M.' })
  }

  const onMargin = useCallback(
    (paragraph: HTMLElement, clientY: number) => {
      const root = articleRef.current
      if (!root || !text) return
      const offset = offsetAtPoint(root, paragraph.getBoundingClientRect().left + 1, clientY)
      const sentence = offset === null ? null : sentenceAt(text, offset)
      if (sentence) void markRange(sentence)
    },
    [text, markRange]
  )

  const deleteClaim = async (claim: Claim): Promise<void> => {
    const ids = shown.map((c) => c.id)
    const at = ids.indexOf(claim.id)
    const next = ids[at + 1] ?? ids[at - 1] ?? null
    if (!(await actions.deleteClaim(claim, claimLabel(claim.number)))) return
    setSelectedId(next)
    if (!next) setPanelOpen(false)
  }

  const reattach = (): void => {
    if (!selected || !live) return
    void actions.reattach(selected.id, live.range)
  }

  const perform = (action: DeskAction): boolean => {
    switch (action.kind) {
      case 'next':
      case 'previous': {
        const id = step(
          shown.map((c) => c.id),
          selectedId,
          action.kind === 'next' ? 1 : -1
        )
        if (id) select(id, false)
        return id !== null
      }
      case 'open':
        if (!selectedId) select(shown[0]?.id ?? null, true)
        else setPanelOpen(true)
        return true
      case 'close':
        if (panelOpen) setPanelOpen(false)
        else if (live) document.getSelection()?.removeAllRanges()
        else return false
        return true
      case 'search':
        searchRef.current?.focus()
        return true
      case 'mark':
        markSelection()
        return true
      case 'undo':
        return toasts.undoLatest()
      case 'delete':
        if (selected) void deleteClaim(selected)
        return selected !== null
      case 'status':
        if (selected) void updateClaim(selected.id, { status: action.status })
        return selected !== null
      case 'verdict':
        if (selected) void updateClaim(selected.id, { verdict: action.verdict })
        return selected !== null
      case 'help':
        return false // the app shell opens the sheet
    }
  }

  useDeskKeys(perform)

  // The selected claim scrolls into view in the text when it is off screen.
  useEffect(() => {
    const container = scrollRef.current
    const marker = selectedId ? articleRef.current?.querySelector(`[data-marker="${CSS.escape(selectedId)}"]`) : null
    if (!container || !marker) return
    const box = container.getBoundingClientRect()
    const rect = marker.getBoundingClientRect()
    if (rect.top < box.top + 40 || rect.bottom > box.bottom - 40) marker.scrollIntoView({ block: 'center' })
  }, [selectedId, detail])

  const pick = useCallback(
    (ids: string[]) => {
      if (ids.length === 0) return
      // Clicking where claims overlap opens the innermost; clicking again steps outwards.
      setSelectedId((current) => {
        const at = current ? ids.indexOf(current) : -1
        return at > 0 ? (ids[at - 1] as string) : (ids[ids.length - 1] as string)
      })
      setPanelOpen(true)
    },
    []
  )

  const setDeskState = (deskState: DeskState): void => {
    const send = (): void =>
      void edit({
        send: () => call('stories.update', { id: storyId, patch: { deskState } }),
        show: (d) => ({ ...d, story: { ...d.story, deskState } }),
        apply: (d, summary) => ({ ...d, story: { ...d.story, deskState: summary.deskState, updatedAt: summary.updatedAt } })
      })
    // Clearing is checked against the sign-off rules first; it shows only once main has agreed.
    if (deskState === FINAL_DESK_STATE && blockers.length > 0) {
      setSignOffOpen(true)
      return
    }
    send()
  }
  const overrideSignOff = (reason: string) => call('stories.update', { id: storyId, patch: { deskState: FINAL_DESK_STATE }, overrideReason: reason })

  if (!detail) {
    return (
      <Flex align="center" justify="center" p="6" gap="3">
        {error ? (
          <Callout.Root color="red" role="alert">
            <Callout.Text>{error}</Callout.Text>
          </Callout.Root>
        ) : (
          <>
            <Spinner /> <Text color="gray">Opening the story…</Text>
          </>
        )}
      </Flex>
    )
  }

  const story = detail.story
  return (
    <StoryEditProvider value={edit}>
    <div className="story-view" data-screen="story" data-story-id={story.id} data-ready="true">
      <Flex className="toolbar story-toolbar" align="center" gap="3">
        <Button variant="ghost" color="gray" onClick={onBack} aria-label="Back to the library">
          <ChevronLeftIcon /> Library
        </Button>
        <Flex direction="column" className="story-heading">
          <Heading as="h1" size="4" className="story-title" title={story.title}>
            {story.title}
          </Heading>
          <Text size="1" color="gray">
            {[story.outlet, story.byline, `revision ${story.revision}`].filter(Boolean).join(' · ')}
          </Text>
        </Flex>
        <Flex ml="auto" gap="2" align="center">
          <MemoryToolbar memory={memory} />
          <ToolbarExtrasMemo detail={detail} />
          <SignOffDialog open={signOffOpen} onOpenChange={setSignOffOpen} blockers={blockers} onOpenClaim={openClaim} onOverride={overrideSignOff} />
          <Select.Root value={story.deskState} onValueChange={(v) => setDeskState(v as DeskState)}>
            <Select.Trigger aria-label="Desk state" />
            <Select.Content>
              {deskStates.map((s) => (
                <Select.Item key={s} value={s}>
                  {deskStateLabels[s]}
                </Select.Item>
              ))}
            </Select.Content>
          </Select.Root>
        </Flex>
      </Flex>
      <div className={panelOpen && selected ? 'story-body with-panel' : 'story-body'}>
        <ClaimListMemo claims={claims} shown={shown} evidence={detail.evidence} filter={filter} onFilter={setFilter} selectedId={selectedId} onSelect={select} searchRef={searchRef} />
        <div className="article-scroll" ref={scrollRef}>
          <article className="article" aria-label="Story text" lang={story.language || undefined}>
            <Heading as="h2" size="6" className="article-title">
              {story.title}
            </Heading>
            <Article text={story.text} claims={articleClaims} selectedId={selectedId} rootRef={articleRef} onPick={pick} onMargin={onMargin} />
          </article>
          <MemoryMarks memory={memory} articleRef={articleRef} scrollRef={scrollRef} version={articleClaims} onMark={(range) => void markRange(range)} />
          {live && (
            <Button className="mark-button" size="1" style={{ top: live.top, left: live.left }} onMouseDown={(e) => e.preventDefault()} onClick={markSelection}>
              <Pencil2Icon /> Mark as claim <Kbd size="1">M</Kbd>
            </Button>
          )}
        </div>
        {panelOpen && selected && (
          <ClaimPanel
            key={selected.id}
            claim={selected}
            detail={detail}
            number={claimLabel(selected.number)}
            onClose={() => setPanelOpen(false)}
            onUpdate={(fields) => void updateClaim(selected.id, fields)}
            onDelete={() => void deleteClaim(selected)}
            onReattach={reattach}
            canReattach={live !== null}
          />
        )}
      </div>
    </div>
    </StoryEditProvider>
  )
}

const ClaimListMemo = memo(ClaimList)
const ToolbarExtrasMemo = memo(StoryToolbarExtras)
