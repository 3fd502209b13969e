// The bridge checks each input against the contract before it crosses to main: a malformed call is
// answered in the page with `invalid_input` and never sent; a well-formed one is sent as given.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { channelNames, eventNames } from '../shared/contract'
import { checkCall } from '../shared/contract/check-input'
import { buildBridge } from './bridge'

function bridgeWithLog(): {
  api: Record<string, Record<string, (i?: unknown, id?: string) => Promise<unknown>>>
  sent: unknown[][]
} {
  const sent: unknown[][] = []
  const api = buildBridge(
    channelNames,
    eventNames,
    (channel, input, callId) => {
      sent.push([channel, input, callId])
      return Promise.resolve({ ok: true, value: null })
    },
    () => () => undefined,
    checkCall
  ) as never
  return { api, sent }
}

describe('the preload bridge', () => {
  it('refuses a malformed input with invalid_input, naming the field, and sends nothing', async () => {
    const { api, sent } = bridgeWithLog()
    const answer = (await api.claims!.update!({ storyId: 42, claimId: 'c', patch: {} }, 'call-1')) as {
      ok: boolean
      error: { code: string; message: string }
    }
    expect(answer.ok).toBe(false)
    expect(answer.error.code).toBe('invalid_input')
    expect(answer.error.message).toContain('storyId')
    expect(sent).toEqual([])
  })

  it('refuses a hostile depth before zod walks it', async () => {
    const { api, sent } = bridgeWithLog()
    let deep: unknown = 'x'
    for (let i = 0; i < 10_000; i++) deep = { deep }
    const answer = (await api.stories!.get!(deep)) as { ok: boolean; error: { code: string } }
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    expect(sent).toEqual([])
  })

  it('sends a well-formed input exactly as given, with its call id', async () => {
    const { api, sent } = bridgeWithLog()
    await api.app!.info!(undefined, 'call-2')
    expect(sent).toEqual([['app.info', {}, 'call-2']])
  })

  it('answers like main for any input: sent exactly when the contract accepts it (property)', async () => {
    const names = channelNames.filter((n) => n.startsWith('claims.') || n.startsWith('stories.'))
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...names), fc.anything(), async (name, input) => {
        const { api, sent } = bridgeWithLog()
        const [noun, verb] = name.split('.') as [string, string]
        const answer = (await api[noun]![verb]!(input)) as { ok: boolean }
        const accepted = checkCall(name, input === undefined ? {} : input).ok
        expect(sent.length).toBe(accepted ? 1 : 0)
        if (!accepted) expect(answer.ok).toBe(false)
      }),
      { numRuns: 300 }
    )
  })
})
