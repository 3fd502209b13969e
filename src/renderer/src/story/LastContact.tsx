// One line under a "Waiting on source" claim: the latest attempt to reach the source and the follow-up owed.
import type { Claim } from '../../../shared/model'
import {
  contactMethodLabels,
  contactOutcomeLabels,
  followUpState,
  lastAttempt,
  localDay
} from '../../../shared/rules/contacts'

export function LastContact({ claim }: { claim: Claim }): React.JSX.Element {
  const last = lastAttempt(claim)
  if (!last) return <span className="claim-contact">No contact attempt logged yet</span>
  const state = last.followUp ? followUpState(last.followUp, localDay(new Date())) : null
  return (
    <span className="claim-contact" data-follow-up={state ?? undefined}>
      Last: {contactMethodLabels[last.method].toLowerCase()} to {last.contact},{' '}
      {contactOutcomeLabels[last.outcome].toLowerCase()}
      {last.followUp &&
        ` · follow up ${last.followUp}${state === 'overdue' ? ' (overdue)' : state === 'today' ? ' (today)' : ''}`}
    </span>
  )
}
