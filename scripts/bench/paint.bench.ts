// Start-up and the library screen's paint (issue 29 items 5 and 6), through the browser driver (the built
// renderer, preload and core in Chromium), with where the time goes, step by step:
//   navigation -> HTML, CSS and JS fetched -> JS parsed and run until its first call -> the calls the first
//   rows wait for (app.info, library.get, library.search), each split into main's own time and the driver's
//   transport -> the renderer's work between and after them -> the first rows painted.
// The driver's transport (Playwright's binding over the DevTools protocol, plus the JSON of the answer) is
// not Electron's IPC, so it is a row of its own, and "without the driver's transport" is the total minus it
// (Electron's structured-clone IPC is not free either, so that row is a floor, not a guess). The renderer's
// own CPU per kind (script, style, layout) comes from Chromium's Performance metrics, which a loaded machine
// does not inflate the way it inflates wall time.
//
// - app start within this process: from starting main (requiring the built core, opening the library) and opening
//   the page, until the first rows are painted; the first start in this process (cold) apart from later ones (warm),
//   step by step. No process starts in it: from a process's start, against issue 29's target, is launch.bench.ts.
// - the library screen at 50 and at 5,000 stories: a page reload until the first rows are painted, and one
//   keystroke in the search box until its results are painted.
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { chromium, type Browser, type CDPSession, type Page } from '@playwright/test'
import type { BrowserApp, LaunchOptions } from '../../e2e/support/browser-app'
import { chromiumArgs, chromiumPath } from '../../e2e/support/driver'
import { serveDirectory } from '../../e2e/support/static-server'
import { buildManyStories } from '../../src/main/testing/library-fixture'
import { launchBenchApp } from './bench-app'
import { percentile, row, type Bench, type BenchRow } from './types'

const PAINTS = 8
const STARTS = 6
const SMALL_LIBRARY = 50
const LARGE_LIBRARY = 5_000
/** The calls the first rows wait for, one after the other. */
const CHAIN = ['app.info', 'library.get', 'library.search'] as const

/**
 * Runs in the page before the preload: times every call the page makes (the binding's round trip as the
 * page sees it), notes when the app first renders, when the library screen is in the page and when its
 * first row is, and counts React's commits (React tells a devtools hook of each, production builds too).
 */
const recorder = `(() => {
  const calls = [];
  const seen = {};
  const commits = [];
  window.__benchTimeline = { calls, seen, commits };
  window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true,
    renderers: new Map(),
    inject() { return 1; },
    onCommitFiberRoot() { commits.push(performance.now()); },
    onCommitFiberUnmount() {},
    onPostCommitFiberRoot() {},
    checkDCE() {}
  };
  const wrap = (invoke) => function (channel, ...rest) {
    const entry = { channel, start: performance.now(), end: null };
    calls.push(entry);
    return invoke.call(this, channel, ...rest).then((text) => { entry.end = performance.now(); return text; });
  };
  let wrapped = window.__factdeskInvoke ? wrap(window.__factdeskInvoke) : undefined;
  Object.defineProperty(window, '__factdeskInvoke', {
    configurable: true,
    get: () => wrapped,
    set: (fn) => { wrapped = wrap(fn); }
  });
  const note = () => {
    const root = document.getElementById('root');
    if (!seen.render && root && root.firstElementChild && root.firstElementChild.tagName !== 'P') seen.render = performance.now();
    if (!seen.screen && document.querySelector('[data-screen="library"]')) seen.screen = performance.now();
    if (!seen.rows && document.querySelector('tr[data-story-id]')) { seen.rows = performance.now(); observer.disconnect(); }
  };
  const observer = new MutationObserver(note);
  observer.observe(document, { childList: true, subtree: true });
})()`

interface PageCall {
  channel: string
  start: number
  end: number | null
}
interface Timeline {
  calls: PageCall[]
  seen: { render?: number; screen?: number; rows?: number }
  /** When React committed, each time. */
  commits: number[]
  painted: number
  html: number
  assets: number
  cssBytes: number
  jsBytes: number
}
interface MainAnswer {
  channel: string
  mainMs: number
  jsonMs: number
}

