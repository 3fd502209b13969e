// A new revision of a story: edit its text here, or bring in a newer version from its file or
// web page. Afterwards the editor sees what happened to every claim.
import { Button, Dialog, Flex, Tabs, Text, TextArea, TextField } from '@radix-ui/themes'
import { useRef, useState } from 'react'
import { claimLabel } from '../../../shared/rules/claims'
import type { ReanchorReport, StoryDetail } from '../../../shared/contract'
import { call } from '../api'
import { DialogFooter, useAction } from '../app/form-parts'
import { readImportedFile, STORY_FILE_TYPES } from './read-file'
import { DialogContent } from '../app/dialog'

interface Props {
  open: boolean
  onOpenChange(open: boolean): void
  detail: StoryDetail
}

export function ReviseDialog(props: Props): React.JSX.Element {
  return (
    <Dialog.Root open={props.open} onOpenChange={props.onOpenChange}>
      <DialogContent maxWidth="860px" aria-describedby={undefined}>
        <Dialog.Title>Revise “{props.detail.story.title}”</Dialog.Title>
        {/* Mounted only while open, so every opening starts from the current text. */}
        <ReviseForm {...props} />
      </DialogContent>
    </Dialog.Root>
  )
}

function ReviseForm({ detail }: Props): React.JSX.Element {
  const { story } = detail
  const [text, setText] = useState(story.text)
  const [note, setNote] = useState('')
  const action = useAction()
  const { busy } = action
  const [report, setReport] = useState<ReanchorReport | null>(null)
  const fileInput = useRef<HTMLInputElement>(null)

  async function revise(work: () => Promise<ReanchorReport>): Promise<void> {
    const result = await action.run(work)
    // The story view reloads on library.changed; this dialog shows what happened to each claim.
    if (result) setReport(result)
  }

  // A page that now redirects into the local network is fetched again only if the editor allows it
  // in main's own dialog; a no comes back as an ordinary error.
  const refetch = () => revise(() => call('stories.reimport', { id: story.id }))

  const saveEdit = () =>
    revise(
      async () =>
        (await call('stories.revise', { id: story.id, text, ...(note.trim() ? { note: note.trim() } : {}) })).report
    )

  return (
    <>
      {report ? (
        <RevisionReport report={report} detail={detail} />
      ) : (
        <Tabs.Root defaultValue="edit">
          <Tabs.List>
            <Tabs.Trigger value="edit">Edit the text</Tabs.Trigger>
            <Tabs.Trigger value="newer">Newer version</Tabs.Trigger>
          </Tabs.List>
          <Tabs.Content value="edit">
            <Flex direction="column" gap="3" pt="3">
              <TextArea
                aria-label="Story text"
                value={text}
                onChange={(e) => setText(e.target.value)}
                rows={18}
                className="revise-text"
              />
              <Flex gap="3" align="end">
                <Flex direction="column" gap="1" flexGrow="1">
                  <Text as="label" size="2" htmlFor="revision-note">
                    What changed (optional)
                  </Text>
                  <TextField.Root
                    id="revision-note"
                    value={note}
                    onChange={(e) => setNote(e.target.value)}
                    placeholder="e.g. Desk edit: new top, figures updated"
                  />
                </Flex>
                <Button
                  loading={busy}
                  disabled={text.trim() === story.text || !text.trim()}
                  onClick={() => void saveEdit()}
                >
                  Save revision
                </Button>
              </Flex>
            </Flex>
          </Tabs.Content>
          <Tabs.Content value="newer">
            <Flex direction="column" gap="3" pt="3">
              <Text size="2" color="gray">
                Claims follow their words into the new version; any claim whose words are gone is listed as orphaned so
                you can re-attach it.
              </Text>
              {story.origin.kind === 'url' && (
                <Flex gap="3" align="center">
                  <Button loading={busy} onClick={() => void refetch()}>
                    Fetch the page again
                  </Button>
                  <Text size="1" color="gray" className="truncate">
                    {story.origin.location}
                  </Text>
                </Flex>
              )}
              <input
                ref={fileInput}
                type="file"
                hidden
                accept={STORY_FILE_TYPES}
                aria-label="Newer version file"
                onChange={(e) => {
                  const file = e.currentTarget.files?.[0]
                  e.currentTarget.value = ''
                  if (file)
                    void revise(async () =>
                      call('stories.reimport', { id: story.id, file: await readImportedFile(file) })
                    )
                }}
              />
              <Flex>
                <Button
                  variant={story.origin.kind === 'url' ? 'soft' : 'solid'}
                  loading={busy}
                  onClick={() => fileInput.current?.click()}
                >
                  Choose the newer file…
                </Button>
              </Flex>
            </Flex>
          </Tabs.Content>
        </Tabs.Root>
      )}
      <DialogFooter error={action.error} closeLabel={report ? 'Done' : 'Cancel'} />
    </>
  )
}

function RevisionReport({ report, detail }: { report: ReanchorReport; detail: StoryDetail }): React.JSX.Element {
  const orphans = detail.claims.filter((c) => report.orphaned.includes(c.id))
  return (
    <Flex direction="column" gap="2" role="status" aria-label="Revision result">
      <Text size="3" weight="bold">
        Revision {report.revision} saved
      </Text>
      <Text size="2">
        {report.exact + report.moved} {report.exact + report.moved === 1 ? 'claim' : 'claims'} kept their words,{' '}
        {report.fuzzy} followed edited words, {report.orphaned.length} orphaned.
      </Text>
      {report.recheck.length > 0 && (
        <Text size="2" color="purple">
          {report.recheck.length} {report.recheck.length === 1 ? 'verdict was' : 'verdicts were'} given on words that
          changed and now {report.recheck.length === 1 ? 'needs' : 'need'} re-check:{' '}
          {detail.claims
            .filter((c) => report.recheck.includes(c.id))
            .map((c) => claimLabel(c.number))
            .join(', ')}
          .
        </Text>
      )}
      {report.followed.length > 0 && (
        <Flex direction="column" gap="1">
          <Text size="2">These claims followed edited words:</Text>
          <ul className="followed-list" aria-label="Claims that followed edited words">
            {report.followed.map((f) => {
              const claim = detail.claims.find((c) => c.id === f.claimId)
              return (
                <li key={f.claimId}>
                  <strong>{claim ? claimLabel(claim.number) : 'A claim'}</strong>: <del>{f.before}</del> →{' '}
                  <ins>{f.after}</ins>
                </li>
              )
            })}
          </ul>
        </Flex>
      )}
      {orphans.length > 0 && (
        <Flex direction="column" gap="1">
          <Text size="2" color="amber">
            These claims lost their words. Open each one, select the new text and choose “Re-attach”:
          </Text>
          <ul className="orphan-list">
            {orphans.map((c) => (
              <li key={c.id}>
                {claimLabel(c.number)}: “{c.anchor.quote.exact}”
              </li>
            ))}
          </ul>
        </Flex>
      )}
    </Flex>
  )
}
