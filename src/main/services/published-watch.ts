// After publication, on a schedule (issue 28, item 6). While the app runs, one timer in main checks the
// published page of every signed-off story with an address every N hours (this computer's choice, off by
// default), through the same `checkPublished` as the toolbar's button: a changed page becomes a revision
// whose changed claims wait for re-check. The timer is armed when a library opens and again after each
// check ends (so two checks never overlap), and stopped before the library closes or is switched: a check
// under way then stops at once and writes nothing more. A page that cannot be fetched is recorded, never
// thrown; a timer never asks the editor anything, so a redirect to a local-network host not yet allowed
// is skipped and said so. The window hears each finished check (`published.checked`).
import { outsideCalls } from '../call-context'
import type { WatchResult, WatchRun, WatchState } from '../../shared/contract'
import { AppError } from '../../shared/result'
import { FINAL_DESK_STATE } from '../../shared/rules/claims'
import { publishedUrl } from '../../shared/rules/published'
import type { ImportedStory } from '../import'
import type { WatchSchedule } from '../identity'
import type { ServiceContext } from './context'
import { checkPublished } from './published'

const HOUR = 60 * 60 * 1000

/** The timer the watch uses: the global one, or a test's fake clock (so an import's own time limit stays real). */
export interface WatchTimers {
  setTimeout(run: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

const globalTimers: WatchTimers = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>)
}

export interface WatchDeps {
  schedule: WatchSchedule
  timers?: WatchTimers
  /** Fetches a page without asking anything: consent only from what the editor already allowed. */
  fetchPage(url: string): Promise<ImportedStory>
  /** A check finished. */
  finished(run: WatchRun): void
}

/** Thrown into a check under way when the library closes: it writes nothing more. */
class Stopped extends Error {}

export class PublishedWatch {
  private hours: number | null = null
  private timer: unknown = null
  private nextAt: Date | null = null
  /** The library the timer belongs to; bumped by every stop, so a check of an earlier one ends. */
  private generation = 0
  private stopping: (() => void) | null = null
  private running: Promise<void> | null = null
  private lastRun: WatchRun | null = null

  constructor(
    private readonly ctx: ServiceContext,
    private readonly deps: WatchDeps
  ) {}

  private get timers(): WatchTimers {
    return this.deps.timers ?? globalTimers
  }

  /** A library is open: reads this computer's schedule and arms the timer. */
  async start(): Promise<void> {
    this.hours = await this.deps.schedule.hours()
    this.lastRun = null
    this.arm()
  }

  /** Before the library closes or is switched: no timer, and a check under way stops without writing. */
  async stop(): Promise<void> {
    this.generation += 1
    this.disarm()
    this.stopping?.()
    await this.running
  }

  async setHours(hours: number | null): Promise<WatchState> {
    await this.deps.schedule.setHours(hours)
    this.hours = hours
    if (!this.running) this.arm()
    return this.state()
  }

  state(): WatchState {
    return {
      hours: this.hours,
      running: this.running !== null,
      nextAt: this.nextAt?.toISOString() ?? null,
      lastRun: this.lastRun
    }
  }

  /** The check under way, if any (tests wait on it instead of on the clock). */
  idle(): Promise<void> {
    return this.running ?? Promise.resolve()
  }

  private disarm(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer)
    this.timer = null
    this.nextAt = null
  }

  private arm(): void {
    this.disarm()
    if (this.hours === null) return
    const delay = this.hours * HOUR
    this.nextAt = new Date(this.ctx.now().getTime() + delay)
    const generation = this.generation
    // The timer's work belongs to no call of the window, whichever call armed it.
    this.timer = outsideCalls(() =>
      this.timers.setTimeout(() => {
        this.timer = null
        this.nextAt = null
        if (generation !== this.generation) return
        this.running = this.run(generation).finally(() => {
          this.running = null
          if (generation === this.generation) this.arm()
        })
      }, delay)
    )
  }

  private async run(generation: number): Promise<void> {
    // Fixed for the whole check: a library opened meanwhile is never written by it.
    const ctx: ServiceContext = { ...this.ctx, store: this.ctx.store, editorId: this.ctx.editorId }
    const stopped = new Promise<never>((_resolve, reject) => {
      this.stopping = () => reject(new Stopped())
    })
    stopped.catch(() => undefined)
    const at = ctx.now().toISOString()
    const results: WatchResult[] = []
    try {
      const watched = ctx.store.library.stories.filter((s) => s.deletedAt === null && s.deskState === FINAL_DESK_STATE)
      for (const summary of watched) {
        if (generation !== this.generation) throw new Stopped()
        const result = await this.checkOne(ctx, summary.id, summary.title, generation, stopped)
        if (result) results.push(result)
      }
    } catch (error) {
      if (!(error instanceof Stopped)) throw error
      return
    } finally {
      this.stopping = null
    }
    const run = { at, results }
    this.lastRun = run
    this.deps.finished(run)
  }

  private async checkOne(
    ctx: ServiceContext,
    storyId: string,
    title: string,
    generation: number,
    stopped: Promise<never>
  ): Promise<WatchResult | null> {
    let url = ''
    try {
      const { story } = await ctx.store.readStory(storyId)
      url = publishedUrl(story)
      if (!story.signOff || !url) return null
      const by = ctx.editorId
      if (!by)
        return skipped(storyId, title, url, 'Nobody is editing this library on this computer yet: choose who you are.')
      const check = await checkPublished(ctx, storyId, by, async (address) => {
        // Stopped while the page comes in: the check ends at once and nothing is written to a library being
        // closed. A write already under way is waited for (stop() awaits the check).
        const page = await Promise.race([this.deps.fetchPage(address), stopped])
        if (generation !== this.generation) throw new Stopped()
        return page
      })
      if (!check.changed)
        return { storyId, title, url, outcome: 'unchanged', message: 'The published page is unchanged.', recheck: 0 }
      const recheck = new Set([...check.report.recheck, ...check.report.orphaned]).size
      return {
        storyId,
        title,
        url,
        outcome: 'changed',
        message: `The published page changed: revision ${check.report.revision}, ${recheck} ${recheck === 1 ? 'claim needs' : 'claims need'} re-check.`,
        recheck
      }
    } catch (error) {
      if (error instanceof Stopped) throw error
      if (error instanceof AppError && error.code === 'needs_consent')
        return skipped(
          storyId,
          title,
          url,
          `${error.message} A scheduled check never asks: use "Check published page" once to allow it.`
        )
      const message = error instanceof Error ? error.message : String(error)
      return { storyId, title, url, outcome: 'failed', message: message.slice(0, 1000), recheck: 0 }
    }
  }
}

const skipped = (storyId: string, title: string, url: string, message: string): WatchResult => ({
  storyId,
  title,
  url,
  outcome: 'skipped',
  message,
  recheck: 0
})
