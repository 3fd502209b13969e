// The desk connection's state machine over random event sequences: the pure reducer with a model of
// the connections and the timer it asks for, and the driver with fake timers and connections that open
// or fail when the test says. Properties: never two connections at once (a try under way counts), the
// retry waits bounded and doubling over failures in a row, `failed` always carries a code, and going off
// cancels a pending retry and ends every connection, also one that opens afterwards.
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { errorCodes } from '../../shared/result'
import {
  DeskConnectionDriver,
  initialConnection,
  reduce,
  retryDelay,
  type Backoff,
  type Coded,
  type ConnectionEvent,
  type ConnectionState
} from './connection'

const backoff: Backoff = { retryMs: 100, maxRetryMs: 1500 }
const anError = fc.record({ code: fc.constantFrom(...errorCodes), message: fc.string({ minLength: 1, maxLength: 20 }) })

/** What the test does next; which try or connection it concerns is picked among those that exist. */
type Action =
  | { t: 'connect' }
  | { t: 'wait' }
  | { t: 'fire' }
  | { t: 'opened'; pick: number }
  | { t: 'openFailed'; pick: number; error: Coded }
  | { t: 'lost'; pick: number; error: Coded }
  | { t: 'close' }
  | { t: 'stray'; event: ConnectionEvent }

const pick = fc.nat({ max: 3 })
const action: fc.Arbitrary<Action> = fc.oneof(
  fc.constant({ t: 'connect' as const }),
  fc.constant({ t: 'wait' as const }),
  { arbitrary: fc.constant({ t: 'fire' as const }), weight: 3 },
  { arbitrary: fc.record({ t: fc.constant('opened' as const), pick }), weight: 3 },
  { arbitrary: fc.record({ t: fc.constant('openFailed' as const), pick, error: anError }), weight: 3 },
  { arbitrary: fc.record({ t: fc.constant('lost' as const), pick, error: anError }), weight: 2 },
  { arbitrary: fc.constant({ t: 'close' as const }), weight: 1 },
  // Events that arrive late or for a try that is not the current one: a retry timer that was
  // cancelled, an outcome or a loss naming another attempt.
  fc.record({
    t: fc.constant('stray' as const),
    event: fc.oneof(
      fc.constant({ t: 'retry' as const }),
      fc.record({ t: fc.constant('opened' as const), attempt: fc.nat({ max: 20 }) }),
      fc.record({ t: fc.constant('openFailed' as const), attempt: fc.nat({ max: 20 }), error: anError }),
      fc.record({ t: fc.constant('lost' as const), attempt: fc.nat({ max: 20 }), error: anError })
    )
  })
)

const failedCarriesCode = (state: ConnectionState): void => {
  if (state.phase !== 'failed') return
  expect(errorCodes).toContain(state.error.code)
  expect(state.error.message.length).toBeGreaterThan(0)
}

