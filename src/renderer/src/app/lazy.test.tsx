// @vitest-environment jsdom
import { act } from 'react'
import { createRoot } from 'react-dom/client'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { lazyDialog, lazyView, preloadViews } from './lazy'

;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

/** One turn of Node's event loop (React's scheduler runs its work there in Node), no timer. */
const nextTurn = (): Promise<void> =>
  new Promise((resolve) => (globalThis as unknown as { setImmediate(run: () => void): void }).setImmediate(resolve))

/** A lazy view whose code comes when the test releases it ("loading" until then, "the view" after). */
function gatedView(): { View: React.ComponentType; gate: Promise<void>; release(): void } {
  let release: () => void = () => undefined
  const gate = new Promise<void>((resolve) => (release = resolve))
  const View = lazyView(
    async () => {
      await gate
      return function Loaded() {
        return <p>the view</p>
      }
    },
    <p>loading</p>
  )
  return { View, gate, release: () => release() }
}

describe('lazyView', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('renders a view whose code was preloaded in its first render, with no fallback', async () => {
    let loaded: () => void = () => undefined
    const done = new Promise<void>((resolve) => (loaded = resolve))
    const View = lazyView(
      async () => {
        loaded()
        return function Loaded({ name }: { name: string }) {
          return <p>story {name}</p>
        }
      },
      <p>loading</p>
    )
    preloadViews()
    await done
    await act(async () => undefined) // the load's own then
    const host = document.createElement('div')
    document.body.append(host)
    const root = createRoot(host)
    const seen: string[] = []
    const observer = new MutationObserver(() => seen.push(host.textContent ?? ''))
    observer.observe(host, { childList: true, subtree: true, characterData: true })
    // One synchronous render and commit: a view that suspends shows its fallback here (and React holds the
    // view itself back for 300 ms after it).
    act(() => root.render(<View name="big" />))
    await act(async () => undefined)
    observer.disconnect()
    expect(seen).not.toContain('loading')
    expect(host.textContent).toBe('story big')
    act(() => root.unmount())
  })

  it('shows the fallback while the code loads, then the view', async () => {
    const { View, gate, release } = gatedView()
    const host = document.createElement('div')
    document.body.append(host)
    const root = createRoot(host)
    await act(async () => root.render(<View />))
    expect(host.textContent).toBe('loading')
    release()
    await act(async () => {
      await gate
    })
    await vi.waitFor(async () => {
      await act(async () => undefined)
      expect(host.textContent).toBe('the view')
    })
    act(() => root.unmount())
  })

  it('shows the view as soon as its code comes, not 300 ms after the fallback showed', async () => {
    const { View, release } = gatedView()
    const host = document.createElement('div')
    document.body.append(host)
    const flag = globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }
    // React as the window runs it, outside act (which reveals suspended content at once), with no timer firing: a
    // suspended view is revealed only by React's timer, 300 ms after its fallback showed.
    flag.IS_REACT_ACT_ENVIRONMENT = false
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const root = createRoot(host)
    const turns = async (until: string): Promise<void> => {
      for (let i = 0; i < 200 && host.textContent !== until; i++) await nextTurn()
    }
    try {
      root.render(<View />)
      await turns('loading')
      expect(host.textContent).toBe('loading')
      release()
      await turns('the view')
      expect(host.textContent).toBe('the view')
    } finally {
      root.unmount()
      vi.useRealTimers()
      flag.IS_REACT_ACT_ENVIRONMENT = true
    }
  })

  it('fetches the views’ code before the dialogs’', async () => {
    const order: string[] = []
    const loader = (name: string) => async () => {
      order.push(name)
      await Promise.resolve()
      return function Loaded() {
        return <p>{name}</p>
      }
    }
    lazyDialog(loader('dialog'))
    lazyView(loader('view'))
    preloadViews()
    await vi.waitFor(() => expect(order).toContain('dialog'))
    expect(order.indexOf('view')).toBeLessThan(order.indexOf('dialog'))
  })
})
