import { readFileSync } from 'node:fs'
import path from 'node:path'
import postcss from 'postcss'
import { describe, expect, it } from 'vitest'
import { dropResponsiveVariants } from './responsive-css'

const radix = (file: string): string =>
  readFileSync(path.resolve(__dirname, '../../node_modules/@radix-ui/themes', file), 'utf8')

const rulesOutsideMinWidth = (css: string): string[] => {
  const kept: string[] = []
  postcss.parse(css).walkRules((rule) => {
    const media = rule.parent?.type === 'atrule' ? (rule.parent as postcss.AtRule) : null
    if (!(media?.name === 'media' && /min-width/.test(media.params))) kept.push(rule.toString())
  })
  return kept
}

describe('the build leaves out Radix Themes per-breakpoint prop classes', () => {
  for (const file of ['components.css', 'utilities.css']) {
    it(`${file}: no breakpoint class is left, and every other rule is kept as it was`, async () => {
      const source = radix(file)
      const { css } = await postcss([dropResponsiveVariants()]).process(source, { from: undefined })
      expect(source).toMatch(/\.(xs|md|xl)\\:rt-/)
      expect(css).not.toMatch(/(xs|sm|md|lg|xl)\\:/)
      expect(rulesOutsideMinWidth(css)).toEqual(rulesOutsideMinWidth(source))
      expect(css.length).toBeLessThan(source.length * 0.6)
    })
  }

  it("keeps the app's own min-width rules and a block that mixes both", async () => {
    const source = [
      '@media (min-width: 900px) { .library { gap: 4px } }',
      '@media (min-width: 520px) { .xs\\:rt-r-p-2 { padding: 2px } .story-view { margin: 0 } }',
      '@media (min-width: 768px) { .md\\:rt-r-size-1 { width: 1px } }'
    ].join('\n')
    const { css } = await postcss([dropResponsiveVariants()]).process(source, { from: undefined })
    expect(css).toContain('.library { gap: 4px }')
    expect(css).toContain('.story-view { margin: 0 }')
    expect(css).not.toContain('rt-r-')
    expect(css).not.toContain('768px')
  })
})
