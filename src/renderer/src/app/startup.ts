// The window's startup check: is the preload's bridge there, and does main answer? Run before the
// app renders, so a broken preload or a hung main shows a clear screen instead of a blank window.
import type { AppInfo } from '../../../shared/contract'

export type StartupProblem = { kind: 'no-bridge' } | { kind: 'no-main'; detail: string }

export type StartupResult = { ok: true; info: AppInfo } | { ok: false; problem: StartupProblem }

export const MAIN_ANSWER_TIMEOUT_MS = 8000

export async function startupCheck(
  target: { factdesk?: unknown } = window as unknown as { factdesk?: unknown },
  timeoutMs = MAIN_ANSWER_TIMEOUT_MS
): Promise<StartupResult> {
  const bridge = target.factdesk as { app?: { info?: (input: object) => Promise<unknown> } } | undefined
  if (typeof bridge !== 'object' || bridge === null || typeof bridge.app?.info !== 'function')
    return { ok: false, problem: { kind: 'no-bridge' } }
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)))
  try {
    const answer = await Promise.race([bridge.app.info({}), timeout])
    if (answer === 'timeout')
      return {
        ok: false,
        problem: {
          kind: 'no-main',
          detail: `The main process did not answer within ${Math.round(timeoutMs / 1000)} seconds.`
        }
      }
    const result = answer as { ok?: boolean; value?: AppInfo; error?: { message?: string } }
    if (result?.ok && result.value) return { ok: true, info: result.value }
    return {
      ok: false,
      problem: {
        kind: 'no-main',
        detail: result?.error?.message ?? 'The main process answered with something unexpected.'
      }
    }
  } catch (error) {
    return { ok: false, problem: { kind: 'no-main', detail: error instanceof Error ? error.message : String(error) } }
  } finally {
    clearTimeout(timer)
  }
}

/** Where main writes its log by default (Electron's per-user logs folder), for when main cannot tell us. */
export function defaultLogFile(userAgent: string = navigator.userAgent): string {
  if (/Mac OS X|Macintosh/.test(userAgent)) return '~/Library/Logs/Factdesk/main.log'
  if (/Windows/.test(userAgent)) return '%APPDATA%\\Factdesk\\logs\\main.log'
  return '~/.config/Factdesk/logs/main.log'
}