describe('the desk connection, pure', () => {
  it('retry waits start at retryMs, double with each failure in a row and stop at the bound', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 1, max: 100 }),
        fc.nat({ max: 80 }),
        (ms, factor, n) => {
          const b = { retryMs: ms, maxRetryMs: ms * factor }
          const d = retryDelay(n + 1, b)
          expect(d).toBeGreaterThanOrEqual(Math.min(ms, b.maxRetryMs))
          expect(d).toBeLessThanOrEqual(b.maxRetryMs)
          expect(retryDelay(n + 2, b)).toBe(Math.min(d * 2, b.maxRetryMs))
        }
      )
    )
    expect([1, 2, 3, 4, 5, 6].map((n) => retryDelay(n, backoff))).toEqual([100, 200, 400, 800, 1500, 1500])
  })

  it('over random events: one connection at most, one timer at most, bounded growing waits, coded failures, nothing after going off', () => {
    fc.assert(
      fc.property(fc.array(action, { maxLength: 60 }), (actions) => {
        let state = initialConnection
        const opening: number[] = [] // tries under way
        const live: number[] = [] // connections up and not ended
        let timer = false
        let lastWait: number | null = null // the previous wait in this run of failures
        let closed = false
        const step = (event: ConnectionEvent): void => {
          const out = reduce(state, event, backoff)
          for (const effect of out.effects) {
            switch (effect.t) {
              case 'open':
                expect(closed).toBe(false)
                opening.push(effect.attempt)
                break
              case 'end':
                expect(live).toContain(effect.attempt)
                live.splice(live.indexOf(effect.attempt), 1)
                break
              case 'schedule':
                expect(timer).toBe(false) // never two retries pending
                expect(closed).toBe(false)
                timer = true
                expect(effect.ms).toBeGreaterThanOrEqual(backoff.retryMs)
                expect(effect.ms).toBeLessThanOrEqual(backoff.maxRetryMs)
                // The first try of a library that resumes waits retryMs; failures in a row double the wait.
                if (event.t === 'wait') expect(effect.ms).toBe(backoff.retryMs)
                else {
                  expect(effect.ms).toBe(
                    lastWait === null ? backoff.retryMs : Math.min(lastWait * 2, backoff.maxRetryMs)
                  )
                  lastWait = effect.ms
                }
                break
              case 'cancel':
                expect(timer).toBe(true)
                timer = false
                break
            }
          }
          state = out.state
          if (state.phase === 'online') lastWait = null
          if (state.phase === 'closed') closed = true
          // Never two connections at once: a try under way counts as one.
          expect(opening.length + live.length).toBeLessThanOrEqual(1)
          failedCarriesCode(state)
          expect(state.phase === 'online').toBe(live.length === 1 && live[0] === state.attempts)
          if (state.phase !== 'closed') expect(state.retryInMs !== null).toBe(timer)
          if (closed) expect(timer).toBe(false)
        }
        for (const a of actions) {
          switch (a.t) {
            case 'connect':
              step({ t: 'connect' })
              break
            case 'wait':
              step({ t: 'wait' })
              break
            case 'fire':
              if (!timer) break
              timer = false
              step({ t: 'retry' })
              break
            case 'opened':
            case 'openFailed': {
              if (opening.length === 0) break
              const attempt = opening.splice(a.pick % opening.length, 1)[0]!
              if (a.t === 'opened') live.push(attempt)
              step(a.t === 'opened' ? { t: 'opened', attempt } : { t: 'openFailed', attempt, error: a.error })
              break
            }
            case 'lost':
              if (live.length === 0) break
              step({ t: 'lost', attempt: live[a.pick % live.length]!, error: a.error })
              break
            case 'close':
              step({ t: 'close' })
              break
            case 'stray': {
              const e = a.event
              // Only outcomes of tries that are not under way, and losses of connections that are not live.
              if (e.t === 'retry' && timer) break
              if ((e.t === 'opened' || e.t === 'openFailed') && opening.includes(e.attempt)) break
              if (e.t === 'opened') break // a connection only opens from a try
              if (e.t === 'lost' && live.includes(e.attempt)) break
              const before = state
              step(e)
              expect(state).toBe(before)
              break
            }
          }
        }
        // Going off at the end: every try that was under way ends its connection as it opens.
        step({ t: 'close' })
        while (opening.length > 0) {
          const attempt = opening.shift()!
          live.push(attempt)
          step({ t: 'opened', attempt })
        }
        expect(live).toEqual([])
        expect(timer).toBe(false)
      }),
      { numRuns: 500 }
    )
  })
})

