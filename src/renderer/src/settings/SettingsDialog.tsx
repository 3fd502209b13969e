// Desk settings: the desk's verdicts and statuses, and how published reports are signed.
import { Button, Checkbox, Dialog, Flex, Grid, Heading, Text, TextArea } from '@radix-ui/themes'
import { useState } from 'react'
import { remappableShortcuts } from '../../../shared/model/values'
import type { RemappableShortcut, Settings, StatusEdit, Transparency, VerdictEdit } from '../../../shared/model'
import { statusAsEdit, verdictAsEdit } from '../../../shared/rules/scales'
import { call } from '../api'
import { useLibraryContext } from '../app/library-context'
import { DialogFooter, LabelledField, useAction } from '../app/form-parts'
import { DialogContent } from '../app/dialog'
import { PublishedWatchSettings } from './PublishedWatchSettings'
import { useDeskSync } from '../sync/desk-sync'
import { stateWords } from '../sync/sync-words'
import { StatusScaleEditor, VerdictScaleEditor } from './ScaleEditor'

export function SettingsDialog({
  open,
  onOpenChange
}: {
  open: boolean
  onOpenChange(open: boolean): void
}): React.JSX.Element {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <DialogContent maxWidth="620px" aria-describedby={undefined}>
        <Dialog.Title>Desk settings</Dialog.Title>
        <SettingsForm onSaved={() => onOpenChange(false)} />
      </DialogContent>
    </Dialog.Root>
  )
}

const shortcutNames: Record<RemappableShortcut, string> = {
  next: 'next claim',
  previous: 'previous claim',
  mark: 'mark',
  search: 'search',
  help: 'shortcuts sheet'
}

