// Contact attempts: which follow-up is still owed on a claim, and when it falls due.
import type { Claim, ContactAttempt, ContactMethod, ContactOutcome, FollowUp } from '../model'
import { isDone } from './scales'

/** Today as yyyy-mm-dd in the editor's own time zone: a follow-up is owed on their calendar day. */
export function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

export const lastAttempt = (claim: Pick<Claim, 'contacts'>): ContactAttempt | undefined =>
  claim.contacts.reduce<ContactAttempt | undefined>(
    (last, c) => (!last || Date.parse(c.at) >= Date.parse(last.at) ? c : last),
    undefined
  )

/** The follow-up a claim still owes: its latest attempt's date, unless the claim is Done. */
export function followUpOf(claim: Pick<Claim, 'id' | 'number' | 'status' | 'contacts'>): FollowUp | null {
  const last = lastAttempt(claim)
  if (!last || !last.followUp || isDone(claim)) return null
  return { claimId: claim.id, claimNumber: claim.number, due: last.followUp, contact: last.contact, by: last.by }
}

export type FollowUpState = 'overdue' | 'today' | 'later'

export function followUpState(due: string, today: string): FollowUpState {
  return due < today ? 'overdue' : due === today ? 'today' : 'later'
}

export const contactMethodLabels: Record<ContactMethod, string> = {
  phone: 'Phone',
  email: 'Email',
  message: 'Message',
  in_person: 'In person'
}

export const contactOutcomeLabels: Record<ContactOutcome, string> = {
  no_answer: 'No answer',
  left_message: 'Left message',
  declined: 'Declined to comment',
  confirmed: 'Confirmed',
  disputed: 'Disputed',
  corrected: 'Corrected'
}
