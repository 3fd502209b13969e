// The channel registry: every call declared once (noun once per group, verb once as a key), answered
// by exactly one handler, and the read-only list derived from what each call declares.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  channelGroups,
  channelNames,
  channels,
  contract,
  eventNames,
  flattenGroups,
  NoInput,
  Nothing,
  read,
  readChannels,
  write,
  type Channel
} from '../shared/contract'
import { AppError } from '../shared/result'
import { createDispatch } from './dispatch'
import { handlersOf, type Registry } from './registry'

const root = path.resolve(__dirname, '../..')

/** A registry answering every declared call with a spy that records its name. */
function spyRegistry(seen: string[]): Registry {
  const registry: Record<string, Record<string, () => null>> = {}
  for (const [id, group] of Object.entries(channelGroups))
    registry[id] = Object.fromEntries(
      Object.keys(group.channels).map((verb) => [
        verb,
        () => {
          seen.push(`${group.noun}.${verb}`)
          return null
        }
      ])
    )
  return registry as unknown as Registry
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) return sourceFiles(full)
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : []
  })
}

/** Source without its comments (which may name a call in prose); strings keep their `//`. */
const withoutComments = (text: string): string =>
  text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[\s;{}])\/\/.*$/gm, '$1')

describe('the channel registry', () => {
  it('gives every declared call exactly one handler, and refuses a registry with one missing, extra or unknown', () => {
    const handlers = handlersOf(spyRegistry([]))
    expect(Object.keys(handlers).sort()).toEqual([...channelNames].sort())

    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(channelGroups)), fc.nat(), (id, pick) => {
        const group = channelGroups[id as keyof typeof channelGroups]
        const verbs = Object.keys(group.channels)
        const verb = verbs[pick % verbs.length] as string
        const missingVerb = spyRegistry([]) as unknown as Record<string, Record<string, unknown>>
        delete missingVerb[id]![verb]
        expect(() => handlersOf(missingVerb as unknown as Registry)).toThrow(`"${group.noun}.${verb}" has no handler`)

        const missingGroup = spyRegistry([]) as unknown as Record<string, unknown>
        delete missingGroup[id]
        expect(() => handlersOf(missingGroup as unknown as Registry)).toThrow(`No handlers for the "${id}" group`)

        const extra = spyRegistry([]) as unknown as Record<string, Record<string, unknown>>
        extra[id]!.notDeclared = () => null
        expect(() => handlersOf(extra as unknown as Registry)).toThrow(`"${group.noun}.notDeclared"`)
      })
    )
    const unknown = { ...spyRegistry([]), nowhere: { x: () => null } } as unknown as Registry
    expect(() => handlersOf(unknown)).toThrow('"nowhere", a group the contract does not declare')
  })

  it('refuses a call declared by two groups that share a noun', () => {
    const first = channels('stories', { get: read(NoInput, Nothing) })
    const second = channels('stories', { get: write(NoInput, Nothing) })
    expect(() => flattenGroups({ first, second })).toThrow('"stories.get" is declared twice')
    expect(Object.keys(flattenGroups({ first, other: channels('stories', { put: write(NoInput, Nothing) }) }))).toEqual(
      ['stories.get', 'stories.put']
    )
    // Two groups in the live contract never declare the same call.
    const declared = Object.values(channelGroups).flatMap((g) => Object.keys(g.channels).map((v) => `${g.noun}.${v}`))
    expect(new Set(declared).size).toBe(declared.length)
    expect(declared.length).toBe(channelNames.length)
  })

  it('types no channel name out in main, the preload or the contract, and lists none in a union or as a key anywhere', () => {
    const names = new Set<string>(channelNames)
    const events = new Set<string>(eventNames)
    const literal = /(['"`])([a-z]+\.[A-Za-z]+)\1/g
    const found: string[] = []
    for (const dir of ['src/main', 'src/preload', 'src/shared', 'src/renderer']) {
      for (const file of sourceFiles(path.join(root, dir))) {
        const rel = path.relative(root, file)
        // Test helpers call channels by name, as tests do; they declare none.
        if (rel.split(path.sep).includes('testing')) continue
        const text = withoutComments(readFileSync(file, 'utf8'))
        for (const match of text.matchAll(literal)) {
          const name = match[2] as string
          if (!names.has(name)) continue
          const after = text.slice((match.index ?? 0) + match[0].length).trimStart()
          const before = text.slice(0, match.index ?? 0).trimEnd()
          const declares = after.startsWith(':') || before.endsWith('|') || after.startsWith('|')
          // The renderer calls channels by name (a use, checked by the compiler); elsewhere any mention is a second copy.
          // Events main sends (`desk.status`) share a name with a call; sending one is not declaring the call.
          const use = rel.startsWith(path.join('src', 'renderer')) || events.has(name)
          const declaresEvent = events.has(name) && rel === path.join('src', 'shared', 'contract', 'events.ts')
          if (declaresEvent) continue
          if (declares || !use) found.push(`${rel}: ${name}`)
        }
      }
    }
    expect(found).toEqual([])
  })

  it('derives the read-only list from what each call declares, and a read-only library refuses exactly the rest before their handler', async () => {
    expect(readChannels).toEqual(channelNames.filter((c) => !contract[c].mutates))
    expect(readChannels).toEqual(
      expect.arrayContaining(['stories.get', 'library.search', 'export.report', 'library.open'])
    )
    expect(readChannels).not.toEqual(expect.arrayContaining(['claims.update']))

    const seen: string[] = []
    let refusing = true
    const dispatch = createDispatch(handlersOf(spyRegistry(seen)), {
      isTrustedOrigin: () => true,
      writeRefusal: () => (refusing ? new AppError('read_only', 'This library is open read-only.') : null)
    })
    const sender = { url: 'app://factdesk/index.html', isMainFrame: true }
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...channelNames), fc.boolean(), async (name: Channel, readOnly) => {
        refusing = readOnly
        seen.length = 0
        const result = await dispatch(name, {}, sender)
        const refused = !result.ok && result.error.code === 'read_only'
        expect(refused).toBe(readOnly && contract[name].mutates)
        if (refused) expect(seen).toEqual([])
      }),
      { numRuns: channelNames.length * 4 }
    )
  })
})
