// @vitest-environment jsdom
// The one edit path: edits that fold records are folded in the order sent; a call that folds nothing
// (a read) neither waits for them nor holds them back.
import { act } from 'react'
import { createRoot } from 'react-dom/client'
import { describe, expect, it } from 'vitest'
import { useSynced, type Synced } from './synced'

;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

function deferred<T>(): { promise: Promise<T>; resolve(value: T): void } {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}

async function mountSynced(): Promise<{ synced: () => Synced<string[]>; unmount(): void }> {
  let current: Synced<string[]> | null = null
  function Probe(): null {
    current = useSynced<string[]>(() => undefined)
    return null
  }
  const root = createRoot(document.createElement('div'))
  await act(async () => root.render(<Probe />))
  await act(async () => current?.load([]))
  return { synced: () => current as unknown as Synced<string[]>, unmount: () => root.unmount() }
}

describe('useSynced', () => {
  it('folds edits in the order sent, even when main answers them in another', async () => {
    const { synced, unmount } = await mountSynced()
    const first = deferred<string>()
    const second = deferred<string>()
    const add = (state: string[], saved: string) => [...state, saved]
    let a!: Promise<string | undefined>
    let b!: Promise<string | undefined>
    await act(async () => {
      a = synced().edit({ send: () => first.promise, apply: add })
      b = synced().edit({ send: () => second.promise, apply: add })
    })
    await act(async () => second.resolve('second'))
    expect(synced().value).toEqual([])
    await act(async () => first.resolve('first'))
    await act(async () => void (await Promise.all([a, b])))
    expect(synced().value).toEqual(['first', 'second'])
    unmount()
  })

  it('a call that folds nothing does not hold back an edit sent after it, nor wait for one before it', async () => {
    const { synced, unmount } = await mountSynced()
    const slowRead = deferred<string>()
    const edit = deferred<string>()
    let read!: Promise<string | undefined>
    let saved!: Promise<string | undefined>
    await act(async () => {
      read = synced().edit({ send: () => slowRead.promise })
      saved = synced().edit({ send: () => edit.promise, apply: (state, s) => [...state, s] })
    })
    await act(async () => edit.resolve('claim saved'))
    await act(async () => void (await saved))
    // Folded while the read is still out (before: it waited for the read's turn).
    expect(synced().value).toEqual(['claim saved'])
    const blocker = deferred<string>()
    let blocked!: Promise<string | undefined>
    await act(async () => {
      blocked = synced().edit({ send: () => blocker.promise, apply: (state, s) => [...state, s] })
    })
    let answered = false
    await act(async () => {
      void synced()
        .edit({ send: () => Promise.resolve('read answer') })
        .then(() => (answered = true))
    })
    expect(answered).toBe(true)
    await act(async () => {
      blocker.resolve('later')
      slowRead.resolve('read')
      await Promise.all([blocked, read])
    })
    unmount()
  })
})
