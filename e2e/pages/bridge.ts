// Calls window.factdesk from inside the page, exactly as the renderer does.
import type { Page } from '@playwright/test'

export async function callFromPage(
  page: Page,
  channel: string,
  input: unknown
): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }> {
  return page.evaluate(
    ([name, payload]) => {
      const [noun, verb] = (name as string).split('.') as [string, string]
      const api = (window as unknown as { factdesk: Record<string, Record<string, (i: unknown) => Promise<unknown>>> })
        .factdesk
      return api[noun]![verb]!(payload) as Promise<{
        ok: boolean
        value?: unknown
        error?: { code: string; message: string }
      }>
    },
    [channel, input] as const
  )
}
