// What the core needs from the platform it runs on. The Electron app supplies dialogs, the shell
// and Chromium printing; the e2e browser driver and tests supply stand-ins at their composition root.
import type { EventName, EventPayload } from '../shared/contract'

export interface PickedFile {
  fileName: string
  bytes: Uint8Array
}

export interface Platform {
  chooseLibraryFolder(): Promise<string | null>
  chooseImportFile(kind: 'story' | 'package'): Promise<PickedFile | null>
  chooseSavePath(suggestedName: string, extension: string): Promise<string | null>
  openExternal(url: string): Promise<void>
  revealFile(file: string): void
  printToPdf(html: string): Promise<Uint8Array>
  /** Remembers the library folder the user switched to, for the next start. */
  rememberLibrary(dir: string): Promise<void>
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void
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
