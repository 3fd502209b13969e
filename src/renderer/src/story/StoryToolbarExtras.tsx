// The story toolbar's actions: edit the story's particulars, revise the text or bring in a newer
// version, read earlier revisions with what changed, and export this story's report.
import {
  CounterClockwiseClockIcon,
  DownloadIcon,
  InfoCircledIcon,
  Pencil1Icon,
  ReloadIcon,
  UpdateIcon
} from '@radix-ui/react-icons'
import { Button, Flex } from '@radix-ui/themes'
import { useState } from 'react'
import { AnnotationImportButton, AnnotationImportDialog } from '../transfer/AnnotationImportDialog'
import type { StoryDetail, SuggestedCorrection } from '../../../shared/contract'
import { publishedUrl } from '../../../shared/rules/published'
import { call } from '../api'
import { useLibraryContext } from '../app/library-context'
import { useToasts } from '../app/toasts'
import { ReviseDialog } from '../transfer/ReviseDialog'
import { RevisionsDialog } from '../transfer/RevisionsDialog'
import { useTransfer } from '../transfer/TransferProvider'
import { CorrectionDialog } from './CorrectionDialog'
import { StoryDetailsDialog } from './StoryDetailsDialog'

export function StoryToolbarExtras({ detail }: { detail: StoryDetail }): React.JSX.Element {
  const transfer = useTransfer()
  const [revising, setRevising] = useState(false)
  const [browsing, setBrowsing] = useState(false)
  const [editing, setEditing] = useState(false)
  const [correcting, setCorrecting] = useState(false)
  const [annotating, setAnnotating] = useState(false)
  const [suggestion, setSuggestion] = useState<SuggestedCorrection | null>(null)
  const [checking, setChecking] = useState(false)
  const lib = useLibraryContext()
  const toasts = useToasts()
  const corrections = detail.story.corrections.length
  const address = publishedUrl(detail.story)

  async function checkPublished(): Promise<void> {
    setChecking(true)
    const check = await lib.run(() => call('stories.checkPublished', { id: detail.story.id }))
    setChecking(false)
    if (!check) return
    if (!check.changed) {
      toasts.show({ tone: 'info', message: `The published page is unchanged (${check.url}).` })
      return
    }
    setSuggestion(check.suggestion)
    setCorrecting(true)
  }
  return (
    <Flex gap="2" align="center" wrap="wrap">
      <Button size="1" variant="soft" color="gray" onClick={() => setEditing(true)}>
        <InfoCircledIcon /> Details…
      </Button>
      <Button size="1" variant="soft" color="gray" onClick={() => setRevising(true)}>
        <UpdateIcon /> Revise…
      </Button>
      <Button size="1" variant="soft" color="gray" onClick={() => setBrowsing(true)}>
        <CounterClockwiseClockIcon /> Revision {detail.story.revision}
      </Button>
      {detail.story.signOff && (
        <Button size="1" variant="soft" color="gray" onClick={() => setCorrecting(true)}>
          <Pencil1Icon /> Log a correction…{corrections > 0 ? ` (${corrections})` : ''}
        </Button>
      )}
      {detail.story.signOff && address && (
        <Button size="1" variant="soft" color="gray" loading={checking} onClick={() => void checkPublished()}>
          <ReloadIcon /> Check published page
        </Button>
      )}
      <Button
        size="1"
        variant="soft"
        onClick={() => transfer.openExport({ storyIds: [detail.story.id], scope: 'story' })}
      >
        <DownloadIcon /> Export…
      </Button>
      <AnnotationImportButton onClick={() => setAnnotating(true)} />
      <ReviseDialog open={revising} onOpenChange={setRevising} detail={detail} />
      <RevisionsDialog open={browsing} onOpenChange={setBrowsing} detail={detail} />
      <AnnotationImportDialog open={annotating} onOpenChange={setAnnotating} detail={detail} />
      <StoryDetailsDialog open={editing} onOpenChange={setEditing} detail={detail} />
      {correcting && (
        <CorrectionDialog
          open={correcting}
          onOpenChange={(open) => {
            setCorrecting(open)
            if (!open) setSuggestion(null)
          }}
          detail={detail}
          suggestion={suggestion}
        />
      )}
    </Flex>
  )
}
