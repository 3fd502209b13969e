// Attaching evidence: pick a source already in the library (search as you type) or enter a new
// one, then the excerpt relied on, its stance and where in the source it is.
import { CheckIcon, MagnifyingGlassIcon } from '@radix-ui/react-icons'
import { Button, Card, Flex, Grid, SegmentedControl, Tabs, Text, TextArea, TextField } from '@radix-ui/themes'
import { useEffect, useRef, useState } from 'react'
import { sourceKinds, stances } from '../../../shared/model/values'
import type { Source, SourceKind, Stance } from '../../../shared/model'
import { call } from '../api'
import { useLibraryContext } from '../app/library-context'
import { useGuard } from '../app/form-parts'
import { isWebUrl, sourceKindLabels, stanceLabels } from '../app/labels'
import { useStoryEdit } from '../app/use-store'
import { EnumSelect, onOneOf } from '../app/EnumSelect'

const sourceModes = ['new', 'library'] as const
type SourceMode = (typeof sourceModes)[number]

const newSource = { title: '', url: '', publisher: '', archiveUrl: '', kind: 'other' as SourceKind }

export function AttachEvidence({
  storyId,
  claimId,
  onDone
}: {
  storyId: string
  claimId: string
  onDone(): void
}): React.JSX.Element {
  const lib = useLibraryContext()
  const edit = useStoryEdit()
  const [mode, setMode] = useState<SourceMode>('new')
  const [fresh, setFresh] = useState(newSource)
  const [picked, setPicked] = useState<Source | null>(null)
  const [excerpt, setExcerpt] = useState('')
  const [stance, setStance] = useState<Stance>('supports')
  const [locator, setLocator] = useState('')
  const guard = useGuard()
  const busy = guard.busy

  const badUrl = (value: string): boolean => value.trim() !== '' && !isWebUrl(value.trim())
  const ready =
    !busy &&
    (mode === 'library'
      ? picked !== null
      : fresh.title.trim() !== '' && !badUrl(fresh.url) && !badUrl(fresh.archiveUrl))

  const attach = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault()
    if (!ready) return
    const added = await guard.once(async () => {
      const source =
        mode === 'library'
          ? picked
          : await lib.run(() =>
              call('sources.create', {
                fields: {
                  title: fresh.title.trim(),
                  url: fresh.url.trim(),
                  publisher: fresh.publisher.trim(),
                  archiveUrl: fresh.archiveUrl.trim(),
                  kind: fresh.kind
                }
              })
            )
      return source
        ? await edit({
            send: () =>
              call('evidence.add', { storyId, claimId, sourceId: source.id, fields: { excerpt, stance, locator } }),
            apply: (d, evidence) => ({
              ...d,
              evidence: [...d.evidence.filter((e) => e.id !== evidence.id), evidence],
              sources: [...d.sources.filter((s) => s.id !== source.id), source]
            })
          })
        : undefined
    })
    if (!added) return
    onDone()
  }

  const set = (key: 'title' | 'url' | 'publisher' | 'archiveUrl') => (e: React.ChangeEvent<HTMLInputElement>) =>
    setFresh({ ...fresh, [key]: e.target.value })

  return (
    <Card size="1" className="attach-evidence">
      <form onSubmit={(e) => void attach(e)} aria-label="Attach evidence">
        <Flex direction="column" gap="3">
          <Tabs.Root value={mode} onValueChange={onOneOf(sourceModes, setMode)}>
            <Tabs.List size="1">
              <Tabs.Trigger value="new">New source</Tabs.Trigger>
              <Tabs.Trigger value="library">From the library</Tabs.Trigger>
            </Tabs.List>
            <Tabs.Content value="new">
              <Flex direction="column" gap="2" pt="2">
                <label className="field">
                  <Text size="1" weight="medium" color="gray">
                    Source title
                  </Text>
                  <TextField.Root
                    autoFocus
                    name="source-title"
                    value={fresh.title}
                    onChange={set('title')}
                    placeholder="e.g. State Department press briefing, 12 March"
                  />
                </label>
                <Grid columns="2" gap="2">
                  <label className="field">
                    <Text size="1" weight="medium" color="gray">
                      Web address
                    </Text>
                    <TextField.Root
                      name="source-url"
                      value={fresh.url}
                      onChange={set('url')}
                      placeholder="https://"
                      aria-invalid={badUrl(fresh.url)}
                    />
                  </label>
                  <label className="field">
                    <Text size="1" weight="medium" color="gray">
                      Archived copy
                    </Text>
                    <TextField.Root
                      name="source-archive"
                      value={fresh.archiveUrl}
                      onChange={set('archiveUrl')}
                      placeholder="https://web.archive.org/…"
                      aria-invalid={badUrl(fresh.archiveUrl)}
                    />
                  </label>
                  <label className="field">
                    <Text size="1" weight="medium" color="gray">
                      Publisher
                    </Text>
                    <TextField.Root name="source-publisher" value={fresh.publisher} onChange={set('publisher')} />
                  </label>
                  <label className="field">
                    <Text size="1" weight="medium" color="gray">
                      Kind
                    </Text>
                    <EnumSelect
                      label="Kind of source"
                      value={fresh.kind}
                      options={sourceKinds}
                      optionLabel={(k) => sourceKindLabels[k]}
                      onChange={(kind) => setFresh({ ...fresh, kind })}
                    />
                  </label>
                </Grid>
                {(badUrl(fresh.url) || badUrl(fresh.archiveUrl)) && (
                  <Text size="1" color="red">
                    Web addresses must start with http:// or https://.
                  </Text>
                )}
              </Flex>
            </Tabs.Content>
            <Tabs.Content value="library">
              <SourceSearch picked={picked} onPick={setPicked} />
            </Tabs.Content>
          </Tabs.Root>
          <label className="field">
            <Text size="1" weight="medium" color="gray">
              Excerpt relied on
            </Text>
            <TextArea
              name="excerpt"
              rows={3}
              value={excerpt}
              onChange={(e) => setExcerpt(e.target.value)}
              placeholder="The passage, figure or quote that settles the claim"
            />
          </label>
          <div className="stance-row">
            <div className="field">
              <Text size="1" weight="medium" color="gray" aria-hidden>
                Stance
              </Text>
              <SegmentedControl.Root
                size="1"
                value={stance}
                onValueChange={onOneOf(stances, setStance)}
                aria-label="Stance"
              >
                {stances.map((s) => (
                  <SegmentedControl.Item key={s} value={s}>
                    {stanceLabels[s]}
                  </SegmentedControl.Item>
                ))}
              </SegmentedControl.Root>
            </div>
            <label className="field">
              <Text size="1" weight="medium" color="gray">
                Page or timestamp
              </Text>
              <TextField.Root
                name="locator"
                value={locator}
                onChange={(e) => setLocator(e.target.value)}
                placeholder="p. 4, 12:30"
              />
            </label>
          </div>
          <Flex justify="end" gap="2">
            <Button type="button" variant="soft" color="gray" size="1" onClick={onDone}>
              Cancel
            </Button>
            <Button type="submit" size="1" disabled={!ready} loading={busy}>
              Attach
            </Button>
          </Flex>
        </Flex>
      </form>
    </Card>
  )
}

