// The versions a library last agreed with its desk (<library>/desk/bases/<scope>.json), in memory.
//
// A scope's agreed versions are held as the JSON text last saved, and parsed only while the sync works
// on that scope (a merge, a push's answers, a comparison). Held as objects, every scope of a big desk
// stayed in the heap for the whole session (a first sync of 5,000 stories x 40 claims: some 650 MB of
// values, which every full garbage collection walked, over half of the sync's CPU). `save` turns the
// scopes changed since the last save back into text, which is what is written to disk anyway, and lets
// go of every parsed scope. A push's answer agrees on values it already holds as JSON text (the text it
// sent): `setJson` keeps that text for a scope nothing was agreed in before, so a first push writes each
// scope's file from the texts it sent, without parsing them or stringifying the values again.
import type { UnitValue } from './units'

export interface Base {
  seq: number
  value: UnitValue | null
}

export type ScopeBases = Record<string, Base>

export class AgreedVersions {
  /** Scopes parsed for the work under way (changed ones are in `changed` until saved). */
  private readonly parsed = new Map<string, ScopeBases>()
  /** Every other scope, as the JSON text last saved or read. */
  private readonly text = new Map<string, string>()
  private readonly changed = new Set<string>()
  /** Scopes agreed from texts (setJson) that had no versions before: key -> the Base as JSON text. */
  private readonly parts = new Map<string, Map<string, string>>()
  /** Stories whose header is agreed as present (not deleted) with the desk: the lead's view asks for every story. */
  private readonly headAgreed = new Set<string>()

  /** A scope as read from its file (the text is kept; null when it does not parse, as if it were not there). */
  load(scope: string, json: string): void {
    let bases: ScopeBases
    try {
      bases = JSON.parse(json) as ScopeBases
    } catch {
      return
    }
    if (!bases || typeof bases !== 'object') return
    this.text.set(scope, json)
    this.noteHead(scope, bases)
  }

  has(scope: string): boolean {
    return this.parsed.has(scope) || this.text.has(scope) || this.parts.has(scope)
  }

  scopes(): string[] {
    return [...new Set([...this.parsed.keys(), ...this.text.keys(), ...this.parts.keys()])]
  }

  /** True when the desk and this library agreed on the story's header as present. */
  storyAgreed(storyId: string): boolean {
    return this.headAgreed.has(storyId)
  }

  /**
   * A scope's agreed versions, to read. `keep`: the sync is about to change this scope, so the parsed
   * scope is kept until the next save (a comparison of every scope keeps none).
   */
  of(scope: string, keep = true): Readonly<ScopeBases> | undefined {
    const parsed = this.parsed.get(scope)
    if (parsed) return parsed
    const parts = this.parts.get(scope)
    const json = parts ? joined(parts) : this.text.get(scope)
    if (json === undefined) return undefined
    const bases = JSON.parse(json) as ScopeBases
    if (keep) {
      this.parsed.set(scope, bases)
      this.parts.delete(scope)
    }
    return bases
  }

  get(scope: string, key: string): Base | undefined {
    return this.of(scope)?.[key]
  }

  set(scope: string, key: string, base: Base): void {
    let bases = this.of(scope) as ScopeBases | undefined
    if (!bases) this.parsed.set(scope, (bases = {}))
    if (base.value === null && (bases[key]?.value ?? null) === null && !bases[key]) return
    bases[key] = base
    this.changed.add(scope)
    if (key === `story:${scope}`) this.noteHead(scope, bases)
  }

  /**
   * As `set`, with the value as the JSON text it was sent as (null: deleted). A scope with no agreed
   * versions yet keeps the text as it is; any other scope parses it and is changed as by `set`.
   */
  setJson(scope: string, key: string, seq: number, json: string | null): void {
    const text = this.text.get(scope)
    if (this.parsed.has(scope) || (text !== undefined && text !== '{}'))
      return this.set(scope, key, { seq, value: json === null ? null : (JSON.parse(json) as UnitValue) })
    let parts = this.parts.get(scope)
    if (json === null && !parts?.has(key)) {
      // As `set`: deleting what was never agreed agrees nothing (the scope is still known).
      if (!parts && text === undefined) this.parsed.set(scope, {})
      return
    }
    if (!parts) this.parts.set(scope, (parts = new Map()))
    parts.set(key, `{"seq":${seq},"value":${json ?? 'null'}}`)
    this.changed.add(scope)
    if (key === `story:${scope}`) {
      if (json === null) this.headAgreed.delete(scope)
      else this.headAgreed.add(scope)
    }
  }

  /**
   * The scopes changed since the last save, as the text to write; from now on they are held as that
   * text, and no scope stays parsed.
   */
  save(): { scope: string; json: string }[] {
    const out: { scope: string; json: string }[] = []
    for (const scope of this.changed) {
      const parts = this.parts.get(scope)
      const json = parts ? joined(parts) : JSON.stringify(this.parsed.get(scope) ?? {})
      this.text.set(scope, json)
      out.push({ scope, json })
    }
    this.changed.clear()
    // A scope made by a read of nothing (see set) stays known, as it did while held as an object.
    for (const scope of this.parsed.keys()) if (!this.text.has(scope)) this.text.set(scope, '{}')
    this.parsed.clear()
    this.parts.clear()
    return out
  }

  private noteHead(scope: string, bases: ScopeBases): void {
    if ((bases[`story:${scope}`]?.value ?? null) !== null) this.headAgreed.add(scope)
    else this.headAgreed.delete(scope)
  }
}

/** A scope's versions as the JSON text of the object of its keys (each part the JSON of a Base). */
function joined(parts: ReadonlyMap<string, string>): string {
  let json = '{'
  for (const [key, base] of parts) json += `${json.length > 1 ? ',' : ''}${JSON.stringify(key)}:${base}`
  return `${json}}`
}
