// Every text colour step (11) of every scale the app imports reads at 4.5:1 or more on the light theme's
// tinted backgrounds (its own steps 1 to 5, slate's and the indigo accent's), and white text on the solid
// steps 9 and 10 of gray and red, once contrast.css has had its say (WCAG 2.1 AA, 1.4.3).
import { readFileSync } from 'node:fs'
import path from 'node:path'
import * as radix from '@radix-ui/colors'
import { describe, expect, it } from 'vitest'

const css = (name: string): string => readFileSync(path.resolve(__dirname, '../src/renderer/src', name), 'utf8')
const scales = Array.from(css('radix.css').matchAll(/tokens\/colors\/(\w+)\.css/g), (m) => m[1]!)
const overrides = new Map(
  Array.from(css('contrast.css').matchAll(/--([\w-]+):\s*(#[0-9a-f]{6})/gi), (m) => [m[1]!, m[2]!])
)

const light = (scale: string, step: number): string => {
  const token = `${scale}-${step}`
  return (
    overrides.get(token) ?? (radix as unknown as Record<string, Record<string, string>>)[scale]![`${scale}${step}`]!
  )
}

const luminance = (hex: string): number => {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  })
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!
}
const ratio = (a: string, b: string): number => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (hi! + 0.05) / (lo! + 0.05)
}

describe('light theme contrast tokens', () => {
  it('reads every scale the app imports', () => {
    expect(scales).toEqual(expect.arrayContaining(['gray', 'slate', 'indigo', 'amber', 'green', 'red']))
  })

  it.each(scales)('%s step 11 is 4.5:1 on the tinted backgrounds it is used on', (scale) => {
    const text = light(scale, 11)
    for (const step of [1, 2, 3, 4, 5])
      for (const bg of [scale, 'slate', 'indigo'])
        expect(ratio(text, light(bg, step)), `${scale}-11 on ${bg}-${step}`).toBeGreaterThanOrEqual(4.5)
    // The alpha step is the one callouts and soft buttons write with: the same colour on white.
    if (overrides.has(`${scale}-11`)) expect(overrides.get(`${scale}-a11`)).toBe(text)
  })

  it.each(['gray', 'slate', 'red'])('white text on solid %s (steps 9 and 10) is 4.5:1', (scale) => {
    for (const step of [9, 10]) expect(ratio('#ffffff', light(scale, step))).toBeGreaterThanOrEqual(4.5)
  })
})
