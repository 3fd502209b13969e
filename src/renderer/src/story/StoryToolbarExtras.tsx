// The story toolbar's actions: edit the story's particulars, revise the text or bring in a newer
// version, read earlier revisions with what changed, and export this story's report. It takes the few
// particulars its buttons show, not the story: a claim marked or changed does not re-render it. The open
// dialog (one at a time) is mounted only while open and reads the whole story from the store then (WithDetail).
import {
  CounterClockwiseClockIcon,
  DownloadIcon,
  InfoCircledIcon,
  Pencil1Icon,
  ReloadIcon,
  UpdateIcon
} from '@radix-ui/react-icons'
import { Button } from '@radix-ui/themes'
import { useState } from 'react'
import { AnnotationImportButton, AnnotationImportDialog } from '../transfer/AnnotationImportDialog'
import type { StoryDetail, SuggestedCorrection } from '../../../shared/contract'
import { call } from '../api'
import { useLibraryContext, useReport } from '../app/library-context'
import { useToasts } from '../app/toasts'
import { useStory } from '../app/use-store'
import { buttonProps, flexClass } from '../app/theme-classes'
import { ReviseDialog } from '../transfer/ReviseDialog'
import { RevisionsDialog } from '../transfer/RevisionsDialog'
import { useTransfer } from '../transfer/TransferProvider'
import { CorrectionDialog } from './CorrectionDialog'
import { StoryDetailsDialog } from './StoryDetailsDialog'

/** The open story, whole, for a dialog mounted while open (the store holds it for the story view already). */
function WithDetail({
  storyId,
  children
}: {
  storyId: string
  children(detail: StoryDetail): React.ReactNode
}): React.JSX.Element | null {
  const lib = useLibraryContext()
  const { detail } = useStory(storyId, useReport(lib.askEditor))
  return detail ? <>{children(detail)}</> : null
}

/** The toolbar's dialogs; one is open at a time. */
type ToolbarDialog = 'details' | 'revise' | 'revisions' | 'annotations' | 'correction'

export interface StoryToolbarExtrasProps {
  storyId: string
  revision: number
  /** Whether the story is signed off (cleared): corrections and the published-page check show then. */
  signedOff: boolean
  corrections: number
  /** The published page's address, '' when none. */
  address: string
}

export function StoryToolbarExtras({
  storyId,
  revision,
  signedOff,
  corrections,
  address
}: StoryToolbarExtrasProps): React.JSX.Element {
  const transfer = useTransfer()
  const [dialog, setDialog] = useState<ToolbarDialog | null>(null)
  const [suggestion, setSuggestion] = useState<SuggestedCorrection | null>(null)
  const [checking, setChecking] = useState(false)
  const lib = useLibraryContext()
  const toasts = useToasts()
  const close = (): void => {
    setDialog(null)
    setSuggestion(null)
  }

  async function checkPublished(): Promise<void> {
    setChecking(true)
    const check = await lib.run(() => call('stories.checkPublished', { id: storyId }))
    setChecking(false)
    if (!check) return
    if (!check.changed) {
      toasts.show({ tone: 'info', message: `The published page is unchanged (${check.url}).` })
      return
    }
    setSuggestion(check.suggestion)
    setDialog('correction')
  }
  const gray = buttonProps({ size: '1', variant: 'soft', color: 'gray' })
  return (
    // Plain buttons with Radix Themes' classes (theme-classes.ts): the toolbar is drawn at every open.
    <div className={flexClass({ gap: '2', align: 'center', wrap: 'wrap' })}>
      <button {...gray} onClick={() => setDialog('details')}>
        <InfoCircledIcon /> Details…
      </button>
      <button {...gray} onClick={() => setDialog('revise')}>
        <UpdateIcon /> Revise…
      </button>
      <button {...gray} onClick={() => setDialog('revisions')}>
        <CounterClockwiseClockIcon /> Revision {revision}
      </button>
      {signedOff && (
        <button {...gray} onClick={() => setDialog('correction')}>
          <Pencil1Icon /> Log a correction…{corrections > 0 ? ` (${corrections})` : ''}
        </button>
      )}
      {signedOff && address && (
        <Button size="1" variant="soft" color="gray" loading={checking} onClick={() => void checkPublished()}>
          <ReloadIcon /> Check published page
        </Button>
      )}
      <button
        {...buttonProps({ size: '1', variant: 'soft' })}
        onClick={() => transfer.openExport({ storyIds: [storyId], scope: 'story' })}
      >
        <DownloadIcon /> Export…
      </button>
      <AnnotationImportButton onClick={() => setDialog('annotations')} />
      {dialog && (
        <WithDetail storyId={storyId}>
          {(detail) => {
            const props = { open: true, detail, onOpenChange: (open: boolean) => open || close() }
            switch (dialog) {
              case 'details':
                return <StoryDetailsDialog {...props} />
              case 'revise':
                return <ReviseDialog {...props} />
              case 'revisions':
                return <RevisionsDialog {...props} />
              case 'annotations':
                return <AnnotationImportDialog {...props} />
              case 'correction':
                return <CorrectionDialog {...props} suggestion={suggestion} />
            }
          }}
        </WithDetail>
      )}
    </div>
  )
}
