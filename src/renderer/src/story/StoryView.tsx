// The story window: the claim list, the article with its highlights, and the open claim's panel,
// driven by mouse or keyboard. Marking shows the highlight at once and settles when main answers.
import { ChevronLeftIcon, Pencil2Icon, PlusIcon } from '@radix-ui/react-icons'
import { Button, Callout, Flex, IconButton, Kbd, Spinner, Text, Tooltip } from '@radix-ui/themes'
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { Claim, DeskState, StoryPart } from '../../../shared/model'
import { deskStates, storyParts } from '../../../shared/model/values'
import { publishedUrl } from '../../../shared/rules/published'
import { claimLabel, claimOnWords, FINAL_DESK_STATE, needsRecheck, signOffBlockers } from '../../../shared/rules/claims'
import { call } from '../api'
import { useLibraryContext, useReport } from '../app/library-context'
import { deskStateLabels } from '../app/labels'
import { useToasts } from '../app/toasts'
import { useUndoScope } from '../app/undo'
import { filterClaims, isFiltered, noFilter, step, type ClaimFilter } from '../annotate/claim-filters'
import type { KeyAction } from '../annotate/keymap'
import { selectionInParts, type PartRoots } from '../annotate/selection'
import { anchorRange, type PartRange } from '../../../shared/text/parts'
import { useClaimActions } from './use-claim-actions'
import { MemoryMarks } from '../memory/MemoryMarks'
import { MemoryToolbar } from '../memory/MemoryToolbar'
import { useStoryMemory } from '../memory/use-story-memory'
import { useStoryKeys } from './use-story-keys'
import { mayTakeFocus, placeOf, returnFocus, type Place } from '../app/focus-return'
import { useLiveSelection, type LiveSelectionStore } from './use-live-selection'
import { useSentenceCursor } from './use-sentence-cursor'
import { useSentenceGesture, type SentenceTarget } from './use-sentence-gesture'
import { useValue, type ValueStore } from '../app/value-store'
import { afterPaint } from '../app/after-paint'
import { Article as ArticleView, type ArticleClaim } from './Article'
import { ClaimList } from './ClaimList'
import { ClaimPanel } from './ClaimPanel'
import { SignOffDialog } from './SignOffDialog'
import { StoryToolbarExtras } from './StoryToolbarExtras'
import { changeDeskState } from './desk-state'
import { StoryEditProvider, useStory } from '../app/use-store'
import { useDeskSync } from '../sync/desk-sync'
import { conflictedClaims } from '../sync/sync-words'
import { EnumSelect } from '../app/EnumSelect'
import { buttonProps, flexAutoMargin, flexClass, headingClass, textProps } from '../app/theme-classes'

/** Whether the reader's selection takes in words of both the headline and the story text. */
function selectionAcrossParts(roots: PartRoots): boolean {
  const selection = document.getSelection()
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return false
  const range = selection.getRangeAt(0)
  return storyParts.every((part) => {
    const root = roots[part]
    return root !== null && range.intersectsNode(root)
  })
}

/** Claim spans and pending marks in one part of the story, as Article draws them. */
type PartClaims = Record<StoryPart, ArticleClaim[]>

interface StoryViewProps {
  storyId: string
  /** A claim to open with the story (the status line's "sync conflict" goes to one). */
  claimId?: string
  onBack(): void
}