/** One load of the page until its first rows are painted, taken apart. */
export interface Breakdown {
  total: number
  /** Navigation until the HTML, CSS and JS are fetched. */
  fetched: number
  /** Fetched until the app's first call: the JS parsed, compiled and run. */
  scriptRun: number
  /** The chain's calls in flight, as the page sees them (overlapping calls counted once). */
  calls: number
  /** Of which main's own time (dispatch). */
  main: number
  /** Of which the driver's transport: the round trip minus main's time (JSON, the DevTools protocol). */
  transport: number
  /** The renderer between the first call and the last answer, outside the calls: React rendering, effects. */
  between: number
  /** The last answer until the rows are painted: render, style, layout, paint. */
  paint: number
  /** The renderer's CPU in the load (Chromium's Performance metrics), by kind. */
  cpuScript: number
  cpuStyle: number
  cpuLayout: number
  cpuTask: number
  /** The renderer's main thread's CPU time in the load (Chromium's ThreadTime): what machine load inflates least. */
  cpuThread: number
  /** The same until the page is first idle after the rows are painted: the load's work that comes after the paint too. */
  cpuThreadSettled: number
  /** React's commits until the rows are painted, and until the page is first idle after that. */
  commits: number
  commitsSettled: number
}

/** Waits for the first story rows and a painted frame, and reads the page's timeline. */
const paintedTimeline = (page: Page): Promise<Timeline> =>
  page.evaluate(
    () =>
      new Promise<Timeline>((resolve) => {
        const done = (): void => {
          const painted = performance.now()
          const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined
          const assets = performance
            .getEntriesByType('resource')
            .filter((r) => /\.(js|css)$/.test(r.name)) as PerformanceResourceTiming[]
          const bytes = (ext: string): number =>
            assets.filter((r) => r.name.endsWith(ext)).reduce((n, r) => n + r.decodedBodySize, 0)
          const recorded = (window as unknown as { __benchTimeline: Pick<Timeline, 'calls' | 'seen' | 'commits'> })
            .__benchTimeline
          resolve({
            calls: recorded.calls.map((c) => ({ ...c })),
            seen: { ...recorded.seen },
            commits: [...recorded.commits],
            painted,
            html: nav?.responseEnd ?? 0,
            assets: Math.max(nav?.responseEnd ?? 0, ...assets.map((r) => r.responseEnd)),
            cssBytes: bytes('.css'),
            jsBytes: bytes('.js')
          })
        }
        const check = (): void => {
          if (document.querySelector('tr[data-story-id]')) requestAnimationFrame(() => setTimeout(done, 0))
          else requestAnimationFrame(check)
        }
        check()
      })
  )

/** Waits until the page is first idle (nothing queued on its main thread) and counts React's commits until then. */
const settledCommits = (page: Page): Promise<number> =>
  page.evaluate(
    () =>
      new Promise<number>((resolve) =>
        requestIdleCallback(
          () =>
            resolve(
              (window as unknown as { __benchTimeline: Pick<Timeline, 'commits'> }).__benchTimeline.commits.length
            ),
          { timeout: 5000 }
        )
      )
  )

type Metrics = Record<string, number>
async function metrics(cdp: CDPSession): Promise<Metrics> {
  const { metrics: list } = await cdp.send('Performance.getMetrics')
  return Object.fromEntries(list.map((m) => [m.name, m.value]))
}

