// Words, colours and icons for statuses, verdicts and the other enumerations. Colour is never the
// only signal: every badge carries its label and an icon.
import { CheckCircledIcon, CircleIcon, ClockIcon, Half2Icon } from '@radix-ui/react-icons'
import { Badge } from '@radix-ui/themes'
import '../story/verdict.css'
import type { ClaimStatus, DeskState, Stance, WorkflowStage } from '../../../shared/model'
import { textOn } from '../../../shared/rules/contrast'
import { stageOf, verdictEntry } from '../../../shared/rules/scales'
import { useLibraryContext } from './library-context'
import { badgeProps } from './theme-classes'

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

/** The workflow stages' colours (progress bars, the library's counts); a claim's status shows its own. */
export const statusColor: Record<WorkflowStage, RadixColor> = {
  open: 'gray',
  in_progress: 'blue',
  waiting: 'amber',
  done: 'green'
}

/** A status's icon is its workflow stage's, so a status the desk added reads as the stage it is in. */
export function StatusIcon({ status }: { status: ClaimStatus }): React.JSX.Element {
  const Icon = { open: CircleIcon, in_progress: Half2Icon, waiting: ClockIcon, done: CheckCircledIcon }[stageOf(status)]
  return <Icon aria-hidden />
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
    <span
      {...badgeProps({ color: statusColor[stageOf(status)], size, highContrast: true, className: 'status-badge' })}
      data-status={status}
    >
      <StatusIcon status={status} />
      {label}
    </span>
  )
}

/**
 * A verdict in the desk's colour (settings keep it 3:1 from both themes' backgrounds), its name in black or
 * white, whichever reads on it at 4.5:1 (shared/rules/contrast.ts).
 */
export function VerdictBadge({
  verdict,
  at,
  size = '1'
}: {
  verdict: string
  /** When it was given: it is named as it was then. */
  at?: string | undefined
  size?: '1' | '2'
}): React.JSX.Element {
  const lib = useLibraryContext()
  const label = lib.verdictLabel(verdict, at)
  const { colour } = verdictEntry(lib.library.settings, verdict)
  return (
    <Badge size={size} variant="solid" data-verdict={verdict} style={{ background: colour, color: textOn(colour) }}>
      {label}
    </Badge>
  )
}

/** A status or verdict's colour as a small square beside its name (never the only cue). */
export function Swatch({ colour }: { colour: string }): React.JSX.Element {
  return <span aria-hidden className="scale-swatch" data-colour={colour} style={{ background: colour }} />
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
/** Made once: `toLocaleDateString` with options builds a new formatter per call (a library row's date cost ~0.5 ms). */
let dayFormat: Intl.DateTimeFormat | null = null
/** "just now", "5 min ago", "3 h ago", then a date. */
export function relativeTime(iso: string, now = Date.now()): string {
  const ms = now - Date.parse(iso)
  if (ms < minute) return 'just now'
  if (ms < 60 * minute) return `${Math.floor(ms / minute)} min ago`
  if (ms < 24 * 60 * minute) return `${Math.floor(ms / (60 * minute))} h ago`
  dayFormat ??= new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' })
  return dayFormat.format(new Date(iso))
}
