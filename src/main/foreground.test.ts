import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { Foreground } from './foreground'

describe('Foreground', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('lets background work go on at once while the window has made no call, and only after a quiet moment once it has', async () => {
    let now = 1_000
    const foreground = new Foreground(500, () => now)
    let settled = false
    await foreground.quiet()

    foreground.heard()
    const turn = foreground.quiet().then(() => (settled = true))
    now += 300
    await vi.advanceTimersByTimeAsync(300)
    expect(settled).toBe(false)
    // Another call meanwhile: the quiet moment starts again from it.
    foreground.heard()
    now += 300
    await vi.advanceTimersByTimeAsync(300)
    expect(settled).toBe(false)
    now += 200
    await vi.advanceTimersByTimeAsync(200)
    await turn
    expect(settled).toBe(true)
  })
})
