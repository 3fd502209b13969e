// A story's progress: one bar split by workflow stage (each part labelled for screen readers) and "n of m done";
// plain elements with Radix Themes' classes (theme-classes.ts), since every library row shows one.
import { workflowStages } from '../../../shared/model/values'
import type { StatusCounts } from '../../../shared/model'
import { progressOf } from '../annotate/claim-filters'
import { useLibraryContext } from './library-context'
import { statusColor } from './labels'
import { flexClass, textProps } from './theme-classes'

export function ProgressBar({
  counts,
  showText = true,
  width
}: {
  counts: StatusCounts
  showText?: boolean
  width?: string
}): React.JSX.Element {
  const lib = useLibraryContext()
  const { done, total } = progressOf(counts)
  const summary = workflowStages.map((s) => `${counts[s]} ${lib.stageLabel(s).toLowerCase()}`).join(', ')
  return (
    <div className={flexClass({ align: 'center', gap: '2', className: 'progress' })}>
      <div
        className="progress-bar"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        aria-valuetext={total ? `${done} of ${total} claims done (${summary})` : 'No claims yet'}
        style={{ width }}
        title={summary}
      >
        {total > 0 &&
          [...workflowStages]
            .reverse()
            .map((s) =>
              counts[s] > 0 ? (
                <span
                  key={s}
                  data-status={s}
                  style={{ flexGrow: counts[s], background: `var(--${statusColor[s]}-${s === 'open' ? '6' : '9'})` }}
                />
              ) : null
            )}
      </div>
      {showText && (
        <span {...textProps('1', 'gray', 'progress-text')} data-testid="progress-text">
          {total ? `${done} of ${total} done` : 'No claims'}
        </span>
      )}
    </div>
  )
}