/** Pairs the page's calls with main's answers (both in call order per channel) and takes the load apart. */
export function breakDown(
  timeline: Timeline,
  answers: MainAnswer[],
  cpu: Metrics,
  settled: { cpu: Metrics; commits: number }
): Breakdown {
  const byChannel = new Map<string, MainAnswer[]>()
  for (const a of answers) byChannel.set(a.channel, [...(byChannel.get(a.channel) ?? []), a])
  const taken = new Map<string, number>()
  const spans: [number, number][] = []
  let main = 0
  let lastAnswer = 0
  let firstCall = Number.POSITIVE_INFINITY
  for (const call of timeline.calls) {
    const index = taken.get(call.channel) ?? 0
    taken.set(call.channel, index + 1)
    firstCall = Math.min(firstCall, call.start)
    // Only the first of each chain channel is on the way to the first rows (later pages and re-asks are not).
    if (!(CHAIN as readonly string[]).includes(call.channel) || index > 0 || call.end === null) continue
    if (call.end > timeline.painted) continue
    const answer = byChannel.get(call.channel)?.[index]
    spans.push([call.start, call.end])
    main += answer?.mainMs ?? 0
    lastAnswer = Math.max(lastAnswer, call.end)
  }
  // The page may have several in flight at once: the time any of them is, counted once.
  let calls = 0
  let reached = Number.NEGATIVE_INFINITY
  for (const [start, end] of spans.sort((a, b) => a[0] - b[0])) {
    calls += Math.max(0, end - Math.max(start, reached))
    reached = Math.max(reached, end)
  }
  const total = timeline.painted
  // Chromium's counters start again at each navigation: what they hold is this load's.
  const seconds = (name: string): number => (cpu[name] ?? 0) * 1000
  return {
    total,
    fetched: timeline.assets,
    scriptRun: firstCall - timeline.assets,
    calls,
    main,
    transport: Math.max(0, calls - main),
    between: lastAnswer - firstCall - calls,
    paint: total - lastAnswer,
    cpuScript: seconds('ScriptDuration'),
    cpuStyle: seconds('RecalcStyleDuration'),
    cpuLayout: seconds('LayoutDuration'),
    cpuTask: seconds('TaskDuration'),
    cpuThread: seconds('ThreadTime'),
    cpuThreadSettled: (settled.cpu.ThreadTime ?? 0) * 1000,
    commits: timeline.commits.filter((t) => t <= timeline.painted).length,
    commitsSettled: settled.commits
  }
}

/** A fresh core and page on `dir` (the page's timeline recorded from its first byte), until painted. */
async function startApp(
  browser: Browser,
  origin: string,
  dir: string
): Promise<{ app: BrowserApp; answers: MainAnswer[]; launched: number }> {
  const answers: MainAnswer[] = []
  const options: LaunchOptions = {
    beforePreload: recorder,
    onAnswer: (a) => answers.push({ channel: String(a.channel), mainMs: a.mainMs, jsonMs: a.jsonMs })
  }
  const started = performance.now()
  const app = await launchBenchApp(browser, origin, dir, options)
  return { app, answers, launched: started }
}

/** Starts the app on a 50-story library STARTS times, each until its first rows are painted; the first start is cold. */
async function measureStartup(
  browser: Browser,
  origin: string,
  root: string
): Promise<{ starts: number[]; coreMs: number[]; navigateMs: number[]; cpuMs: number[] }> {
  const dir = path.join(root, 'library-startup')
  await mkdir(dir, { recursive: true })
  await buildManyStories(dir, SMALL_LIBRARY, { claims: 40, words: 400 })
  const starts: number[] = []
  const coreMs: number[] = []
  const navigateMs: number[] = []
  const cpuMs: number[] = []
  for (let i = 0; i < STARTS; i++) {
    const cpu = process.cpuUsage()
    const { app, launched } = await startApp(browser, origin, dir)
    const timeline = await paintedTimeline(app.page)
    // launchBrowserApp returns once the page has navigated; the page's clock starts at its navigation.
    const navigatedAt = await app.page.evaluate(() => performance.timeOrigin)
    starts.push(navigatedAt + timeline.painted - (performance.timeOrigin + launched))
    navigateMs.push(navigatedAt - (performance.timeOrigin + launched))
    coreMs.push(app.coreOpenMs)
    const used = process.cpuUsage(cpu)
    cpuMs.push((used.user + used.system) / 1000)
    await app.close()
  }
  return { starts, coreMs, navigateMs, cpuMs }
}

interface LibraryFigures {
  cold: Breakdown
  warm: Breakdown[]
  keystrokes: number[]
  cssKB: number
  jsKB: number
}

