// Committed pages for each case the HTML import used to get wrong: interface words from forms and
// buttons, bylines from microdata, profile addresses or dates, JSON-LD in CDATA, site names in
// titles, line breaks and list markers.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { importFile } from './convert'

const fixture = (name: string) =>
  importFile({ fileName: name, bytes: new Uint8Array(readFileSync(path.join(__dirname, 'fixtures', name))) })

describe('HTML import: the article and only the article', () => {
  it('leaves out the words of forms, buttons and inputs, around and inside the article', async () => {
    const story = await fixture('forms.html')
    expect(story.text).toContain('the city budget would rise by 4 per cent next year')
    for (const junk of [
      'Preview yellow theme',
      'Leave a reply',
      'Clear this text input',
      'Subscribe',
      'Post comment',
      'Write a comment',
      'Dark'
    ])
      expect(story.text).not.toContain(junk)
  })

  it('reads the byline from itemprop="author", not from a profile address', async () => {
    const story = await fixture('itemprop-byline.html')
    expect(story.meta.byline).toBe('Dana Whitfield')
    expect(story.meta.publishedAt).toBe('2024-06-04T08:00:00Z')
  })

  it('never takes a date or an address as a byline', async () => {
    const story = await fixture('date-byline.html')
    expect(story.meta).not.toHaveProperty('byline')
  })

  it('reads JSON-LD wrapped in CDATA, skipping authors given only as addresses', async () => {
    const story = await fixture('cdata-jsonld.html')
    expect(story.meta).toMatchObject({
      title: 'Budget rises 4 per cent',
      byline: 'Dana Whitfield',
      outlet: 'City Courier',
      publishedAt: '2024-06-04T08:00:00Z'
    })
  })

  it('strips the site name from the title', async () => {
    expect((await fixture('site-name-title.html')).meta.title).toBe('Municipal budget')
    expect((await fixture('forms.html')).meta.title).toBe('Budget rises 4 per cent')
  })

  it('keeps <br> lines and list markers', async () => {
    const paragraphs = (await fixture('line-breaks.html')).text.split('\n\n')
    expect(paragraphs).toEqual(
      expect.arrayContaining([
        'The ten happiest countries:',
        '1. Finland',
        '2. Denmark',
        '3. Iceland',
        '1. People rate their lives from 0 to 10.',
        '2. Scores are averaged over three years.',
        '• Finland has topped the list eight years running.'
      ])
    )
  })
})
