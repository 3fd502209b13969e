import { describe, expect, it } from 'vitest'
import type { StorySummary } from '../../../shared/model'
import { defaultLibraryFilter, viewStories } from './library-view'

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
  story('Budget', { updatedAt: '2026-03-01T00:00:00.000Z', claimCount: 4, statusCounts: { open: 0, in_progress: 0, waiting: 0, done: 4 }, deskState: 'cleared' }),
  story('Aid', { updatedAt: '2026-05-01T00:00:00.000Z', claimCount: 2, statusCounts: { open: 1, in_progress: 0, waiting: 0, done: 1 }, assignees: ['ann'], outlet: 'Wire' }),
  story('Census', { updatedAt: '2026-04-01T00:00:00.000Z', claimCount: 6, statusCounts: { open: 6, in_progress: 0, waiting: 0, done: 0 }, deskState: 'in_check' })
]
const titles = (list: StorySummary[]) => list.map((s) => s.title)

describe('viewStories', () => {
  it('sorts by last change by default, newest first', () => {
    expect(titles(viewStories(stories, defaultLibraryFilter))).toEqual(['Aid', 'Census', 'Budget'])
  })
  it('sorts least finished first by progress, and by title or claim count', () => {
    expect(titles(viewStories(stories, { ...defaultLibraryFilter, sort: 'progress' }))).toEqual(['Census', 'Aid', 'Budget'])
    expect(titles(viewStories(stories, { ...defaultLibraryFilter, sort: 'title' }))).toEqual(['Aid', 'Budget', 'Census'])
    expect(titles(viewStories(stories, { ...defaultLibraryFilter, sort: 'claims' }))).toEqual(['Census', 'Budget', 'Aid'])
  })
  it('filters by words, desk state and assignee', () => {
    expect(titles(viewStories(stories, { ...defaultLibraryFilter, query: 'wire' }))).toEqual(['Aid'])
    expect(titles(viewStories(stories, { ...defaultLibraryFilter, deskState: 'cleared' }))).toEqual(['Budget'])
    expect(titles(viewStories(stories, { ...defaultLibraryFilter, assignee: 'ann' }))).toEqual(['Aid'])
  })
})
