import { describe, expect, it } from 'vitest'
import { StoryMeta } from '../../shared/model'
import { cleanMeta, isoDate, languageTag, shortText } from './story-meta'

describe('cleanMeta', () => {
  it('reads the date formats pages use, always with an offset', () => {
    expect(isoDate('2024-05-14T07:45:00+01:00')).toBe('2024-05-14T07:45:00+01:00')
    expect(isoDate('2024-05-14T07:45:00.123Z')).toBe('2024-05-14T07:45:00.123Z')
    expect(isoDate('2024-05-14T07:45+0100')).toBe('2024-05-14T07:45:00+01:00')
    expect(isoDate('2024-05-14 07:45:00')).toBe('2024-05-14T07:45:00Z')
    expect(isoDate('2024-05-14')).toBe('2024-05-14T00:00:00Z')
    expect(isoDate('Tue, 14 May 2024 06:45:00 GMT')).toBe('2024-05-14T06:45:00.000Z')
    expect(isoDate('2024-13-45')).toBe('')
    expect(isoDate('yesterday')).toBe('')
  })

  it('keeps language tags and drops anything else', () => {
    expect(languageTag('en-GB')).toBe('en-GB')
    expect(languageTag('pt_BR')).toBe('pt-BR')
    expect(languageTag('English (UK)')).toBe('')
  })

  it('drops what is not valid, warns about it, and always passes StoryMeta.partial()', () => {
    const warnings: string[] = []
    const meta = cleanMeta(
      {
        title: `  Headline\nwith a break ${'x'.repeat(600)}`,
        byline: '  ',
        outlet: 'The Ledger',
        url: 'javascript:alert(1)',
        publishedAt: 'last Tuesday',
        language: 'nonsense value'
      },
      'fallback',
      warnings
    )
    expect(StoryMeta.partial().safeParse(meta).success).toBe(true)
    expect(meta.title.startsWith('Headline with a break x')).toBe(true)
    expect(meta.title.length).toBeLessThanOrEqual(500)
    expect(meta.title.endsWith('…')).toBe(true)
    expect(meta).not.toHaveProperty('url')
    expect(meta).not.toHaveProperty('publishedAt')
    expect(meta).not.toHaveProperty('byline')
    expect(meta).not.toHaveProperty('language')
    expect(warnings).toEqual([
      expect.stringMatching(/Ignored the story address "javascript:alert\(1\)"/),
      expect.stringMatching(/Could not read the published date "last Tuesday"/)
    ])
  })

  it('falls back to the given title, then to "Untitled story"', () => {
    expect(cleanMeta({ title: '' }, 'aid claims', []).title).toBe('aid claims')
    expect(cleanMeta({}, '   ', []).title).toBe('Untitled story')
  })

  it('cuts long text at a word', () => {
    const cut = shortText(`${'word '.repeat(120)}end`)
    expect(cut).toMatch(/word…$/)
    expect(cut.length).toBeLessThanOrEqual(500)
  })
})
