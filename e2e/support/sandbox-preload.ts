// Runs the BUILT preload (out/preload/index.cjs) in a plain Chromium page the way Electron's
// sandboxed preload runs it: as a CommonJS function whose `require` serves only what the sandbox
// serves (`electron`, `events`, `timers`, `url`) and throws for anything else, as Electron does. So a
// preload that would fail in Electron fails every e2e journey under the browser driver too.
//
// `electron` is a small shim: `contextBridge.exposeInMainWorld` defines the global (frozen, as the
// real context bridge hands the page a frozen copy) and `ipcRenderer.invoke / on / removeListener`
// go to the Playwright binding `__factdeskInvoke` and to `__factdeskEmit`, which the driver calls
// when main sends an event.
import { readFile } from 'node:fs/promises'
import path from 'node:path'

export const builtPreload = (root: string): string => path.join(root, 'out/preload/index.cjs')

export async function sandboxedPreloadScript(root: string): Promise<string> {
  const file = builtPreload(root)
  let source: string
  try {
    source = await readFile(file, 'utf8')
  } catch {
    throw new Error(`${file} is missing: run "npm run build" first`)
  }
  return `(() => {
  globalThis.__name ??= (fn) => fn;
  const listeners = new Map();
  window.__factdeskEmit = (event, payload) => {
    for (const handler of [...(listeners.get(event) ?? [])]) handler({ sender: null }, payload);
  };
  const deepFreeze = (value) => {
    if (value && (typeof value === 'object' || typeof value === 'function') && !Object.isFrozen(value)) {
      Object.freeze(value);
      for (const key of Object.keys(value)) deepFreeze(value[key]);
    }
    return value;
  };
  const ipcRenderer = {
    invoke: (channel, ...args) => window.__factdeskInvoke(channel, args[0], args[1] ?? null).then((text) => JSON.parse(text)),
    on(event, handler) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(handler);
      return ipcRenderer;
    },
    removeListener(event, handler) {
      listeners.get(event)?.delete(handler);
      return ipcRenderer;
    }
  };
  const electron = {
    contextBridge: {
      exposeInMainWorld(key, api) {
        Object.defineProperty(window, key, { value: deepFreeze(api), writable: false, configurable: false, enumerable: true });
      }
    },
    ipcRenderer
  };
  class EventEmitter {
    #handlers = new Map();
    on(name, fn) { (this.#handlers.get(name) ?? this.#handlers.set(name, []).get(name)).push(fn); return this; }
    addListener(name, fn) { return this.on(name, fn); }
    once(name, fn) { const once = (...a) => { this.off(name, once); fn(...a); }; return this.on(name, once); }
    off(name, fn) { this.#handlers.set(name, (this.#handlers.get(name) ?? []).filter((h) => h !== fn)); return this; }
    removeListener(name, fn) { return this.off(name, fn); }
    emit(name, ...args) { const hs = this.#handlers.get(name) ?? []; for (const h of [...hs]) h(...args); return hs.length > 0; }
  }
  const sandboxModules = {
    electron,
    events: Object.assign(EventEmitter, { EventEmitter }),
    timers: { setTimeout, clearTimeout, setInterval, clearInterval },
    url: { URL, URLSearchParams }
  };
  const sandboxRequire = (name) => {
    if (Object.prototype.hasOwnProperty.call(sandboxModules, name)) return sandboxModules[name];
    throw new Error('module not found: ' + name);
  };
  const module = { exports: {} };
  try {
    new Function('require', 'module', 'exports', '__filename', '__dirname', ${JSON.stringify(source)})(sandboxRequire, module, module.exports, '/preload/index.cjs', '/preload');
  } catch (error) {
    // Electron reports a failing preload on the console and goes on loading the page without it.
    console.error('Unable to load preload script: out/preload/index.cjs\\n' + (error && error.stack ? error.stack : error));
  }
})();`
}
