// A core over a temp library folder with recording stand-ins for the platform, for tests and benchmarks.
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { Channel, ChannelInput, ChannelOutput, EventName } from '../../shared/contract'
import { createCore, type Core, type CoreOptions } from '../core'
import { memoryIdentity, type EditorIdentity } from '../identity'
import { memorySecrets, type EditMenuState, type Platform } from '../platform'
import type { Sender } from '../dispatch'

export const TEST_ORIGIN = 'app://factdesk'
export const appSender: Sender = { url: `${TEST_ORIGIN}/index.html`, isMainFrame: true }
export const sampleStoryPath = path.resolve(__dirname, '../../../resources/sample-story.txt')

export interface TestPlatform extends Platform {
  events: { event: EventName; payload: unknown }[]
  /** The editor's answer to the local-network question, and each question asked. */
  networkConsent: { answer: boolean; asked: { page: string; host: string; address: string }[] }
  opened: string[]
  saveDir: string | null
  /** The folder the editor picks in the next folder dialog (null: cancelled). */
  libraryFolder: string | null
  /** Each state the Edit menu's Undo / Redo were set to, in order. */
  editMenu: EditMenuState[]
}

export function testPlatform(): TestPlatform {
  const platform: TestPlatform = {
    events: [],
    opened: [],
    saveDir: null,
    libraryFolder: null,
    editMenu: [],
    setEditMenu: (state) => void platform.editMenu.push(state),
    networkConsent: { answer: false, asked: [] },
    askNetworkConsent: async (question) => {
      platform.networkConsent.asked.push(question)
      return platform.networkConsent.answer
    },
    chooseLibraryFolder: async () => platform.libraryFolder,
    chooseImportFile: async () => null,
    chooseSavePath: async (name) => (platform.saveDir ? path.join(platform.saveDir, name) : null),
    openExternal: async (url) => void platform.opened.push(url),
    revealFile: () => undefined,
    rememberLibrary: async () => undefined,
    secrets: memorySecrets(),
    emit: (event, payload) => void platform.events.push({ event, payload })
  }
  return platform
}

export interface TestCore {
  core: Core
  dir: string
  platform: TestPlatform
  /** Who is editing, as this "machine" remembers it; pass it on when opening the folder again. */
  identity: EditorIdentity
  /** Calls a channel as the app window would and returns the value, failing loudly on an error. */
  call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>
  /** The same without the contract's types, for tests that send what the contract would refuse. */
  callRaw(channel: string, input: unknown): Promise<unknown>
  /** Closes the core and opens the same folder again with the same options, as a restart of the app does. */
  restart(): Promise<void>
  cleanup(): Promise<void>
}

export async function openTestCore(overrides: Partial<CoreOptions> = {}): Promise<TestCore> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'factdesk-test-'))
  const dir = overrides.libraryDir ?? path.join(root, 'library')
  const platform = (overrides.platform as TestPlatform | undefined) ?? testPlatform()
  const identity = overrides.identity ?? memoryIdentity()
  const options: CoreOptions = {
    libraryDir: dir,
    platform,
    identity,
    sampleStoryPath,
    isTrustedOrigin: (url) => url.startsWith(`${TEST_ORIGIN}/`),
    checkOutput: true,
    ...overrides
  }
  // Calls go to whichever core is current, so a test that restarts talks to the restarted one.
  const callRaw = async (channel: string, input: unknown): Promise<unknown> => {
    const result = await t.core.dispatch(channel, input, appSender)
    if (!result.ok) throw new Error(`${channel} failed: ${result.error.code}: ${result.error.message}`)
    return result.value
  }
  const t: TestCore = {
    core: await createCore(options),
    dir,
    platform,
    identity,
    async call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
      return (await callRaw(channel, input)) as ChannelOutput<C>
    },
    callRaw,
    async restart() {
      await t.core.close()
      t.core = await createCore(options)
    },
    async cleanup() {
      await t.core.close()
      await rm(root, { recursive: true, force: true })
    }
  }
  return t
}

/** Adds an editor and makes them current, as the first-run picker does. */
export async function withEditor(t: TestCore, name = 'Test Editor'): Promise<string> {
  const person = await t.call('people.create', { name })
  await t.call('people.setCurrent', { id: person.id })
  return person.id
}
