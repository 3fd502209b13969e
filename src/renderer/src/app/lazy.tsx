// Code the first screen does not show is loaded when it is first needed: the story view, and each dialog the
// first time it opens. The library screen paints without parsing it; once it has painted, `preloadViews` fetches
// the rest while the window is idle, the views first, so a first story open or dialog does not wait for its code either.
import { useEffect, useState, type ComponentType, type ReactNode } from 'react'

type Load<P> = () => Promise<ComponentType<P>>

/** The loaders of the lazy views (the story view), then of the dialogs: the order preloadViews fetches them in. */
const loaders: { views: (() => Promise<unknown>)[]; dialogs: (() => Promise<unknown>)[] } = { views: [], dialogs: [] }

/**
 * A view loaded on first render; `fallback` shows meanwhile. Code already loaded (by `preloadViews`) renders in the
 * first render. Code still on its way renders `fallback`, and the view in the render after it arrives. No Suspense:
 * React holds a suspended view back until 300 ms after its fallback showed (its throttle on revealing suspended
 * content), which a story opened before its code had come paid in full (the desk bench's first open, as an editor
 * clicking a story as soon as the library shows).
 */
export function lazyView<P extends object>(
  load: Load<P>,
  fallback: ReactNode = null,
  kind: 'view' | 'dialog' = 'view'
): ComponentType<P> {
  let loading: Promise<ComponentType<P>> | null = null
  let loaded: ComponentType<P> | null = null
  const get = (): Promise<ComponentType<P>> => (loading ??= load().then((view) => (loaded = view)))
  loaders[kind === 'view' ? 'views' : 'dialogs'].push(get)
  return function LazyView(props: P) {
    // A function in state is called as an updater: each is wrapped in an object.
    const [view, setView] = useState<{ View: ComponentType<P> } | null>(() => (loaded ? { View: loaded } : null))
    const [failed, setFailed] = useState<{ error: unknown } | null>(null)
    useEffect(() => {
      if (view) return
      let live = true
      get().then(
        (View) => live && setView({ View }),
        (error: unknown) => live && setFailed({ error })
      )
      return () => {
        live = false
      }
    }, [view])
    // Code that failed to load goes to the error boundary, as React's lazy would send it.
    if (failed) throw failed.error
    return view ? <view.View {...props} /> : <>{fallback}</>
  }
}

/**
 * A dialog loaded the first time it opens and kept mounted after, so it closes, animates and hands focus back
 * as it always did.
 */
export function lazyDialog<P extends { open: boolean }>(load: Load<P>): ComponentType<P> {
  const View = lazyView(load, null, 'dialog')
  return function LazyDialog(props: P) {
    const [opened, setOpened] = useState(props.open)
    if (props.open && !opened) setOpened(true)
    return opened || props.open ? <View {...props} /> : null
  }
}

/**
 * Fetches the code of every lazy view, then of every dialog, while the window is idle (after the first paint). The
 * views first: fetched all at once, the story view's code (the largest) came last, some 80 ms after an editor could
 * click a story in the library.
 */
export function preloadViews(): () => void {
  const idle = window.requestIdleCallback ?? ((run: () => void) => window.setTimeout(run, 1))
  const cancel = window.cancelIdleCallback ?? window.clearTimeout
  let handle: number | null = idle(() => {
    handle = null
    const quietly = (load: () => Promise<unknown>): Promise<unknown> => load().catch(() => undefined)
    void Promise.all(loaders.views.map(quietly)).then(() => loaders.dialogs.forEach(quietly))
  })
  return () => {
    if (handle !== null) cancel(handle)
  }
}