export function StoryView({ storyId, claimId, onBack }: StoryViewProps): React.JSX.Element {
  const lib = useLibraryContext()
  const toasts = useToasts()
  const { detail, error, edit } = useStory(storyId, useReport(lib.askEditor))
  const [selectedId, setSelectedId] = useState<string | null>(claimId ?? null)
  const [panelOpen, setPanelOpen] = useState(claimId !== undefined)
  const [filter, setFilter] = useState<ClaimFilter>(noFilter)
  /** Changes some of the filter's fields; one stable callback, so memoised filters redraw only for their own fields. */
  const changeFilter = useCallback((change: Partial<ClaimFilter>) => setFilter((f) => ({ ...f, ...change })), [])
  const articleRef = useRef<HTMLDivElement>(null)
  const headlineRef = useRef<HTMLDivElement>(null)
  const roots = useCallback((): PartRoots => ({ headline: headlineRef.current, body: articleRef.current }), [])
  const scrollRef = useRef<HTMLDivElement>(null)
  const searchRef = useRef<HTMLInputElement>(null)

  // Each part of the story on its own, so a change to one (an edit's activity) re-renders only what shows it.
  const claims = useMemo(() => detail?.claims ?? [], [detail?.claims])
  const evidence = useMemo(() => detail?.evidence ?? [], [detail?.evidence])
  const sources = useMemo(() => detail?.sources ?? [], [detail?.sources])
  const [signOffOpen, setSignOffOpen] = useState(false)
  const blockers = useMemo(
    () => signOffBlockers(claims, evidence, lib.library.settings),
    [claims, evidence, lib.library.settings]
  )
  const { status: sync } = useDeskSync()
  // One set per change of the desk's conflicts, so the memoised claim list redraws only then.
  const conflicted = useMemo(() => conflictedClaims(sync.conflicts, storyId), [sync.conflicts, storyId])
  const shown = useMemo(
    () => filterClaims(claims, evidence, filter, sources, conflicted),
    [claims, evidence, filter, sources, conflicted]
  )
  // The panel follows the filter: a claim the filter hides is not shown in the panel either.
  const selected = shown.find((c) => c.id === selectedId) ?? null
  /** What had focus when the panel opened: focus goes back there when it closes (focus-return.ts). */
  const opener = useRef<Place | null>(null)
  const showPanel = useCallback((open: boolean) => {
    setPanelOpen((was) => {
      if (open && !was) opener.current = placeOf(document.activeElement)
      return open
    })
  }, [])
  const closePanel = useCallback(() => {
    setPanelOpen(false)
    const back = opener.current ?? placeOf(headingRef.current)
    opener.current = null
    requestAnimationFrame(() => {
      // Only focus the panel took with it goes back: a key pressed meanwhile (/ to search) keeps its own.
      const focused = document.activeElement
      if (focused && focused !== document.body && focused.isConnected && !focused.closest('.claim-panel')) return
      returnFocus(back)
    })
  }, [])
  const headingRef = useRef<HTMLHeadingElement>(null)
  const select = useCallback(
    (id: string | null, open: boolean) => {
      setSelectedId(id)
      if (open) showPanel(id !== null)
    },
    [showPanel]
  )
  /** Opens a claim just marked or restored; filters are cleared so it is in the list beside it. */
  const openClaim = useCallback(
    (id: string) => {
      setFilter((f) => (isFiltered(f) ? noFilter : f))
      select(id, true)
    },
    [select]
  )
  // Ctrl/Cmd+Z and the Edit menu step in this story's history (kept in main); the claim a step touched is opened.
  useUndoScope(storyId, (done) => done.claimId && openClaim(done.claimId))
  const title = detail?.story.title ?? ''
  const ready = detail !== null
  const text = detail?.story.text ?? ''
  /** The two texts claims are marked in; a new object only when one of them changes. */
  const texts = useMemo(() => ({ title, text }), [title, text])
  const actions = useClaimActions({ storyId, story: texts, claims, edit, open: openClaim })
  const { pending, markRange, updateClaim } = actions
  const memory = useStoryMemory(storyId)
  const articleClaims = useMemo<PartClaims>(() => {
    const byPart: PartClaims = { headline: [], body: [] }
    for (const c of claims) {
      if (!c.orphaned)
        byPart[c.anchor.part].push({
          id: c.id,
          start: c.anchor.position.start,
          end: c.anchor.position.end,
          status: c.status,
          number: claimLabel(c.number),
          label: lib.statusLabel(c.status),
          recheck: needsRecheck(c)
        })
    }
    // A pending mark gives way to the saved claim of the same words in the render that brings the claim (the store's
    // fold), not in the later render that lets go of it (use-claim-actions.ts): the mark is drawn saved one commit
    // and one frame sooner, and the letting go changes nothing on screen.
    for (const p of pending)
      if (!claimOnWords(claims, p))
        byPart[p.part].push({
          id: p.key,
          start: p.start,
          end: p.end,
          status: 'pending',
          number: '',
          label: 'Saving',
          recheck: false
        })
    return byPart
  }, [claims, pending, lib])

  const live = useLiveSelection(roots, scrollRef)

  const markSelection = (): void => {
    const range = selectionInParts(roots(), document.getSelection()) ?? live.get()?.range
    if (range) void markRange(range)
    else if (selectionAcrossParts(roots()))
      toasts.show({
        message: 'A claim is in the headline or in the story text: select words in one of them, then press M.'
      })
    else toasts.show({ message: 'Select words in the headline or the story first, then press M.' })
  }

  const gesture = useSentenceGesture(texts, scrollRef)
  const describeRange = useCallback(
    (range: PartRange) => {
      const inside = claims.filter((c) => {
        const at = anchorRange(c.anchor)
        return !c.orphaned && at.part === range.part && at.start < range.end && range.start < at.end
      })
      const claimsText = inside.map((c) => `claim ${claimLabel(c.number)} (${lib.statusLabel(c.status)})`).join(', ')
      return `${claimsText ? `Part of ${claimsText}. ` : ''}Enter marks these words.`
    },
    [claims, lib]
  )
  const cursor = useSentenceCursor(
    texts,
    roots,
    () => selectionInParts(roots(), document.getSelection()),
    (range) => void markRange(range),
    describeRange
  )

  const deleteClaim = async (claim: Claim): Promise<void> => {
    const ids = shown.map((c) => c.id)
    const at = ids.indexOf(claim.id)
    const next = ids[at + 1] ?? ids[at - 1] ?? null
    if (!(await actions.deleteClaim(claim, claimLabel(claim.number)))) return
    setSelectedId(next)
    if (!next) closePanel()
  }

  const reattach = (): void => {
    const current = live.get()
    if (!selected || !current) return
    const range = current.range
    // The words are used up: let go of the selection so its floating "Mark as claim" goes too.
    document.getSelection()?.removeAllRanges()
    void actions.reattach(selected.id, range)
  }

  const perform = (action: KeyAction): boolean => {
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
        else showPanel(true)
        return true
      case 'close':
        if (panelOpen) closePanel()
        else if (live.get()) document.getSelection()?.removeAllRanges()
        else return false
        return true
      case 'search':
        searchRef.current?.focus()
        return true
      case 'mark':
        markSelection()
        return true
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

  useStoryKeys(perform)

  // Opening a story puts focus on its headline, where the desk's keys work, when focus is on nothing more
  // precise: <body>, the app's main area that focus-return.ts gave it when the library row went away, or
  // the import dialog that opened the story, closing (focus-return.ts).
  useEffect(() => {
    const heading = headingRef.current
    // The heading is in the toolbar, always in view: focusing it must not scroll, which would force a layout.
    if (ready && heading && mayTakeFocus(heading)) heading.focus({ preventScroll: true })
  }, [ready])

  // The selected claim scrolls into view in the text when it is off screen. Asked of an observer once the
  // frame is painted, not read from the layout in the commit: that forced a layout of the whole story at every
  // mark (the new claim is selected), before the highlight could paint. A marker wholly in view stays where it is
  // (a new claim usually is: its words were just selected), however near the edge; one cut by the edge is brought
  // just inside it, and only one out of view is centred (scrolling the text costs a layout and the highlights of
  // the paragraphs it brings near, some 80 ms in a 1,000-claim story).
  useEffect(() => {
    const container = scrollRef.current
    const marker = selectedId ? container?.querySelector(`[data-marker="${CSS.escape(selectedId)}"]`) : null
    if (!container || !marker) return
    let observer: IntersectionObserver | null = null
    const cancel = afterPaint(() => {
      observer = new IntersectionObserver(
        ([entry]) => {
          observer?.disconnect()
          if (entry && entry.intersectionRatio < 1)
            marker.scrollIntoView({ block: entry.isIntersecting ? 'nearest' : 'center' })
        },
        { root: container, threshold: 1 }
      )
      observer.observe(marker)
    })
    return () => {
      cancel()
      observer?.disconnect()
    }
    // Once a story is open, a saved change does not move the reader: only a new selection does.
  }, [selectedId, ready])

  const pick = useCallback(
    (ids: string[]) => {
      if (ids.length === 0) return
      // Clicking where claims overlap opens the innermost; clicking again steps outwards.
      setSelectedId((current) => {
        const at = current ? ids.indexOf(current) : -1
        return at > 0 ? (ids[at - 1] as string) : (ids[ids.length - 1] as string)
      })
      showPanel(true)
    },
    [showPanel]
  )

  const setDeskState = (deskState: DeskState): void => {
    const send = async (): Promise<void> => {
      await changeDeskState(edit, storyId, deskState)
    }
    // Clearing is checked against the sign-off rules first; it shows only once main has agreed.
    if (deskState === FINAL_DESK_STATE && blockers.length > 0) {
      setSignOffOpen(true)
      return
    }
    void send()
  }
  const overrideSignOff = (reason: string) =>
    call('stories.update', { id: storyId, patch: { deskState: FINAL_DESK_STATE }, overrideReason: reason })

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
        {/* Plain elements with Radix Themes' classes (theme-classes.ts): drawn at every open. */}
        <div className={flexClass({ align: 'center', gap: '3', className: 'toolbar story-toolbar' })}>
          <button
            {...buttonProps({ variant: 'ghost', color: 'gray' })}
            onClick={onBack}
            aria-label="Back to the library"
          >
            <ChevronLeftIcon /> Library
          </button>
          <div className={flexClass({ direction: 'column', className: 'story-heading' })}>
            <h1
              className={headingClass('4', 'story-title')}
              title={story.title}
              ref={headingRef}
              tabIndex={-1}
              data-single-keys
              data-focus-home
            >
              {story.title}
            </h1>
            <span {...textProps('1', 'gray')}>
              {[story.outlet, story.byline, `revision ${story.revision}`].filter(Boolean).join(' · ')}
            </span>
          </div>
          <div
            className={flexClass({ ml: 'auto', gap: '2', align: 'center', className: 'story-toolbar-end' })}
            style={flexAutoMargin}
          >
            <MemoryToolbar memory={memory} />
            <ToolbarExtrasMemo
              storyId={story.id}
              revision={story.revision}
              signedOff={story.signOff !== null}
              corrections={story.corrections.length}
              address={publishedUrl(story)}
            />
            <SignOffDialog
              open={signOffOpen}
              onOpenChange={setSignOffOpen}
              blockers={blockers}
              claims={claims}
              statusLabel={lib.statusLabel}
              onOpenClaim={openClaim}
              onOverride={overrideSignOff}
            />
            <EnumSelect
              label="Desk state"
              value={story.deskState}
              options={deskStates}
              optionLabel={(s) => deskStateLabels[s]}
              onChange={setDeskState}
            />
          </div>
        </div>
        <div className={panelOpen && selected ? 'story-body with-panel' : 'story-body'}>
          <ClaimListMemo
            claims={claims}
            shown={shown}
            evidence={evidence}
            filter={filter}
            onFilter={changeFilter}
            selectedId={selectedId}
            onSelect={select}
            searchRef={searchRef}
            conflicted={conflicted}
            synced={sync.state !== 'off'}
          />
          <div
            className="article-scroll"
            ref={scrollRef}
            tabIndex={0}
            role="region"
            aria-label="Story text"
            data-single-keys="text"
            aria-describedby="cursor-hint"
            onMouseMove={gesture.onMouseMove}
            onMouseLeave={gesture.onMouseLeave}
            onKeyDown={cursor.onKeyDown}
          >
            <p id="cursor-hint" className="sr-only">
              Alt and the down or up arrow move a sentence cursor, the headline first; Alt, Shift and the right or left
              arrow take in or let go of a word; Enter marks the words. Tab moves between the claims in the text.
            </p>
            <p className="sr-only" aria-live="polite" data-testid="cursor-announcement">
              {cursor.announcement}
            </p>
            <article className="article" lang={story.language || undefined}>
              <ArticleMemo
                part="headline"
                text={story.title}
                claims={articleClaims.headline}
                selectedId={selectedId}
                rootRef={headlineRef}
                onPick={pick}
              />
              <ArticleMemo
                part="body"
                text={story.text}
                claims={articleClaims.body}
                selectedId={selectedId}
                rootRef={articleRef}
                onPick={pick}
              />
            </article>
            <SentenceMark hover={gesture.hover} live={live} onMark={(range) => void markRange(range)} />
            <MemoryMarks
              memory={memory}
              articleRef={articleRef}
              scrollRef={scrollRef}
              version={articleClaims}
              onMark={(range) => void markRange({ part: 'body', ...range })}
            />
            <MarkButton live={live} onMark={markSelection} />
          </div>
          {panelOpen && selected && (
            <ClaimPanel
              key={selected.id}
              claim={selected}
              detail={detail}
              number={claimLabel(selected.number)}
              onClose={closePanel}
              onUpdate={(fields) => void updateClaim(selected.id, fields)}
              onDelete={() => void deleteClaim(selected)}
              onReattach={reattach}
              selection={live}
            />
          )}
        </div>
      </div>
    </StoryEditProvider>
  )
}

