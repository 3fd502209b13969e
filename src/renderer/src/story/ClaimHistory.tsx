// The claim's history, newest first, from the story's append-only activity log.
import { Heading, Text } from '@radix-ui/themes'
import type { Activity, Claim, Snapshot } from '../../../shared/model'
import { useLibraryContext } from '../app/library-context'
import { relativeTime } from '../app/labels'

const shown = (value: Snapshot): string =>
  value === null ? '—' : Array.isArray(value) ? value.join(', ') || '—' : String(value) || '—'

export function ClaimHistory({ claim, activity }: { claim: Claim; activity: readonly Activity[] }): React.JSX.Element {
  const lib = useLibraryContext()
  const entries = activity.filter((a) => a.claimId === claim.id).reverse()
  const describe = (a: Activity): string => {
    if (a.action !== 'claim.updated' || !a.field) return a.summary
    const value = (v: Snapshot): string =>
      a.field === 'status' && typeof v === 'string'
        ? lib.statusLabel(v)
        : a.field === 'verdict' && typeof v === 'string'
          ? lib.verdictLabel(v, a.at)
          : a.field === 'assignee'
            ? lib.personName(typeof v === 'string' ? v : null)
            : shown(v)
    const long = ['rationale', 'correction', 'restatement'].includes(a.field)
    return long ? `${a.field} edited` : `${a.field}: ${value(a.from)} → ${value(a.to)}`
  }
  return (
    <section className="panel-section" aria-label="History">
      <Heading as="h3" size="2">
        History
      </Heading>
      <ol className="history">
        {entries.map((a) => (
          <li key={a.id}>
            <Text size="1">
              <strong>{lib.personName(a.by, a.at)}</strong> {describe(a)}
            </Text>
            <Text size="1" color="gray">
              {' '}
              · <time dateTime={a.at}>{relativeTime(a.at)}</time>
            </Text>
          </li>
        ))}
      </ol>
      {entries.length === 0 && (
        <Text size="1" color="gray">
          No changes recorded yet.
        </Text>
      )}
    </section>
  )
}
