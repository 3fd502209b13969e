// Every text colour step (11) of every scale the app imports reads at 4.5:1 or more on the light theme's
// tinted backgrounds (its own steps 1 to 5, slate's and the indigo accent's), and white text on the solid
// steps 9 and 10 of gray and red in both themes, once contrast.css has had its say (WCAG 2.1 AA, 1.4.3).
import { readFileSync } from 'node:fs'
import path from 'node:path'
import * as radix from '@radix-ui/colors'
import { describe, expect, it } from 'vitest'
import { defaultStatusScale, defaultVerdictScale } from '../src/shared/model'
import { colourProblem, contrastRatio as ratio, themeBackgrounds } from '../src/shared/rules/contrast'

const css = (name: string): string => readFileSync(path.resolve(__dirname, '../src/renderer/src', name), 'utf8')
const scales = Array.from(css('radix.css').matchAll(/tokens\/colors\/(\w+)\.css/g), (m) => m[1]!)
/** contrast.css's values for one theme's block (`.radix-themes.light` or `.radix-themes.dark`). */
const overridesOf = (theme: 'light' | 'dark'): Map<string, string> => {
  const block = new RegExp(`\\.radix-themes\\.${theme}\\s*\\{([^}]*)\\}`).exec(css('contrast.css'))?.[1] ?? ''
  return new Map(Array.from(block.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6})/gi), (m) => [m[1]!, m[2]!]))
}
const overrides = overridesOf('light')
const darkOverrides = overridesOf('dark')

const light = (scale: string, step: number): string => {
  const token = `${scale}-${step}`
  return (
    overrides.get(token) ?? (radix as unknown as Record<string, Record<string, string>>)[scale]![`${scale}${step}`]!
  )
}
const dark = (scale: string, step: number): string =>
  darkOverrides.get(`${scale}-${step}`) ??
  (radix as unknown as Record<string, Record<string, string>>)[`${scale}Dark`]![`${scale}${step}`]!

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

describe('dark theme contrast tokens', () => {
  // A solid button's text is white in the dark theme too; its hover is step 10 (axe caught a hovered
  // gray one at 4.23:1).
  it.each(['gray', 'slate', 'red'])('white text on solid %s (steps 9 and 10) is 4.5:1', (scale) => {
    for (const step of [9, 10])
      expect(ratio('#ffffff', dark(scale, step)), `${scale}-${step}`).toBeGreaterThanOrEqual(4.5)
  })

  it('keeps a hover lighter than its button, as the dark scales do', () => {
    for (const scale of ['gray', 'slate', 'red'])
      expect(ratio('#ffffff', dark(scale, 10))).toBeLessThan(ratio('#ffffff', dark(scale, 9)))
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
