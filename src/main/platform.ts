// What the core needs from the platform it runs on. The Electron app supplies dialogs and the shell; the e2e browser driver and tests supply stand-ins at their composition root.
import type { EventName, EventPayload } from '../shared/contract'
import { AppError } from '../shared/result'

export interface PickedFile {
  fileName: string
  bytes: Uint8Array
}

/** Secrets kept by the platform: Electron encrypts them with safeStorage (the OS keychain); never plain JSON. */
export interface SecretStore {
  save(key: string, secret: string): Promise<void>
  load(key: string): Promise<string | null>
  remove(key: string): Promise<void>
}

/** What the system says about its encrypted storage (Electron's safeStorage, or a stand-in). */
export interface SecretBackend {
  available: boolean
  /** Linux only: the backend safeStorage chose (`basic_text` means a fixed key and no keyring); null elsewhere. */
  backend: string | null
}

/**
 * Why the system cannot keep a secret, in words that say what to do; null when it can. The one rule
 * for both the Electron store and its stand-ins: `basic_text` (a fixed, public key) is not encryption.
 */
export function noEncryption({ available, backend }: SecretBackend): string | null {
  if (!available)
    return 'This system offers no encrypted storage, so the desk password is not saved: it is asked for at each connect.'
  if (backend === 'basic_text' || backend === 'unknown')
    return 'No keyring is running, so the desk password is not saved: it is asked for at each connect. To save it, install and unlock a keyring (GNOME Keyring or KWallet; for example `sudo apt install gnome-keyring`), log in again, and reconnect.'
  return null
}

/**
 * Keeps secrets in memory only: the test and browser-driver stand-in. Given a backend, it refuses
 * as the Electron store does on that system (a `basic_text` backend refuses to save).
 */
export function memorySecrets(system: SecretBackend = { available: true, backend: null }): SecretStore {
  const kept = new Map<string, string>()
  return {
    async save(key, secret) {
      const why = noEncryption(system)
      if (why) throw new AppError('unsupported', why)
      kept.set(key, secret)
    },
    load: async (key) => kept.get(key) ?? null,
    remove: async (key) => void kept.delete(key)
  }
}

export interface Platform {
  /** A library folder: to open it, or ('archive') to import its checked claims into this library's memory. */
  chooseLibraryFolder(purpose?: 'open' | 'archive'): Promise<string | null>
  chooseImportFile(kind: 'story' | 'package'): Promise<PickedFile | null>
  chooseSavePath(suggestedName: string, extension: string): Promise<string | null>
  openExternal(url: string): Promise<void>
  revealFile(file: string): void
  /** Remembers the library folder the user switched to, for the next start. */
  rememberLibrary(dir: string): Promise<void>
  /**
   * Asks the editor, in a dialog main shows (never the page), whether an import of `page` may read
   * `host` (`address`), which is on this computer or the local network. True when they allow it.
   */
  askNetworkConsent(question: { page: string; host: string; address: string }): Promise<boolean>
  /** Where the desk password is kept between runs. */
  secrets: SecretStore
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void
  /** Greys or enables the Edit menu's Undo and Redo (services/history.ts decides; the menu starts greyed). */
  setEditMenu(state: EditMenuState): void
}

/** Whether the Edit menu's Undo and Redo can act now. */
export interface EditMenuState {
  undo: boolean
  redo: boolean
}

/** Only http(s) and mailto links leave the app, and only after parsing. */
export function externalUrl(raw: string): string | null {
  try {
    const url = new URL(raw)
    return ['http:', 'https:', 'mailto:'].includes(url.protocol) ? url.toString() : null
  } catch {
    return null
  }
}