/** Types one more character into the library search and times it until the rows for the new words are painted. */
const keystroke = (page: Page, text: string): Promise<number> =>
  page.evaluate(async (value) => {
    const input = document.querySelector('input[aria-label="Search stories"]') as HTMLInputElement
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set as (
      this: HTMLInputElement,
      v: string
    ) => void
    const started = performance.now()
    setValue.call(input, value)
    input.dispatchEvent(new Event('input', { bubbles: true }))
    return new Promise<number>((resolve) => {
      const check = (): void => {
        if (document.querySelector('.library-table')?.getAttribute('data-query') === value)
          requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - started), 0))
        else requestAnimationFrame(check)
      }
      check()
    })
  }, text)

async function measureLibrary(
  browser: Browser,
  origin: string,
  root: string,
  stories: number
): Promise<LibraryFigures> {
  const dir = path.join(root, `library-${stories}`)
  await mkdir(dir, { recursive: true })
  await buildManyStories(dir, stories, { claims: 40, words: 400 })
  const { app, answers } = await startApp(browser, origin, dir)
  try {
    const { page } = app
    const cdp = await page.context().newCDPSession(page)
    await cdp.send('Performance.enable')
    /** A load's timeline until painted, then until the page is first idle. */
    let bytes = { css: 0, js: 0 }
    const load = async (): Promise<Breakdown> => {
      const timeline = await paintedTimeline(page)
      const cpu = await metrics(cdp)
      const commits = await settledCommits(page)
      bytes = { css: timeline.cssBytes, js: timeline.jsBytes }
      return breakDown(timeline, answers, cpu, { cpu: await metrics(cdp), commits })
    }
    const cold = await load()
    const { css: cssBytes, js: jsBytes } = bytes
    const warm: Breakdown[] = []
    for (let i = 0; i < PAINTS; i++) {
      answers.length = 0
      await page.reload()
      warm.push(await load())
    }
    const keystrokes: number[] = []
    // Typed a character at a time, then erased, twice over: every prefix is a search in main.
    const words = 'council budget 12'
    for (let round = 0; round < 2; round++) {
      for (let i = 1; i <= words.length; i++) keystrokes.push(await keystroke(page, words.slice(0, i)))
      for (let i = words.length - 1; i >= 0; i--) keystrokes.push(await keystroke(page, words.slice(0, i)))
    }
    await cdp.detach()
    return { cold, warm, keystrokes, cssKB: cssBytes / 1024, jsKB: jsBytes / 1024 }
  } finally {
    await app.close()
  }
}

const p = (values: number[], at: number): number => percentile(values, at)

/** The warm p50 of each step of a load, so the steps add up (near enough) to the p50 total. */
function stepRows(label: string, loads: Breakdown[]): BenchRow[] {
  const of = (key: keyof Breakdown): number =>
    p(
      loads.map((l) => l[key]),
      50
    )
  return [
    row(`  ${label}: HTML, CSS and JS fetched (p50)`, of('fetched'), 'ms'),
    row(`  ${label}: JS parsed and run until its first call (p50)`, of('scriptRun'), 'ms'),
    row(`  ${label}: ${CHAIN.join(', ')} in flight (p50)`, of('calls'), 'ms'),
    row(`  ${label}:   of which main's own time (p50)`, of('main'), 'ms'),
    row(
      `  ${label}:   of which the driver's transport (binding over DevTools + JSON; not Electron IPC) (p50)`,
      of('transport'),
      'ms'
    ),
    row(`  ${label}: renderer between the calls (React render, effects) (p50)`, of('between'), 'ms'),
    row(`  ${label}: last answer until the rows are painted (p50)`, of('paint'), 'ms'),
    row(
      `  ${label}: renderer CPU, script / style / layout (p50, ms)`,
      of('cpuScript'),
      `/ ${of('cpuStyle').toFixed(0)} / ${of('cpuLayout').toFixed(0)} ms`
    ),
    row(`  ${label}: renderer CPU, all tasks (p50)`, of('cpuTask'), 'ms'),
    row(`  ${label}: renderer main thread's CPU time (p50)`, of('cpuThread'), 'ms'),
    row(
      `  ${label}: renderer main thread's CPU time until first idle after the paint (p50)`,
      of('cpuThreadSettled'),
      'ms'
    ),
    row(`  ${label}: React commits until the rows are painted (p50)`, of('commits'), ''),
    row(`  ${label}: React commits until first idle after the paint (p50)`, of('commitsSettled'), '')
  ]
}

