// How sure "Checked before" is of an earlier check, in words and colour (the band comes from main's re-rank).
import type { EarlierCheck } from '../../../shared/contract'

export const bandLabel: Record<EarlierCheck['band'], string> = {
  strong: 'Same claim, likely',
  possible: 'Possibly the same',
  weak: 'Weak match'
}

export const bandColor: Record<EarlierCheck['band'], 'green' | 'amber' | 'gray'> = {
  strong: 'green',
  possible: 'amber',
  weak: 'gray'
}

/** When every result is weak, the desk has no close match: the results are only the nearest it has. */
export const noCloseMatch = (matches: EarlierCheck[]): boolean => matches.length > 0 && matches[0]?.band === 'weak'
