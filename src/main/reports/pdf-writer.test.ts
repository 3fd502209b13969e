// Holding an export before its PDF worker starts: a Cancel wins, and a hold that then fails is
// followed, not left as an unhandled rejection (which stopped a CI run).
import { describe, expect, it } from 'vitest'
import { untilCancelled } from './pdf-writer'

/** Rejections no handler took during `run`, after the microtask queue and one macrotask settled. */
async function unhandledDuring(run: () => Promise<unknown>): Promise<unknown[]> {
  const seen: unknown[] = []
  const listener = (reason: unknown): void => void seen.push(reason)
  process.on('unhandledRejection', listener)
  try {
    await run().catch(() => undefined)
    await new Promise((resolve) => setImmediate(resolve))
    await new Promise((resolve) => setImmediate(resolve))
  } finally {
    process.off('unhandledRejection', listener)
  }
  return seen
}

describe('untilCancelled', () => {
  it('rejects with cancelled when the signal had aborted already, and follows a hold that fails after', async () => {
    const controller = new AbortController()
    controller.abort()
    let fail!: (error: Error) => void
    const hold = new Promise<void>((_, reject) => (fail = reject))
    const seen = await unhandledDuring(async () => {
      const waiting = untilCancelled(hold, controller.signal)
      await expect(waiting).rejects.toMatchObject({ code: 'cancelled' })
      fail(new Error('the PDF writer ran out of memory'))
    })
    expect(seen).toEqual([])
  })

  it('rejects with cancelled when the signal aborts while held, and with the hold’s own error otherwise', async () => {
    const controller = new AbortController()
    const waiting = untilCancelled(new Promise<void>(() => undefined), controller.signal)
    controller.abort()
    await expect(waiting).rejects.toMatchObject({ code: 'cancelled' })
    await expect(untilCancelled(Promise.reject(new Error('boom')), new AbortController().signal)).rejects.toThrow(
      'boom'
    )
    await expect(untilCancelled(Promise.resolve(), new AbortController().signal)).resolves.toBeUndefined()
  })
})
