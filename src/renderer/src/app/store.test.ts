// The one edit path (store.ts): edits that fold records are folded in the order sent; a call that
// folds nothing (a read) neither waits for them nor holds them back; a failed edit's shown change
// drops away in one place, without taking a later edit with it.
import { describe, expect, it } from 'vitest'
import { Slot } from './store'

function deferred<T>(): { promise: Promise<T>; resolve(value: T): void; reject(error: Error): void } {
  let resolve!: (value: T) => void
  let reject!: (error: Error) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

function slot(): { slot: Slot<string[]>; notified: () => number } {
  let count = 0
  const s = new Slot<string[]>(() => void count++)
  s.load([])
  return { slot: s, notified: () => count }
}
const quiet = (): void => undefined
const add = (state: string[], saved: string): string[] => [...state, saved]

describe('the store’s edit path', () => {
  it('folds edits in the order sent, even when main answers them in another', async () => {
    const { slot: s } = slot()
    const first = deferred<string>()
    const second = deferred<string>()
    const a = s.edit({ send: () => first.promise, apply: add }, quiet)
    const b = s.edit({ send: () => second.promise, apply: add }, quiet)
    second.resolve('second')
    await new Promise((r) => setTimeout(r, 0))
    expect(s.value).toEqual([])
    first.resolve('first')
    await Promise.all([a, b])
    expect(s.value).toEqual(['first', 'second'])
  })

  it('a call that folds nothing does not hold back an edit sent after it, nor wait for one before it', async () => {
    const { slot: s } = slot()
    const slowRead = deferred<string>()
    const edit = deferred<string>()
    const read = s.edit({ send: () => slowRead.promise }, quiet)
    const saved = s.edit({ send: () => edit.promise, apply: add }, quiet)
    edit.resolve('claim saved')
    await saved
    expect(s.value).toEqual(['claim saved'])
    const blocker = deferred<string>()
    const blocked = s.edit({ send: () => blocker.promise, apply: add }, quiet)
    expect(await s.edit({ send: () => Promise.resolve('read answer') }, quiet)).toBe('read answer')
    blocker.resolve('later')
    slowRead.resolve('read')
    await Promise.all([blocked, read])
  })

  it('shows an edit at once and drops only its own shown change when it fails, reporting the failure once', async () => {
    const { slot: s } = slot()
    const failing = deferred<string>()
    const later = deferred<string>()
    const reported: unknown[] = []
    const report = (e: unknown): void => void reported.push(e)
    const a = s.edit({ send: () => failing.promise, show: (st) => [...st, 'A?'], apply: add }, report)
    const b = s.edit({ send: () => later.promise, show: (st) => [...st, 'B?'], apply: add }, report)
    expect(s.value).toEqual(['A?', 'B?'])
    failing.reject(new Error('refused'))
    expect(await a).toBeUndefined()
    expect(s.value).toEqual(['B?'])
    later.resolve('B')
    await b
    expect(s.value).toEqual(['B'])
    expect(reported.map((e) => (e as Error).message)).toEqual(['refused'])
  })
})
