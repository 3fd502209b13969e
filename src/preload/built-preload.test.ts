// The BUILT preload (out/preload/index.cjs, as Electron's sandbox runs it) builds no zod schema at load: it
// exposes every channel of the contract by name, and builds the schemas on the first call, or once the page's
// HTML is parsed. Each zod schema keeps its internals under `_zod`, set with Object.defineProperty, so counting
// those in the preload's own realm counts the schemas it has built. `npm test` builds before the unit tests.
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import vm from 'node:vm'
import { describe, expect, it } from 'vitest'
import { channelNames, eventNames } from '../shared/contract'

const builtPreload = path.resolve(__dirname, '../../out/preload/index.cjs')

interface Loaded {
  api: Record<string, unknown> & { on(event: string, listener: () => void): () => void }
  /** Schemas built so far in the preload's realm. */
  schemas(): number
  sent: unknown[][]
  /** The page's HTML parsed: what the document tells its readystatechange listeners. */
  parsed(): void
}

function loadPreload(): Loaded {
  expect(existsSync(builtPreload), 'run "npm run build" first').toBe(true)
  const sent: unknown[][] = []
  const readyListeners: (() => void)[] = []
  const document = {
    readyState: 'loading',
    addEventListener: (type: string, listener: () => void) => {
      if (type === 'readystatechange') readyListeners.push(listener)
    }
  }
  const count = { schemas: 0 }
  let api: Loaded['api'] | null = null
  const electron = {
    contextBridge: { exposeInMainWorld: (_key: string, value: Loaded['api']) => void (api = value) },
    ipcRenderer: {
      invoke: (...args: unknown[]) => {
        sent.push(args)
        return Promise.resolve({ ok: true, value: null })
      },
      on: () => undefined,
      removeListener: () => undefined
    }
  }
  const context = vm.createContext({ document, count, console })
  vm.runInContext(
    `const define = Object.defineProperty;
     Object.defineProperty = function (target, key, descriptor) {
       if (key === '_zod') count.schemas++;
       return define.call(this, target, key, descriptor);
     };`,
    context
  )
  const run = vm.runInContext(
    `(function (require, module, exports) {${readFileSync(builtPreload, 'utf8')}\n})`,
    context
  ) as (require: (name: string) => unknown, module: object, exports: object) => void
  const module = { exports: {} }
  run(
    (name) => {
      if (name === 'electron') return electron
      throw new Error(`module not found: ${name}`)
    },
    module,
    module.exports
  )
  if (!api) throw new Error('the preload exposed nothing')
  return {
    api,
    schemas: () => count.schemas,
    sent,
    parsed: () => {
      document.readyState = 'interactive'
      for (const listener of readyListeners) listener()
    }
  }
}

const settled = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

describe('the built preload', () => {
  it('exposes every channel and event of the contract and builds no schema at load', async () => {
    const preload = loadPreload()
    await settled()
    const exposed = Object.entries(preload.api)
      .filter(([, group]) => typeof group === 'object')
      .flatMap(([noun, group]) => Object.keys(group as object).map((verb) => `${noun}.${verb}`))
    expect(exposed.sort()).toEqual([...channelNames].sort())
    for (const event of eventNames) expect(() => preload.api.on(event, () => undefined)).not.toThrow()
    expect(() => preload.api.on('no.such', () => undefined)).toThrow(/Unknown event/)
    expect(preload.schemas()).toBe(0)
  })

  it('builds the contract on its first call, and checks that call against it', async () => {
    const preload = loadPreload()
    const claims = preload.api.claims as Record<string, (input: unknown, id?: string) => Promise<unknown>>
    const answer = (await claims.update!({ storyId: 42, claimId: 'c', patch: {} }, 'call-1')) as {
      ok: boolean
      error: { code: string; message: string }
    }
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    expect(answer.error.message).toContain('storyId')
    expect(preload.sent).toEqual([])
    expect(preload.schemas()).toBeGreaterThan(0)
    const app = preload.api.app as Record<string, (input?: unknown, id?: string) => Promise<unknown>>
    await app.info!(undefined, 'call-2')
    expect(preload.sent).toEqual([['app.info', {}, 'call-2']])
  })

  it('builds the contract once the page is parsed, before any call', async () => {
    const preload = loadPreload()
    await settled()
    expect(preload.schemas()).toBe(0)
    preload.parsed()
    await settled()
    expect(preload.schemas()).toBeGreaterThan(0)
    expect(preload.sent).toEqual([])
  })
})