const withoutTransport = (loads: Breakdown[], at: number): number =>
  p(
    loads.map((l) => l.total - l.transport),
    at
  )

const warmP95 = (figures: LibraryFigures): number =>
  p(
    figures.warm.map((l) => l.total),
    95
  )

/** One library size's rows: the cold load, the warm p95 with and without the driver's transport, its steps. */
function libraryRows(stories: string, figures: LibraryFigures): BenchRow[] {
  return [
    row(`library screen, load until painted, first (cold), ${stories} stories`, figures.cold.total, 'ms'),
    row(`library screen, load until painted, warm p95, ${stories} stories`, warmP95(figures), 'ms', { max: 150 }),
    row(
      `library screen, load until painted, warm p95 without the driver's transport, ${stories} stories`,
      withoutTransport(figures.warm, 95),
      'ms',
      { max: 150 }
    ),
    ...stepRows(`${stories} warm`, figures.warm)
  ]
}

const bench: Bench = {
  name: 'paint',
  async run(): Promise<BenchRow[]> {
    const root = await mkdtemp(path.join(os.tmpdir(), 'factdesk-paint-bench-'))
    const server = await serveDirectory(path.resolve('out/renderer'))
    const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs, headless: true })
    try {
      // First, so its first start is the process's first: nothing of main loaded or compiled yet.
      const startup = await measureStartup(browser, server.origin, root)
      const small = await measureLibrary(browser, server.origin, root, SMALL_LIBRARY)
      const large = await measureLibrary(browser, server.origin, root, LARGE_LIBRARY)
      const [coldStart = Number.NaN, ...warmStarts] = startup.starts
      const [coldCore = Number.NaN, ...warmCore] = startup.coreMs
      const [coldNavigate = Number.NaN, ...warmNavigate] = startup.navigateMs
      const [coldCpu = Number.NaN, ...warmCpu] = startup.cpuMs
      const big = LARGE_LIBRARY.toLocaleString('en')
      return [
        // Inside this process, from requiring main's core; from a process's start, against the target: launch.bench.ts.
        row(
          `app start within the bench process to library painted, cold (main required, library of ${SMALL_LIBRARY} opened, page loaded)`,
          coldStart,
          'ms'
        ),
        row(
          `app start within the bench process to library painted, warm p95 (${warmStarts.length} later starts)`,
          p(warmStarts, 95),
          'ms'
        ),
        // The page loads while the core opens (as the app's window does while its library opens).
        row(`  app start: until the page starts to navigate, cold`, coldNavigate, 'ms'),
        row(`  app start: until the page starts to navigate, warm p50`, p(warmNavigate, 50), 'ms'),
        row(`  app start: core required and created (the page loading meanwhile), cold`, coldCore, 'ms'),
        row(`  app start: core required and created (the page loading meanwhile), warm p50`, p(warmCore, 50), 'ms'),
        row(`  app start: the bench process's CPU (core, driver), cold`, coldCpu, 'ms'),
        row(`  app start: the bench process's CPU (core, driver), warm p50`, p(warmCpu, 50), 'ms'),
        ...libraryRows(`${SMALL_LIBRARY}`, small),
        ...libraryRows(big, large),
        row(`library screen paint p95, ${big} vs ${SMALL_LIBRARY} stories`, warmP95(large) / warmP95(small), 'x', {
          max: 1.5
        }),
        row(`library search keystroke until painted p50, ${big} stories`, p(large.keystrokes, 50), 'ms'),
        row(`library search keystroke until painted p95, ${SMALL_LIBRARY} stories`, p(small.keystrokes, 95), 'ms', {
          max: 50
        }),
        row(`library search keystroke until painted p95, ${big} stories`, p(large.keystrokes, 95), 'ms', { max: 50 }),
        row('renderer CSS loaded by the page, uncompressed', small.cssKB, 'KB'),
        row('renderer JS loaded by the page before the first paint, uncompressed', small.jsKB, 'KB')
      ]
    } finally {
      await browser.close()
      await server.close()
      await rm(root, { recursive: true, force: true })
    }
  }
}

export default bench