describe('the desk connection driver, with fake timers', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  type Driven =
    { t: 'connect' | 'wait' | 'tick' | 'close' | 'fail' } | { t: 'resolve' | 'reject' | 'lose'; error: Coded }
  const driven: fc.Arbitrary<Driven> = fc.oneof(
    fc.constantFrom({ t: 'connect' as const }, { t: 'wait' as const }, { t: 'fail' as const }),
    { arbitrary: fc.constant({ t: 'tick' as const }), weight: 3 },
    {
      arbitrary: fc.record({
        t: fc.constantFrom('resolve' as const, 'reject' as const, 'lose' as const),
        error: anError
      }),
      weight: 4
    },
    { arbitrary: fc.constant({ t: 'close' as const }), weight: 1 }
  )

  const flush = async (): Promise<void> => {
    for (let i = 0; i < 10; i++) await Promise.resolve()
  }

  it('over random sequences: one connection at most, retries only after the bounded wait, none after close', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(driven, { maxLength: 40 }), async (actions) => {
        interface Conn {
          ended: boolean
        }
        const tries: { settle(c: Conn | null, error?: Coded): void }[] = []
        const conns: Conn[] = []
        const lostOf = new Map<Conn, (e: unknown) => void>()
        const states: ConnectionState[] = []
        let closed = false
        let failedAt: number | null = null
        let lastWait: number | null = null
        const driver = new DeskConnectionDriver<Conn>({
          open: () => {
            expect(closed).toBe(false)
            // A retry opens only once its wait is over, and the wait is bounded and doubles.
            if (failedAt !== null) {
              const waited = Date.now() - failedAt
              if (lastWait !== null) expect(waited).toBeGreaterThanOrEqual(Math.min(lastWait * 2, backoff.maxRetryMs))
              expect(waited).toBeLessThanOrEqual(backoff.maxRetryMs)
              lastWait = waited > 0 ? waited : lastWait
              failedAt = null
            }
            return new Promise<Conn>((resolve, reject) =>
              tries.push({ settle: (c, error) => (c ? resolve(c) : reject(Object.assign(new Error('no'), error))) })
            )
          },
          end: async (c) => {
            c.ended = true
          },
          onOnline: (c, lost) => lostOf.set(c, lost),
          onChange: (s) => {
            states.push(s)
            if (s.phase === 'online') lastWait = null
            if (s.phase === 'failed' && s.retryInMs !== null) failedAt = Date.now()
          },
          toError: (e) => ({ code: (e as Coded).code ?? 'internal', message: (e as Coded).message || 'failed' }),
          backoff
        })
        const liveConns = (): number => conns.filter((c) => !c.ended).length
        for (const a of actions) {
          switch (a.t) {
            case 'connect':
              driver.connect().catch(() => undefined)
              break
            case 'wait':
              driver.waitAndConnect()
              break
            case 'tick':
              vi.advanceTimersToNextTimer()
              break
            case 'fail':
              driver.fail(Object.assign(new Error('gone'), { code: 'network_error' }))
              break
            case 'resolve':
            case 'reject': {
              const t = tries.shift()
              if (!t) break
              if (a.t === 'resolve') {
                const c = { ended: false }
                conns.push(c)
                t.settle(c)
              } else t.settle(null, a.error)
              break
            }
            case 'lose': {
              const c = conns.find((x) => !x.ended && lostOf.has(x))
              if (c) lostOf.get(c)!(a.error)
              break
            }
            case 'close':
              closed = true
              await driver.close()
              break
          }
          await flush()
          expect(tries.length + liveConns()).toBeLessThanOrEqual(1)
          if (closed) expect(vi.getTimerCount()).toBe(0)
          for (const s of states) failedCarriesCode(s)
        }
        // Going off: nothing is retried after it, and a try still under way ends its connection.
        closed = true
        await driver.close()
        vi.advanceTimersByTime(backoff.maxRetryMs * 4)
        for (const t of tries.splice(0)) {
          const c = { ended: false }
          conns.push(c)
          t.settle(c)
        }
        await flush()
        expect(liveConns()).toBe(0)
        expect(vi.getTimerCount()).toBe(0)
        expect(driver.state.phase).toBe('closed')
      }),
      { numRuns: 200 }
    )
  })

  it('connect rejects with the try’s error and schedules the retry; a retry that comes up starts the waits again', async () => {
    let fail = true
    const opens: number[] = []
    const driver = new DeskConnectionDriver<object>({
      open: async () => {
        opens.push(Date.now())
        if (fail) throw Object.assign(new Error('refused'), { code: 'network_error' })
        return {}
      },
      end: async () => undefined,
      onOnline: () => undefined,
      onChange: () => undefined,
      toError: (e) => ({ code: (e as Coded).code, message: (e as Error).message }),
      backoff
    })
    await expect(driver.connect()).rejects.toMatchObject({ message: 'refused' })
    expect(driver.state).toMatchObject({ phase: 'failed', error: { code: 'network_error' }, retryInMs: 100 })
    for (const wait of [100, 200, 400]) {
      const before = opens.length
      vi.advanceTimersByTime(wait - 1)
      await flush()
      expect(opens.length).toBe(before)
      vi.advanceTimersByTime(1)
      await flush()
      expect(opens.length).toBe(before + 1)
    }
    fail = false
    vi.advanceTimersByTime(800)
    await flush()
    expect(driver.state.phase).toBe('online')
    driver.fail(new Error('gone'))
    expect(driver.state).toMatchObject({ phase: 'failed', retryInMs: 100 })
    await driver.close()
    expect(vi.getTimerCount()).toBe(0)
  })
})
