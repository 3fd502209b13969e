// Code the first screen does not show is loaded when it is first needed: the story view, and each dialog the
// first time it opens. The library screen paints without parsing it; once it has painted, `preloadViews` fetches
// the rest while the window is idle, so a first story open or dialog does not wait for its code either.
import { lazy, Suspense, useState, type ComponentType, type ReactNode } from 'react'

type Load<P> = () => Promise<ComponentType<P>>

const loaders: (() => Promise<unknown>)[] = []

/**
 * A view loaded on first render; `fallback` shows meanwhile. Code already loaded (by `preloadViews`) renders in the
 * first render: React's lazy is handed a thenable that answers at once, where a promise, even a settled one,
 * answers a microtask later, so the view would suspend, its fallback commit, and React hold the view back until
 * 300 ms after that fallback (its throttle on revealing suspended content): every first open of a story paid it.
 */
export function lazyView<P extends object>(load: Load<P>, fallback: ReactNode = null): ComponentType<P> {
  type Module = { default: ComponentType<P> }
  let loading: Promise<Module> | null = null
  let loaded: Module | null = null
  const get = (): Promise<Module> => (loading ??= load().then((view) => (loaded = { default: view })))
  loaders.push(get)
  const View = lazy(() => {
    const done = loaded
    if (!done) return get()
    // Answers inside the call to `then`, which React's lazy takes as loaded before it would suspend.
    const now = { then: (resolve: (module: Module) => void) => resolve(done) }
    return now as unknown as Promise<Module>
  })
  return function LazyView(props: P) {
    return (
      <Suspense fallback={fallback}>
        <View {...props} />
      </Suspense>
    )
  }
}

/**
 * A dialog loaded the first time it opens and kept mounted after, so it closes, animates and hands focus back
 * as it always did.
 */
export function lazyDialog<P extends { open: boolean }>(load: Load<P>): ComponentType<P> {
  const View = lazyView(load)
  return function LazyDialog(props: P) {
    const [opened, setOpened] = useState(props.open)
    if (props.open && !opened) setOpened(true)
    return opened || props.open ? <View {...props} /> : null
  }
}

/** Fetches the code of every lazy view and dialog while the window is idle (after the first paint). */
export function preloadViews(): () => void {
  const idle = window.requestIdleCallback ?? ((run: () => void) => window.setTimeout(run, 1))
  const cancel = window.cancelIdleCallback ?? window.clearTimeout
  let handle: number | null = idle(() => {
    handle = null
    for (const load of loaders) void load().catch(() => undefined)
  })
  return () => {
    if (handle !== null) cancel(handle)
  }
}
