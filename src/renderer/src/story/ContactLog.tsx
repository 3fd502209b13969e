// The claim's contact log: every attempt to reach a source (who, whom, how, when, outcome, notes)
// and the follow-up owed. Contact details are personal data: only internal reports print them.
import { Button, Flex, Grid, Heading, Text, TextArea, TextField } from '@radix-ui/themes'
import { useState } from 'react'
import type { StoryDetail } from '../../../shared/contract'
import { contactMethods, contactOutcomes } from '../../../shared/model/values'
import type { Claim, ContactFields } from '../../../shared/model'
import { contactMethodLabels, contactOutcomeLabels } from '../../../shared/rules/contacts'
import { call } from '../api'
import { useLibraryContext } from '../app/library-context'
import { PersonSelect } from '../app/PersonItems'
import { EnumSelect } from '../app/EnumSelect'

/** The source picker's value for a contact tied to no source (never a source id). */
const noSource = 'none'

/** datetime-local speaks the editor's wall clock; the log keeps an instant. */
const toLocalInput = (date: Date): string =>
  new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16)

const blank = (): ContactFields => ({
  contact: '',
  sourceId: null,
  method: 'phone',
  outcome: 'no_answer',
  at: new Date().toISOString(),
  notes: '',
  followUp: ''
})

export function ContactLog({
  storyId,
  claim,
  detail
}: {
  storyId: string
  claim: Claim
  detail: StoryDetail
}): React.JSX.Element {
  const lib = useLibraryContext()
  const [draft, setDraft] = useState<ContactFields>(blank)
  const [when, setWhen] = useState(() => toLocalInput(new Date()))
  const [by, setBy] = useState<string | null>(null)
  const attempts = [...claim.contacts].sort((a, b) => Date.parse(b.at) - Date.parse(a.at))
  const sourceTitle = (id: string | null) => (id ? (detail.sources.find((s) => s.id === id)?.title ?? '') : '')

  const add = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault()
    const at = new Date(when)
    const fields = {
      ...draft,
      contact: draft.contact.trim(),
      at: Number.isNaN(at.getTime()) ? new Date().toISOString() : at.toISOString()
    }
    const saved = await lib.run(() =>
      call('contacts.add', { storyId, claimId: claim.id, fields, ...(by ? { by } : {}) })
    )
    if (saved) {
      setDraft(blank())
      setWhen(toLocalInput(new Date()))
    }
  }

  return (
    <section className="panel-section" aria-label="Contact log">
      <Heading as="h3" size="2">
        Contact log
      </Heading>
      <ol className="contacts">
        {attempts.map((c) => (
          <li key={c.id} data-testid="contact-attempt">
            <Text size="1">
              <strong>{lib.personName(c.by)}</strong> → {c.contact}
              {c.sourceId && ` (${sourceTitle(c.sourceId)})`} · {contactMethodLabels[c.method]} ·{' '}
              <strong>{contactOutcomeLabels[c.outcome]}</strong>
            </Text>
            <Text size="1" color="gray">
              {' '}
              · <time dateTime={c.at}>{new Date(c.at).toLocaleString()}</time>
              {c.followUp && ` · follow up ${c.followUp}`}
            </Text>
            {c.notes && (
              <Text as="p" size="1">
                {c.notes}
              </Text>
            )}
          </li>
        ))}
      </ol>
      {attempts.length === 0 && (
        <Text size="1" color="gray">
          No contact attempts yet.
        </Text>
      )}
      <form onSubmit={(e) => void add(e)} aria-label="Log a contact attempt">
        <Flex direction="column" gap="2">
          <Grid columns="2" gap="2">
            <TextField.Root
              size="1"
              aria-label="Whom"
              placeholder="Whom (name, office)"
              value={draft.contact}
              onChange={(e) => setDraft({ ...draft, contact: e.target.value })}
            />
            <PersonSelect
              size="1"
              label="Who made contact"
              placeholder="Who"
              value={by ?? lib.currentEditor?.id ?? ''}
              onChange={setBy}
            />
            <EnumSelect
              size="1"
              label="How"
              value={draft.method}
              options={contactMethods}
              optionLabel={(m) => contactMethodLabels[m]}
              onChange={(method) => setDraft({ ...draft, method })}
            />
            <EnumSelect
              size="1"
              label="Outcome"
              value={draft.outcome}
              options={contactOutcomes}
              optionLabel={(o) => contactOutcomeLabels[o]}
              onChange={(outcome) => setDraft({ ...draft, outcome })}
            />
            <label className="field">
              <Text size="1" color="gray">
                When
              </Text>
              <TextField.Root
                size="1"
                type="datetime-local"
                aria-label="When"
                value={when}
                onChange={(e) => setWhen(e.target.value)}
              />
            </label>
            <label className="field">
              <Text size="1" color="gray">
                Follow up on
              </Text>
              <TextField.Root
                size="1"
                type="date"
                aria-label="Follow up on"
                value={draft.followUp}
                onChange={(e) => setDraft({ ...draft, followUp: e.target.value })}
              />
            </label>
          </Grid>
          {detail.sources.length > 0 && (
            <EnumSelect
              size="1"
              label="For source"
              value={draft.sourceId ?? noSource}
              options={[noSource, ...detail.sources.map((s) => s.id)]}
              optionLabel={(v) =>
                v === noSource ? 'Not tied to a source' : detail.sources.find((s) => s.id === v)?.title
              }
              onChange={(v) => setDraft({ ...draft, sourceId: v === noSource ? null : v })}
            />
          )}
          <TextArea
            size="1"
            rows={2}
            aria-label="Contact notes"
            placeholder="Notes (what was said, numbers to call back)"
            value={draft.notes}
            onChange={(e) => setDraft({ ...draft, notes: e.target.value })}
          />
          <Flex justify="end">
            <Button size="1" type="submit" disabled={!draft.contact.trim()}>
              Log attempt
            </Button>
          </Flex>
        </Flex>
      </form>
    </section>
  )
}
