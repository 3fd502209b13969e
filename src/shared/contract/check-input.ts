// The one check of a call's input against the contract, run twice with the same rule: by the preload,
// so a malformed call from the page is refused before it crosses IPC, and by main's dispatch, which
// trusts nothing the page sends (a compromised page can skip the preload's check, never main's).
import type { z } from 'zod'
import { err, ok, type AppErrorShape, type Result } from '../result'
import { MAX_INPUT_DEPTH, MAX_INPUT_VALUES, inputShapeProblem } from './channel'
import { contract, isChannel, type Channel, type Contract } from './index'

const shapeWords = {
  undefined: 'a field was sent without a value (leave it out instead).',
  too_deep: `the input is nested more than ${MAX_INPUT_DEPTH} levels deep.`,
  too_large: `the input holds more than ${MAX_INPUT_VALUES.toLocaleString('en')} values.`
} as const

export function toIssues(issues: readonly z.core.$ZodIssue[]): NonNullable<AppErrorShape['issues']> {
  return issues
    .slice(0, 20)
    .map((issue) => ({ path: issue.path.map(String).join('.') || '(input)', message: issue.message.slice(0, 300) }))
}

export function describeIssues(channel: string, issues: readonly z.core.$ZodIssue[]): string {
  const first = toIssues(issues)[0]
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''
  return first
    ? `Invalid input for "${channel}": ${first.path}: ${first.message}${more}`
    : `Invalid input for "${channel}"`
}

/**
 * `raw` checked against the channel's input schema: its shape first (without recursion, so a hostile
 * depth is a coded refusal, never a stack overflow), then zod. The parsed value, or `invalid_input`
 * saying where and why.
 */
export function checkInput<C extends Channel>(channel: C, raw: unknown): Result<z.output<Contract[C]['input']>> {
  const shape = inputShapeProblem(raw)
  if (shape)
    return err('invalid_input', `Invalid input for "${channel}": ${shape.path}: ${shapeWords[shape.problem]}`, [
      { path: shape.path, message: shapeWords[shape.problem] }
    ])
  const parsed = contract[channel].input.safeParse(raw)
  return parsed.success
    ? ok(parsed.data as z.output<Contract[C]['input']>)
    : err('invalid_input', describeIssues(channel, parsed.error.issues), toIssues(parsed.error.issues))
}

/** The bridge's check of a call by name: a name outside the contract is refused as main would refuse it. */
export function checkCall(channel: string, raw: unknown): Result<unknown> {
  return isChannel(channel)
    ? checkInput(channel, raw)
    : err('unknown_channel', `The app has no "${channel.slice(0, 80)}" call.`)
}
