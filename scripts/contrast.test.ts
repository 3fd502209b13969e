// Every text colour step (11) of every scale the app imports reads at 4.5:1 or more on the light theme's
// tinted backgrounds (its own steps 1 to 5, slate's and the indigo accent's), and white text on the solid
// steps 9 and 10 of gray and red, once contrast.css has had its say (WCAG 2.1 AA, 1.4.3).
import { readFileSync } from 'node:fs'
import path from 'node:path'
import * as radix from '@radix-ui/colors'
import { describe, expect, it } from 'vitest'
import { defaultStatusScale, defaultVerdictScale } from '../src/shared/model'
import { colourProblem, contrastRatio as ratio, themeBackgrounds } from '../src/shared/rules/contrast'

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

describe('the colours of verdicts and statuses', () => {
  it('are measured against the themes the app draws (Radix slate 1 and 2, light and dark, and white)', () => {
    const r = radix as unknown as Record<string, Record<string, string>>
    expect(themeBackgrounds.light).toEqual(['#ffffff', r.slate!.slate1, r.slate!.slate2])
    expect(themeBackgrounds.dark).toEqual([r.slateDark!.slate1, r.slateDark!.slate2])
  })

  it.each([...defaultVerdictScale, ...defaultStatusScale].map((e) => [e.name, e.colour]))(
    'the built-in %s (%s) reads 3:1 on both themes, with its name 4.5:1 on it',
    (_, colour) => {
      expect(colourProblem(colour)).toBeNull()
    }
  )
})