/** Search-as-you-type over the library's sources (sources.list ranks title matches first). */
function SourceSearch({ picked, onPick }: { picked: Source | null; onPick(source: Source): void }): React.JSX.Element {
  const [query, setQuery] = useState('')
  const [results, setResults] = useState<Source[]>([])
  const seq = useRef(0)
  useEffect(() => {
    // Every keystroke asks at once (no debounce: main answers in well under a frame); a late answer to
    // an earlier keystroke is dropped.
    const mine = ++seq.current
    call('sources.list', { query })
      .then((found) => {
        if (mine === seq.current) setResults(found)
      })
      .catch(() => undefined)
  }, [query])
  return (
    <Flex direction="column" gap="2" pt="2">
      <TextField.Root
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        placeholder="Search sources by title, publisher, address"
        aria-label="Search sources"
      >
        <TextField.Slot>
          <MagnifyingGlassIcon />
        </TextField.Slot>
      </TextField.Root>
      <ul className="source-results" role="listbox" aria-label="Sources">
        {results.map((s) => (
          <li key={s.id} role="option" aria-selected={picked?.id === s.id}>
            <button type="button" className="source-result" onClick={() => onPick(s)}>
              {picked?.id === s.id && <CheckIcon aria-hidden />}
              <span>
                <Text size="2" weight="medium">
                  {s.title}
                </Text>
                <Text size="1" color="gray" as="div">
                  {[s.publisher, sourceKindLabels[s.kind], s.url].filter(Boolean).join(' · ')}
                </Text>
              </span>
            </button>
          </li>
        ))}
        {results.length === 0 && (
          <Text size="1" color="gray">
            {query ? 'No source matches.' : 'The library has no sources yet.'}
          </Text>
        )}
      </ul>
    </Flex>
  )
}
