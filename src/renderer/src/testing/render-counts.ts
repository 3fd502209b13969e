// Counts which components rendered in each commit, by name, through React's commit hook (the one React
// DevTools' profiler reads). Import this module before anything that loads react-dom: React looks for the
// hook once, when it loads. For renderer tests that prove an interaction re-renders only what it changes.
//
// A component "rendered" in a commit when its function ran: its fiber carries React's PerformedWork flag
// and is not the very fiber the previous commit held (a subtree React skipped keeps its old fibers and flags).

interface Fiber {
  tag: number
  type: unknown
  flags: number
  memoizedProps: Record<string, unknown> | null
  alternate: Fiber | null
  child: Fiber | null
  sibling: Fiber | null
}

/** React's flag on a fiber whose component function ran in this render. */
const PERFORMED_WORK = 1
/** Function, forwardRef and simple memo components (a memo with its own comparison wraps a function component, counted as that). */
const COMPONENT_TAGS = new Set([0, 11, 15])

export interface Rendered {
  name: string
  props: Record<string, unknown>
  /** Its first render (mounted in this commit) rather than a re-render. */
  mount: boolean
}

let previous = new WeakSet<Fiber>()
let log: Rendered[] = []

const nameOf = (type: unknown): string => {
  if (typeof type === 'function') {
    const fn = type as { displayName?: string; name?: string }
    return fn.displayName ?? fn.name ?? ''
  }
  if (type && typeof type === 'object') {
    const wrapper = type as { displayName?: string; type?: unknown; render?: unknown }
    return wrapper.displayName ?? nameOf(wrapper.type ?? wrapper.render)
  }
  return ''
}

function commit(root: { current: Fiber }): void {
  const seen = new WeakSet<Fiber>()
  const stack: Fiber[] = [root.current]
  while (stack.length > 0) {
    const fiber = stack.pop() as Fiber
    seen.add(fiber)
    if (COMPONENT_TAGS.has(fiber.tag) && (fiber.flags & PERFORMED_WORK) !== 0 && !previous.has(fiber))
      log.push({ name: nameOf(fiber.type), props: fiber.memoizedProps ?? {}, mount: fiber.alternate === null })
    if (fiber.sibling) stack.push(fiber.sibling)
    if (fiber.child) stack.push(fiber.child)
  }
  previous = seen
}

const g = globalThis as { __REACT_DEVTOOLS_GLOBAL_HOOK__?: unknown }
if (g.__REACT_DEVTOOLS_GLOBAL_HOOK__ !== undefined)
  throw new Error('render-counts: a React DevTools hook is already installed')
g.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
  supportsFiber: true,
  isDisabled: false,
  renderers: new Map(),
  inject: () => 1,
  checkDCE: () => undefined,
  onScheduleFiberRoot: () => undefined,
  onCommitFiberRoot: (_id: number, root: { current: Fiber }) => commit(root),
  onCommitFiberUnmount: () => undefined,
  onPostCommitFiberRoot: () => undefined
}

/** Starts counting afresh. */
export function resetRenders(): void {
  log = []
}

/** The renders since the last reset, in commit order. */
export const renders = (): readonly Rendered[] => log

/** How many times components of this name rendered since the last reset. */
export const rendersOf = (name: string): Rendered[] => log.filter((r) => r.name === name)
