// Page furniture stays out of imported text, and the outlet, author and date come from the page's
// own metadata: hand-made pages with the markup of three news sites (test/fixtures/news-pages).
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { importFile } from './convert'

const pages = path.resolve(__dirname, '../../../test/fixtures/news-pages')
const page = (name: string) =>
  importFile({ fileName: name, bytes: new Uint8Array(readFileSync(path.join(pages, name))) })

describe('news pages: the story without its furniture', () => {
  it('nytimes.com markup: no caption, credit, ad slot, skip link, newsletter promo or related box; outlet from an @id publisher', async () => {
    const story = await page('nyt-style.html')
    expect(story.text).toContain('Water seeping into the Harbor Tunnel doubled this winter')
    expect(story.text).toContain('close one of the tunnel’s two lanes for repairs starting in April')
    for (const furniture of [
      'A crew pumping water',
      'Credit',
      'Sam Ortiz for The New York Times',
      'Advertisement',
      'Continue reading the main story',
      'Get New York Today in your inbox',
      'Related Coverage',
      'Why Water Mains Break'
    ])
      expect(story.text).not.toContain(furniture)
    expect(story.meta).toMatchObject({
      title: 'Harbor Tunnel Leaks Worsen After Salt Season',
      outlet: 'The New York Times',
      byline: 'Dana Whitfield',
      publishedAt: '2024-02-21T10:00:06.000Z'
    })
  })

  it('theguardian.com markup: no photograph credit, newsletter sign-up or related line; outlet, author and date from the meta tags', async () => {
    const story = await page('guardian-style.html')
    expect(story.text).toContain('Fares on the west coast ferry routes will rise by 12% from April')
    expect(story.text).toContain('review the operator’s figures')
    for (const furniture of [
      'Photograph',
      'A ferry leaves Oban harbour',
      'Sign up to First Edition',
      'Enter your email address',
      'Privacy Notice',
      'Related:',
      'New ferries delayed again'
    ])
      expect(story.text).not.toContain(furniture)
    expect(story.meta).toMatchObject({
      outlet: 'The Guardian',
      byline: 'Priya Raman',
      publishedAt: '2024-03-04T06:00:12.000Z'
    })
  })

  it('bbc.co.uk markup: no image source, caption, related topics or follow-us line; outlet, author and date from JSON-LD', async () => {
    const story = await page('bbc-style.html')
    expect(story.text).toContain('Half of Monday’s train services will be cancelled')
    expect(story.text).toContain('Aslef said the offer did not keep pace with inflation')
    for (const furniture of [
      'Image source',
      'Getty Images',
      'Image caption',
      'Platforms at Leeds',
      'Related topics',
      'Rail travel',
      'Follow BBC Transport'
    ])
      expect(story.text).not.toContain(furniture)
    expect(story.meta).toMatchObject({
      outlet: 'BBC News',
      byline: 'Tom Ashby',
      publishedAt: '2024-05-12T14:21:33.000Z'
    })
  })

  it('keeps a short sentence of the story that links a name', async () => {
    const html = `<html><body><article><h1>Budget</h1>
      <p>The city budget will rise by 4 per cent next year, the finance office said on Monday in its annual report to the council.</p>
      <p><a href="/people/lena-park">Lena Park</a> said no.</p>
      <p>Council members will vote on the plan in June, after two public hearings in the spring and a review by auditors.</p>
      <p>Related: <a href="/2024/budget-history">How the budget grew</a></p></article></body></html>`
    const story = await importFile({ fileName: 'linked.html', bytes: new TextEncoder().encode(html) })
    expect(story.text).toContain('Lena Park said no.')
    expect(story.text).not.toContain('How the budget grew')
  })
})
