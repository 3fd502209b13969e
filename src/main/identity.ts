// Who is editing belongs to the machine, not to the library: a library copied to another machine
// (or synced from a desk) must ask who is editing rather than stamp changes with the last user.
// The Electron app keeps the choice in its per-user config; tests and the browser driver pass their own.

export interface EditorIdentity {
  /** The editor this machine last chose for the library in `libraryDir`, or null. */
  load(libraryDir: string): Promise<string | null>
  save(libraryDir: string, editorId: string): Promise<void>
}

/** Remembers choices for as long as the process lives. */
export function memoryIdentity(): EditorIdentity {
  const chosen = new Map<string, string>()
  return {
    load: async (dir) => chosen.get(dir) ?? null,
    save: async (dir, id) => void chosen.set(dir, id)
  }
}

/** What main remembers of the editor's answers to "may this import read <host> on your local network?" */
export interface NetworkHosts {
  allowed(host: string): Promise<boolean>
  allow(host: string): Promise<void>
}

/** Remembers allowed hosts for as long as the process lives. */
export function memoryNetworkHosts(): NetworkHosts {
  const hosts = new Set<string>()
  return {
    allowed: async (host) => hosts.has(host),
    allow: async (host) => void hosts.add(host)
  }
}

/** How often this computer checks the published pages of signed-off stories (whole hours; null: off). */
export interface WatchSchedule {
  hours(): Promise<number | null>
  setHours(hours: number | null): Promise<void>
}

/** Remembers the schedule for as long as the process lives; off to begin with. */
export function memoryWatchSchedule(): WatchSchedule {
  let chosen: number | null = null
  return {
    hours: async () => chosen,
    setHours: async (hours) => void (chosen = hours)
  }
}
