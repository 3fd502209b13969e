// Imports annotations onto the story on screen: a W3C Web Annotation file (Factdesk's own export,
// Recogito, an annotation store) or a Hypothesis export. Each annotation is placed where the normal
// anchoring finds its words, as a new claim; the dialog lists what was placed and what was orphaned.
import { Dialog, Flex, Text } from '@radix-ui/themes'
import { useState } from 'react'
import type { AnnotationImportResult, StoryDetail } from '../../../shared/contract'
import { call } from '../api'
import { DialogContent } from '../app/dialog'
import { buttonProps } from '../app/theme-classes'
import { DialogFooter, useAction } from '../app/form-parts'
import { readImportedFile } from './read-file'

interface Props {
  open: boolean
  onOpenChange(open: boolean): void
  detail: StoryDetail
}

const howLabels: Record<AnnotationImportResult['placed'][number]['how'], string> = {
  exact: 'where it was',
  moved: 'moved',
  fuzzy: 'on edited words'
}

export function AnnotationImportDialog(props: Props): React.JSX.Element {
  return (
    <Dialog.Root open={props.open} onOpenChange={props.onOpenChange}>
      <DialogContent maxWidth="620px" aria-describedby={undefined}>
        <Dialog.Title>Import annotations</Dialog.Title>
        {props.open && <ImportForm {...props} />}
      </DialogContent>
    </Dialog.Root>
  )
}

function ImportForm({ detail }: Props): React.JSX.Element {
  const action = useAction()
  const [result, setResult] = useState<AnnotationImportResult | null>(null)

  async function importFile(file: File): Promise<void> {
    setResult(null)
    const done = await action.run(async () =>
      call('stories.importAnnotations', { storyId: detail.story.id, file: await readImportedFile(file) })
    )
    if (done) setResult(done)
  }

  return (
    <Flex direction="column" gap="3">
      <Text size="2" color="gray">
        A W3C Web Annotation file (JSON-LD, such as Factdesk’s own export) or a Hypothesis export. Each annotation
        becomes a claim where its words are found in this story; its assessment sets the verdict when it names one of
        the desk’s verdicts, and its tags and notes come with it. Annotations whose words are not here are listed, and
        nothing is made of them.
      </Text>
      <Text as="label" size="2">
        <Flex direction="column" gap="1">
          Annotation file
          <input
            type="file"
            accept=".json,.jsonld,application/json,application/ld+json"
            aria-label="Annotation file"
            disabled={action.busy}
            onChange={(e) => {
              const file = e.currentTarget.files?.[0]
              e.currentTarget.value = ''
              if (file) void importFile(file)
            }}
          />
        </Flex>
      </Text>
      {result && <ImportSummary result={result} />}
      <DialogFooter error={action.error} closeLabel={result ? 'Done' : 'Cancel'} />
    </Flex>
  )
}

function ImportSummary({ result }: { result: AnnotationImportResult }): React.JSX.Element {
  const { placed, orphaned, skipped, replies } = result
  return (
    <Flex direction="column" gap="2" role="status" aria-label="Annotation import result">
      <Text size="2" weight="bold">
        {placed.length} placed, {orphaned.length} orphaned
        {skipped.length > 0 ? `, ${skipped.length} left alone` : ''}
        {replies > 0 ? `, ${replies} ${replies === 1 ? 'reply' : 'replies'} added as comments` : ''}.
      </Text>
      {placed.length > 0 && (
        <ul aria-label="Placed annotations" className="data-export-claims">
          {placed.map((p) => (
            <li key={p.claimId}>
              <Text size="2">
                <strong>{p.label}</strong> “{p.words}” ({howLabels[p.how]})
              </Text>
            </li>
          ))}
        </ul>
      )}
      {orphaned.length > 0 && (
        <ul aria-label="Orphaned annotations" className="data-export-claims">
          {orphaned.map((o, i) => (
            <li key={i}>
              <Text size="2" color="amber">
                “{o.words || '(no words)'}”: {o.reason}
              </Text>
            </li>
          ))}
        </ul>
      )}
      {skipped.length > 0 && (
        <ul aria-label="Annotations left alone" className="data-export-claims">
          {skipped.map((o, i) => (
            <li key={i}>
              <Text size="2" color="gray">
                “{o.words}”: {o.reason}
              </Text>
            </li>
          ))}
        </ul>
      )}
    </Flex>
  )
}

export function AnnotationImportButton({ onClick }: { onClick(): void }): React.JSX.Element {
  return (
    // A plain button with Radix Themes' classes (theme-classes.ts): the story toolbar draws it at every open.
    <button {...buttonProps({ size: '1', variant: 'soft', color: 'gray' })} onClick={onClick}>
      Import annotations…
    </button>
  )
}
