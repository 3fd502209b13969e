import { describe, expect, it } from 'vitest'
import type { LibraryQuery } from '../../shared/contract'
import type { StorySummary } from '../../shared/model'
import { StoryIndex } from './story-index'

const story = (id: string, over: Partial<StorySummary>): StorySummary => ({
  id,
  title: id,
  outlet: '',
  deskState: 'draft',
  claimCount: 0,
  orphanedCount: 0,
  recheckCount: 0,
  followUps: [],
  statusCounts: { open: 0, in_progress: 0, waiting: 0, done: 0 },
  assignees: [],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  updatedBy: null,
  deletedAt: null,
  ...over
})

const stories = [
  story('Budget', {
    updatedAt: '2026-03-01T00:00:00.000Z',
    claimCount: 4,
    statusCounts: { open: 0, in_progress: 0, waiting: 0, done: 4 },
    deskState: 'cleared'
  }),
  story('Aid', {
    updatedAt: '2026-05-01T00:00:00.000Z',
    claimCount: 2,
    statusCounts: { open: 1, in_progress: 0, waiting: 0, done: 1 },
    assignees: ['ann'],
    outlet: 'Wire'
  }),
  story('Census', {
    updatedAt: '2026-04-01T00:00:00.000Z',
    claimCount: 6,
    statusCounts: { open: 6, in_progress: 0, waiting: 0, done: 0 },
    deskState: 'in_check'
  }),
  story('Gone', { deletedAt: '2026-04-01T00:00:00.000Z' })
]
/** An index over index lines only: no story file can be read (full-text.test.ts reads them). */
const headlinesOnly = { read: () => Promise.reject(new Error('no story files here')), sources: () => [] }
const all: LibraryQuery = {
  query: '',
  deskState: 'all',
  assignee: 'all',
  desk: 'all',
  sort: 'updated',
  offset: 0,
  limit: 100
}
const titles = (index: StoryIndex, q: Partial<LibraryQuery> = {}) =>
  index.query({ ...all, ...q }).stories.map((s) => s.title)

describe('StoryIndex', () => {
  it('filters by how a story stands with the desk, and ignores that filter without a desk', () => {
    const index = new StoryIndex(stories, headlinesOnly)
    const mark = (id: string): 'pending' | 'synced' => (id === 'Aid' ? 'pending' : 'synced')
    const ids = (q: Partial<LibraryQuery>, m: ((id: string) => 'pending' | 'synced') | null) =>
      index.query({ ...all, ...q }, m).stories.map((s) => s.title)
    expect(ids({ desk: 'pending' }, mark)).toEqual(['Aid'])
    expect(ids({ desk: 'synced' }, mark)).toEqual(['Census', 'Budget'])
    expect(ids({ desk: 'conflict' }, mark)).toEqual([])
    expect(ids({ desk: 'pending' }, null)).toEqual(['Aid', 'Census', 'Budget'])
  })

  it('sorts by last change by default, newest first, and leaves trashed stories out', () => {
    expect(titles(new StoryIndex(stories, headlinesOnly))).toEqual(['Aid', 'Census', 'Budget'])
  })
  it('sorts least finished first by progress, and by title or claim count', () => {
    const index = new StoryIndex(stories, headlinesOnly)
    expect(titles(index, { sort: 'progress' })).toEqual(['Census', 'Aid', 'Budget'])
    expect(titles(index, { sort: 'title' })).toEqual(['Aid', 'Budget', 'Census'])
    expect(titles(index, { sort: 'claims' })).toEqual(['Census', 'Budget', 'Aid'])
  })
  it('filters by words (prefixes, any case or accent), desk state and assignee', () => {
    const index = new StoryIndex([...stories, story('Élections régionales', { outlet: 'Le Monde' })], headlinesOnly)
    expect(titles(index, { query: 'wire' })).toEqual(['Aid'])
    expect(titles(index, { query: 'elect REG' })).toEqual(['Élections régionales'])
    expect(titles(index, { query: 'elect budget' })).toEqual([])
    expect(titles(index, { query: '  –  ' })).toHaveLength(4)
    expect(titles(index, { deskState: 'cleared' })).toEqual(['Budget'])
    expect(titles(index, { assignee: 'ann' })).toEqual(['Aid'])
  })
  it('sends one page and the total', () => {
    const many = Array.from({ length: 250 }, (_, i) => story(`s${i}`, { title: `Story ${String(i).padStart(3, '0')}` }))
    const page = new StoryIndex(many, headlinesOnly).query({ ...all, sort: 'title', offset: 100, limit: 50 })
    expect(page.total).toBe(250)
    expect(page.stories.map((s) => s.title)).toEqual(many.slice(100, 150).map((s) => s.title))
  })
  it('follows changes: a new line replaces the old, a renamed story is found by its new words, a trashed one goes', () => {
    const index = new StoryIndex(stories, headlinesOnly)
    index.put({ ...stories[0]!, title: 'Spending review', updatedAt: '2026-06-01T00:00:00.000Z' })
    expect(titles(index)).toEqual(['Spending review', 'Aid', 'Census'])
    expect(titles(index, { query: 'budget' })).toEqual([])
    expect(titles(index, { query: 'spend' })).toEqual(['Spending review'])
    index.put({ ...stories[1]!, deletedAt: '2026-06-02T00:00:00.000Z' })
    expect(titles(index, { query: 'wire' })).toEqual([])
    expect(index.size).toBe(2)
    index.put({ ...stories[1]!, deletedAt: null })
    expect(titles(index, { query: 'wire' })).toEqual(['Aid'])
  })
})
