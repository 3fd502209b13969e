import { describe, expect, it } from 'vitest'
import type { Activity } from '../../../shared/model'
import {
  connectHint,
  connectInput,
  conflictedClaims,
  DELETED_FIELD,
  originOf,
  pendingWords,
  sideChoices,
  valueWords,
  type ConnectDraft
} from './sync-words'

const entry = (over: Partial<Activity>): Activity => ({
  id: Math.random().toString(36).slice(2),
  at: '2026-01-01T10:00:00.000Z',
  by: 'ana',
  action: 'claim.updated',
  storyId: 's1',
  claimId: 'c1',
  field: 'verdict',
  from: null,
  to: 'false',
  summary: 'verdict changed',
  ...over
})

const draft: ConnectDraft = {
  mode: 'parts',
  url: '',
  host: ' 127.0.0.1 ',
  port: '5433',
  database: '',
  user: 'jonas',
  password: 'pw',
  ssl: true,
  deskId: 'newsroom'
}

describe('sync words', () => {
  it('finds who set a field to a value, newest first, and says nothing when the history does not know', () => {
    const log = [
      entry({ by: 'ana', to: 'false', at: '2026-01-01T10:00:00.000Z' }),
      entry({ by: 'ben', to: 'accurate', at: '2026-01-01T11:00:00.000Z' }),
      entry({ by: 'cy', to: 'false', at: '2026-01-01T12:00:00.000Z' })
    ]
    expect(originOf(log, 'c1', 'verdict', 'false')).toEqual({ by: 'cy', at: '2026-01-01T12:00:00.000Z' })
    expect(originOf(log, 'c1', 'verdict', 'accurate')).toEqual({ by: 'ben', at: '2026-01-01T11:00:00.000Z' })
    expect(originOf(log, 'c1', 'verdict', 'misleading')).toBeNull()
    expect(originOf(log, 'c2', 'verdict', 'false')).toBeNull()
    expect(originOf([entry({ field: 'tags', to: ['a', 'b'] })], 'c1', 'tags', ['a', 'b'])).toMatchObject({ by: 'ana' })
  })

  it('reads values as an editor would', () => {
    const labels = (field: string, v: string): string | null => (field === 'verdict' && v === 'false' ? 'False' : null)
    expect(valueWords('verdict', 'false', labels)).toBe('False')
    expect(valueWords('verdict', null, labels)).toBe('No verdict yet')
    expect(valueWords('rationale', '', labels)).toBe('(empty)')
    expect(valueWords('tags', ['x', 'y'])).toBe('x, y')
    expect(valueWords(DELETED_FIELD, 'deleted')).toBe('Deleted')
    expect(pendingWords(0)).toBe('All changes shared')
    expect(pendingWords(1)).toBe('1 change waiting to sync')
  })

  it('lists the claims of a story with a conflict', () => {
    const conflict = { key: 'claim:c1', kind: 'claim' as const, storyId: 's1', unitId: 'c1', fields: [] }
    expect([
      ...conflictedClaims(
        [
          conflict,
          { ...conflict, key: 'claim:c9', storyId: 's2', unitId: 'c9' },
          { ...conflict, key: 'evidence:e1', kind: 'evidence', unitId: 'e1' }
        ],
        's1'
      )
    ]).toEqual(['c1'])
  })

  it('turns the dialog into desk.connect input, refusing a bad port or desk id in words', () => {
    expect(connectInput(draft)).toEqual({
      host: '127.0.0.1',
      port: 5433,
      database: undefined,
      user: 'jonas',
      password: 'pw',
      ssl: true,
      deskId: 'newsroom'
    })
    expect(connectInput({ ...draft, mode: 'url', url: ' postgresql://jonas@h/db ' })).toEqual({
      url: 'postgresql://jonas@h/db',
      password: 'pw',
      ssl: true,
      deskId: 'newsroom'
    })
    expect(() => connectInput({ ...draft, port: '54x' })).toThrow('whole number')
    expect(() => connectInput({ ...draft, deskId: '' })).toThrow('desk id')
    expect(connectHint('forbidden')).toContain('password')
    expect(connectHint('unsupported')).toContain('TLS')
  })

  it('offers keep or delete against a delete, each mapped to the side desk.resolve applies', () => {
    const show = (v: unknown): string => String(v)
    // Deleted here, edited on the desk: keeping takes the desk's side; deleting takes this library's.
    expect(sideChoices({ field: DELETED_FIELD, local: 'deleted', remote: 'edited' }, 'claim', show)).toEqual([
      { side: 'remote', text: 'Keep the claim (edited on the desk)' },
      { side: 'local', text: 'Delete it (deleted here)' }
    ])
    expect(
      sideChoices({ field: DELETED_FIELD, local: 'edited', remote: 'deleted' }, 'claim', show).map((o) => o.side)
    ).toEqual(['local', 'remote'])
    expect(sideChoices({ field: 'verdict', local: 'false', remote: 'accurate' }, 'claim', show)).toEqual([
      { side: 'local', text: 'This library: false' },
      { side: 'remote', text: 'The desk: accurate' }
    ])
    // A conflict another editor's library found: the other side is theirs.
    expect(sideChoices({ field: 'verdict', local: 'false', remote: 'accurate' }, 'claim', show, 'ben')[1]).toEqual({
      side: 'remote',
      text: 'ben’s library: accurate'
    })
  })
})
