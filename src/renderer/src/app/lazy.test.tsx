// @vitest-environment jsdom
import { act } from 'react'
import { createRoot } from 'react-dom/client'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { lazyView, preloadViews } from './lazy'

;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

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
})