/** The "+" beside the sentence under the pointer; hidden while words are selected (the Mark button shows then). */
function SentenceMark({
  hover,
  live,
  onMark
}: {
  hover: ValueStore<SentenceTarget | null>
  live: LiveSelectionStore
  onMark(range: PartRange): void
}): React.JSX.Element | null {
  const target = useValue(hover)
  const selecting = useValue(live) !== null
  if (!target || selecting) return null
  return (
    <Tooltip content="Mark this sentence as a claim">
      <IconButton
        className="sentence-mark"
        size="1"
        variant="solid"
        radius="full"
        aria-label="Mark this sentence as a claim"
        style={{ top: target.top, left: target.left }}
        onClick={() => onMark(target.range)}
      >
        <PlusIcon />
      </IconButton>
    </Tooltip>
  )
}

/**
 * The floating "Mark as claim" above the words the reader selected. It marks on the press: the words (and the button
 * with them) can move before the button is let go, as paragraphs above draw their highlights and the view keeps its
 * place, and a click whose release lands off the button is no click at all. The press keeps the selection (no
 * default); Enter or Space on the focused button is a click with no press before it (`detail` 0).
 */
function MarkButton({ live, onMark }: { live: LiveSelectionStore; onMark(): void }): React.JSX.Element | null {
  const selection = useValue(live)
  if (!selection) return null
  return (
    <Button
      className="mark-button"
      size="1"
      style={{ top: selection.top, left: selection.left }}
      onMouseDown={(e) => {
        e.preventDefault()
        if (e.button === 0) onMark()
      }}
      onClick={(e) => {
        if (e.detail === 0) onMark()
      }}
    >
      <Pencil2Icon /> Mark as claim <Kbd size="1">M</Kbd>
    </Button>
  )
}

const ArticleMemo = memo(ArticleView)
const ClaimListMemo = memo(ClaimList)
const ToolbarExtrasMemo = memo(StoryToolbarExtras)
