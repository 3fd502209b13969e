// After publication, on a schedule: how often this computer checks the published pages of signed-off
// stories while the app runs (main's one timer, services/published-watch.ts), and what the last check
// found. The choice is this computer's, not the library's, so it is saved on its own.
import { Button, Flex, Heading, Text, TextField } from '@radix-ui/themes'
import { useEffect, useState } from 'react'
import type { WatchState } from '../../../shared/contract'
import { call, onEvent } from '../api'
import { ErrorCallout } from '../app/ErrorCallout'
import { useAction } from '../app/form-parts'

const when = (iso: string): string => new Date(iso).toLocaleString()

export function PublishedWatchSettings(): React.JSX.Element {
  const [state, setState] = useState<WatchState | null>(null)
  const [hours, setHours] = useState('')
  const action = useAction()

  useEffect(() => {
    let live = true
    const load = (): void =>
      void call('published.watch', {})
        .then((s) => live && setState(s))
        .catch(() => undefined)
    call('published.watch', {})
      .then((s) => {
        if (!live) return
        setState(s)
        setHours(s.hours === null ? '' : String(s.hours))
      })
      .catch(() => undefined)
    const off = onEvent('published.checked', load)
    return () => {
      live = false
      off()
    }
  }, [])

  const wanted = hours.trim() === '' ? null : Number(hours)
  const valid = wanted === null || (Number.isInteger(wanted) && wanted >= 1 && wanted <= 168)
  async function save(): Promise<void> {
    const saved = await action.run(() => call('published.setWatch', { hours: wanted }))
    if (saved) setState(saved)
  }

  const run = state?.lastRun ?? null
  const counts = run
    ? (['changed', 'unchanged', 'failed', 'skipped'] as const)
        .map((o) => [o, run.results.filter((r) => r.outcome === o).length] as const)
        .filter(([, n]) => n > 0)
        .map(([o, n]) => `${n} ${o}`)
        .join(', ') || 'no signed-off story with an address'
    : ''
  const problems = run?.results.filter((r) => r.outcome === 'failed' || r.outcome === 'skipped') ?? []

  return (
    <Flex direction="column" gap="2" role="group" aria-labelledby="published-watch-heading">
      <Heading size="3" as="h3" id="published-watch-heading">
        After publication (this computer)
      </Heading>
      <Flex gap="2" align="end">
        <Flex direction="column" gap="1">
          <Text as="label" size="2" htmlFor="published-watch-hours">
            Check published stories every … hours (empty: off)
          </Text>
          <TextField.Root
            id="published-watch-hours"
            type="number"
            min={1}
            max={168}
            value={hours}
            placeholder="Off"
            onChange={(e) => setHours(e.target.value)}
          />
        </Flex>
        <Button type="button" variant="soft" disabled={!valid} loading={action.busy} onClick={() => void save()}>
          Save schedule
        </Button>
      </Flex>
      {!valid && (
        <Text size="1" color="red">
          Whole hours from 1 to 168, or empty for off.
        </Text>
      )}
      <Text size="1" color="gray" data-testid="published-watch-state">
        {state === null
          ? ''
          : state.running
            ? 'Checking the published pages now.'
            : state.nextAt
              ? `While Factdesk runs, each signed-off story with an address is checked; next check ${when(state.nextAt)}.`
              : 'Off: published pages are checked only with “Check published page” on a story.'}
        {run && ` Last check ${when(run.at)}: ${counts}.`}
      </Text>
      {problems.length > 0 && (
        <ul aria-label="Published pages not checked">
          {problems.map((r) => (
            <li key={r.storyId}>
              <Text size="1">
                “{r.title}”: {r.message}
              </Text>
            </li>
          ))}
        </ul>
      )}
      <ErrorCallout error={action.error} />
    </Flex>
  )
}
