// @vitest-environment jsdom
import { act } from 'react'
import { createRoot } from 'react-dom/client'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ErrorBoundary } from './FatalScreen'
import { startupCheck } from './startup'

;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

function Broken(): React.JSX.Element {
  throw new Error('claim list exploded')
}

describe('ErrorBoundary', () => {
  afterEach(() => {
    document.body.innerHTML = ''
    vi.restoreAllMocks()
  })

  it('shows the fatal screen with the log file and reports the error to main', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const reports: { message: string }[] = []
    const host = document.createElement('div')
    document.body.append(host)
    const root = createRoot(host)
    await act(async () => {
      root.render(
        <ErrorBoundary logFile="/tmp/logs/main.log" onError={(r) => reports.push(r)}>
          <Broken />
        </ErrorBoundary>
      )
    })
    expect(host.textContent).toContain('Something on this screen failed.')
    expect(host.textContent).toContain('claim list exploded')
    expect(host.textContent).toContain('/tmp/logs/main.log')
    expect(reports.map((r) => r.message)).toEqual(['claim list exploded'])
    root.unmount()
  })
})

describe('startupCheck', () => {
  it('finds a missing bridge, a hung main and a working one', async () => {
    expect(await startupCheck({})).toEqual({ ok: false, problem: { kind: 'no-bridge' } })
    const hung = { app: { info: () => new Promise(() => undefined) } }
    expect(await startupCheck({ factdesk: hung }, 20)).toMatchObject({ ok: false, problem: { kind: 'no-main' } })
    const info = { version: '1.0.0', logFile: '/x/main.log', libraryDir: '/lib' }
    expect(await startupCheck({ factdesk: { app: { info: async () => ({ ok: true, value: info }) } } })).toEqual({
      ok: true,
      info
    })
  })
})
