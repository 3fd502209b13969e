// Words, colours and icons for statuses, verdicts and the other enumerations. Colour is never the
// only signal: every badge carries its label and an icon.
import { CheckCircledIcon, CircleIcon, ClockIcon, Half2Icon } from '@radix-ui/react-icons'
import { Badge } from '@radix-ui/themes'
import type { ClaimStatus, DeskState, Stance, Verdict } from '../../../shared/model'

export {
  claimTypeLabels as typeLabels,
  deskStateLabels,
  priorityLabels,
  reliabilityLabels,
  sourceKindLabels,
  stanceLabels
} from '../../../shared/labels'

export type RadixColor =
  'gray' | 'blue' | 'amber' | 'green' | 'teal' | 'yellow' | 'orange' | 'red' | 'indigo' | 'violet' | 'crimson'

export const statusColor: Record<ClaimStatus, RadixColor> = {
  open: 'gray',
  in_progress: 'blue',
  waiting: 'amber',
  done: 'green'
}

export function StatusIcon({ status }: { status: ClaimStatus }): React.JSX.Element {
  const Icon = { open: CircleIcon, in_progress: Half2Icon, waiting: ClockIcon, done: CheckCircledIcon }[status]
  return <Icon aria-hidden />
}

export const verdictColor: Record<Verdict, RadixColor> = {
  accurate: 'green',
  mostly_accurate: 'teal',
  needs_context: 'yellow',
  misleading: 'orange',
  false: 'red',
  unverifiable: 'gray'
}

export const deskStateColor: Record<DeskState, RadixColor> = { draft: 'gray', in_check: 'blue', cleared: 'green' }

export const stanceColor: Record<Stance, RadixColor> = { supports: 'green', contradicts: 'red', context: 'gray' }

export function StatusBadge({
  status,
  label,
  size = '1'
}: {
  status: ClaimStatus
  label: string
  size?: '1' | '2'
}): React.JSX.Element {
  return (
    <Badge
      color={statusColor[status]}
      size={size}
      variant="soft"
      highContrast
      data-status={status}
      className="status-badge"
    >
      <StatusIcon status={status} />
      {label}
    </Badge>
  )
}

export function VerdictBadge({
  verdict,
  label,
  size = '1'
}: {
  verdict: Verdict
  label: string
  size?: '1' | '2'
}): React.JSX.Element {
  return (
    <Badge color={verdictColor[verdict]} size={size} variant="surface" highContrast data-verdict={verdict}>
      {label}
    </Badge>
  )
}

/** Only web links leave the app; anything else is shown as text. */
export const isWebUrl = (value: string): boolean => {
  try {
    const url = new URL(value)
    return url.protocol === 'http:' || url.protocol === 'https:'
  } catch {
    return false
  }
}

const minute = 60_000
/** "just now", "5 min ago", "3 h ago", then a date. */
export function relativeTime(iso: string, now = Date.now()): string {
  const ms = now - Date.parse(iso)
  if (ms < minute) return 'just now'
  if (ms < 60 * minute) return `${Math.floor(ms / minute)} min ago`
  if (ms < 24 * 60 * minute) return `${Math.floor(ms / (60 * minute))} h ago`
  return new Date(iso).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' })
}
