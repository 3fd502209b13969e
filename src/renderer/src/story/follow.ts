// How the open story tells the announcements of its own edits from everyone else's, by call id and
// write number, never by timing. Main names the call(s) behind every write and numbers the writes
// (library.changed); stories.get says which write it holds (`version`). So:
// - an announcement naming only calls this view's edit path sent is an edit already folded in (or
//   about to be, when main answers): it costs no fetch; its activity is taken in with the answer;
// - any other write to the story (a dialog, an import, a desk pull, an undo) is fetched again,
//   unless the story last fetched already holds it;
// - a fetch is loaded only if it holds every write heard of from others and every own write whose
//   record was already folded in; otherwise it is fetched again. An own write whose answer came
//   before its announcement and that a fetch loaded since then does not hold is fetched again when
//   the announcement comes. No order of replies, announcements and fetches loses a write.
// Pure bookkeeping, no React: the store (app/store.ts) drives it, follow.test.ts runs every order.
import type { Activity } from '../../../shared/model'

/** One announced write to this story. */
export interface StoryWrite {
  version: number
  callIds: readonly string[]
  updatedAt: string
  activity: readonly Activity[]
}

/** What an announcement asks of the view: nothing, take in own writes' activity, or fetch the story again. */
export type Heard = { kind: 'none' } | { kind: 'absorb'; writes: StoryWrite[] } | { kind: 'fetch' }

interface OwnCall {
  /** How many fetches had been loaded when main answered (null: not answered yet), and the write the last of them held. */
  answeredAtLoad: number | null
  loadedAtAnswer: number
  /** Its writes announced before the answer, taken in with it. */
  writes: StoryWrite[]
}

/** What to do with main's answer to an own edit: fold its record in (or not: the story loaded since holds it), and the activity to take in. */
export interface Answered {
  fold: boolean
  writes: StoryWrite[]
}

/** Calls remembered after they were answered, for a call that writes more than once. */
const REMEMBERED_CALLS = 200

export class StoryFollower {
  /** This view's edit calls, oldest first. */
  private readonly own = new Map<string, OwnCall>()
  /** The newest write heard of that is not this view's. */
  private foreign = 0
  /** The newest own write whose record is folded into the shown story. */
  private applied = 0
  /** The write the last loaded fetch holds, and how many fetches were loaded. */
  private loadedVersion = 0
  private loads = 0

  /** The write the story last fetched holds. */
  get loaded(): number {
    return this.loadedVersion
  }

  /** The edit path sent these calls. */
  sent(ids: readonly string[]): void {
    for (const id of ids) this.own.set(id, { answeredAtLoad: null, loadedAtAnswer: 0, writes: [] })
  }

  /**
   * Main answered an edit, this very tick before its record would be folded in. The record is not
   * folded when a fetch loaded since holds the write (and perhaps newer ones from others); writes
   * announced before the answer are taken in now.
   */
  answered(ids: readonly string[]): Answered {
    const writes: StoryWrite[] = []
    let waiting = false
    for (const id of ids) {
      const call = this.own.get(id)
      if (!call) continue
      call.answeredAtLoad = this.loads
      call.loadedAtAnswer = this.loadedVersion
      if (call.writes.length === 0) waiting = true
      for (const write of call.writes.splice(0)) {
        this.applied = Math.max(this.applied, write.version)
        writes.push(write)
      }
    }
    this.forgetOld()
    const held = !waiting && writes.length > 0 && writes.every((w) => w.version <= this.loadedVersion)
    return { fold: !held, writes }
  }

  /** The edit failed and its shown change dropped away; true if it wrote anyway (the story is fetched again). */
  failed(ids: readonly string[]): boolean {
    let wrote = false
    for (const id of ids) {
      if ((this.own.get(id)?.writes.length ?? 0) > 0) wrote = true
      this.own.delete(id)
    }
    return wrote
  }

  /** An announcement of a write to this story. */
  heard(write: StoryWrite): Heard {
    const calls = write.callIds.map((id) => this.own.get(id))
    if (calls.length === 0 || calls.some((c) => c === undefined)) {
      this.foreign = Math.max(this.foreign, write.version)
      return write.version > this.loadedVersion ? { kind: 'fetch' } : { kind: 'none' }
    }
    const waiting = (calls as OwnCall[]).filter((c) => c.answeredAtLoad === null)
    if (waiting.length > 0) {
      // Taken in with the answer, so a fetch loaded meanwhile cannot drop its activity.
      for (const call of waiting) call.writes.push(write)
      return { kind: 'none' }
    }
    this.applied = Math.max(this.applied, write.version)
    // Answered first, so its record was folded in without knowing its number: a fetch loaded since
    // the answer that does not hold the write has replaced the record; a fetch loaded before it
    // that holds newer writes may have been overwritten by it. Either way the story is fetched again.
    const lost = (calls as OwnCall[]).some((c) =>
      this.loads > (c.answeredAtLoad ?? 0) ? this.loadedVersion < write.version : c.loadedAtAnswer > write.version
    )
    return lost ? { kind: 'fetch' } : { kind: 'absorb', writes: [write] }
  }

  /** A fetch came back holding writes up to `version`: true to load it, false to fetch again. */
  fetched(version: number): boolean {
    if (version < this.foreign || version < this.applied) return false
    this.loadedVersion = Math.max(this.loadedVersion, version)
    this.loads++
    return true
  }

  private forgetOld(): void {
    if (this.own.size <= REMEMBERED_CALLS) return
    for (const [id, call] of this.own) {
      if (this.own.size <= REMEMBERED_CALLS) break
      if (call.answeredAtLoad !== null) this.own.delete(id)
    }
  }
}