function SettingsForm({ onSaved }: { onSaved(): void }): React.JSX.Element {
  const lib = useLibraryContext()
  const [draft, setDraft] = useState<
    Omit<Settings, 'verdicts' | 'statuses'> & { verdicts: VerdictEdit[]; statuses: StatusEdit[] }
  >(() => ({
    ...lib.library.settings,
    verdicts: lib.library.settings.verdicts.map(verdictAsEdit),
    statuses: lib.library.settings.statuses.map(statusAsEdit)
  }))
  const action = useAction()

  async function save(): Promise<void> {
    // The saved settings reach every screen with the library.changed that follows the write.
    if (await action.run(() => call('settings.update', { patch: draft }))) onSaved()
  }

  const field = (id: string, label: string, value: string, onChange: (v: string) => void, placeholder = '') => (
    <LabelledField key={id} id={id} label={label} value={value} onChange={onChange} placeholder={placeholder} />
  )

  const setTransparency = (patch: Partial<Transparency>) =>
    setDraft({ ...draft, transparency: { ...draft.transparency, ...patch } })
  const longField = (id: keyof Transparency, label: string, placeholder: string) => (
    <Flex direction="column" gap="1">
      <Text as="label" size="2" htmlFor={`transparency-${id}`}>
        {label}
      </Text>
      <TextArea
        id={`transparency-${id}`}
        value={draft.transparency[id]}
        placeholder={placeholder}
        rows={3}
        onChange={(e) => setTransparency({ [id]: e.target.value })}
      />
    </Flex>
  )

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault()
        void save()
      }}
    >
      <Flex direction="column" gap="4">
        <SharedDesk />
        <Heading size="3" as="h3">
          Publishing
        </Heading>
        <Grid columns="2" gap="3">
          {field(
            'org-name',
            'Organisation name',
            draft.organisationName,
            (v) => setDraft({ ...draft, organisationName: v }),
            'The Evening Ledger'
          )}
          {field(
            'org-url',
            'Organisation website',
            draft.organisationUrl,
            (v) => setDraft({ ...draft, organisationUrl: v }),
            'https://…'
          )}
        </Grid>
        {field(
          'factcheck-url',
          'Fact-check page address (used in ClaimReview when a claim has none)',
          draft.factCheckBaseUrl,
          (v) => setDraft({ ...draft, factCheckBaseUrl: v }),
          'https://…/fact-checks/'
        )}
        <Text size="1" color="gray">
          A claim without its own fact-check URL is published at this page with an anchor of its own (…#story-c7): use
          it when the desk publishes one page per checked story.
        </Text>
        {field(
          'org-logo',
          'Organisation logo (image URL, for ClaimReview)',
          draft.organisationLogoUrl,
          (v) => setDraft({ ...draft, organisationLogoUrl: v }),
          'https://…/logo.png'
        )}
        <Heading size="3" as="h3">
          Transparency (printed in HTML and PDF reports)
        </Heading>
        {longField('methodology', 'How we check', 'We check claims against primary documents…')}
        <Grid columns="2" gap="3">
          {field(
            'transparency-corrections',
            'Corrections policy (URL)',
            draft.transparency.correctionsPolicyUrl,
            (v) => setTransparency({ correctionsPolicyUrl: v }),
            'https://…/corrections'
          )}
          {field(
            'transparency-contact',
            'How to reach the desk',
            draft.transparency.contact,
            (v) => setTransparency({ contact: v }),
            'factcheck@…'
          )}
        </Grid>
        {longField('funding', 'Who funds us', 'The desk is funded by…')}
        <PublishedWatchSettings />
        <Heading size="3" as="h3">
          Sign-off
        </Heading>
        <Text as="label" size="2">
          <Flex gap="2" align="center">
            <Checkbox
              checked={draft.requireCheckedAgainst}
              onCheckedChange={(v) => setDraft({ ...draft, requireCheckedAgainst: v === true })}
            />
            A claim may only be Done with evidence attached or a note on what it was checked against
          </Flex>
        </Text>
        <Text as="label" size="2">
          <Flex gap="2" align="center">
            <Checkbox
              checked={draft.requireSecondReview}
              onCheckedChange={(v) => setDraft({ ...draft, requireSecondReview: v === true })}
            />
            A claim may only be Done once another editor agreed with its verdict (second review)
          </Flex>
        </Text>
        <VerdictScaleEditor verdicts={draft.verdicts} onChange={(verdicts) => setDraft({ ...draft, verdicts })} />
        <StatusScaleEditor statuses={draft.statuses} onChange={(statuses) => setDraft({ ...draft, statuses })} />
        <Heading size="3" as="h3">
          Keyboard
        </Heading>
        <Text as="label" size="2">
          <Flex gap="2" align="center">
            <Checkbox
              checked={draft.shortcuts.singleKeys}
              onCheckedChange={(v) => setDraft({ ...draft, shortcuts: { ...draft.shortcuts, singleKeys: v === true } })}
            />
            Single-key shortcuts (J, K, M, 1–9 …); with them off, only keys with Ctrl or Cmd and Esc act
          </Flex>
        </Text>
        {draft.shortcuts.singleKeys && (
          <Grid columns="5" gap="3">
            {remappableShortcuts.map((a) =>
              field(`key-${a}`, `Key: ${shortcutNames[a]}`, draft.shortcuts.keys[a], (v) =>
                setDraft({
                  ...draft,
                  shortcuts: { ...draft.shortcuts, keys: { ...draft.shortcuts.keys, [a]: v.slice(-1).toLowerCase() } }
                })
              )
            )}
          </Grid>
        )}
        <DialogFooter error={action.error} closeLabel="Cancel">
          <Button type="submit" loading={action.busy}>
            Save settings
          </Button>
        </DialogFooter>
      </Flex>
    </form>
  )
}

/** Where this library shares its work: the desk it syncs with, and the way to connect or disconnect. */
function SharedDesk(): React.JSX.Element {
  const { status, openConnect } = useDeskSync()
  return (
    <>
      <Heading size="3" as="h3">
        Shared desk
      </Heading>
      <Flex gap="3" align="center" justify="between">
        <Text size="2" color="gray">
          {status.state === 'off'
            ? 'This library is not shared with a desk.'
            : `${stateWords(status)}: desk “${status.deskId}” as ${status.user}.`}
        </Text>
        <Button type="button" variant="soft" onClick={openConnect}>
          {status.state === 'off' ? 'Connect to a desk…' : 'Desk connection…'}
        </Button>
      </Flex>
    </>
  )
}
