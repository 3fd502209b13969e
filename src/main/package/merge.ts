// mergePackage: folds a verification package into a library without duplicating stories, claims or sources.
import type { PackageImportResult } from '../../shared/contract/transfer'
import type { Claim, Person, Source, Story, StoryFile } from '../../shared/model'
import { partText } from '../../shared/text/parts'
import type { VerificationPackage } from './json-package'
import { matchSources, missingPeople } from './merge-sources'

export interface MergeResult {
  storiesToWrite: StoryFile[]
  sourcesToAdd: Source[]
  peopleToAdd: Person[]
  counts: PackageImportResult
}

type ClaimCounts = PackageImportResult['claims']

/** Newer wins; ISO strings with offsets are compared as instants, not as text. */
const newer = (a: string, b: string): boolean => Date.parse(a) > Date.parse(b)

function unionById<T extends { id: string }>(
  mine: T[],
  theirs: T[],
  pick: (mine: T, theirs: T) => T = (m) => m
): { list: T[]; changed: boolean } {
  const index = new Map(mine.map((item, i) => [item.id, i]))
  const list = [...mine]
  let changed = false
  for (const item of theirs) {
    const at = index.get(item.id)
    if (at === undefined) {
      index.set(item.id, list.length)
      list.push(item)
      changed = true
    } else {
      const chosen = pick(list[at] as T, item)
      if (chosen !== list[at]) changed = true
      list[at] = chosen
    }
  }
  return { list, changed }
}

/**
 * A claim whose words are not at its position in the merged text (the two sides were at different
 * revisions) is marked orphaned for an editor to re-place, never silently moved.
 */
function checkAnchor(claim: Claim, story: Pick<Story, 'title' | 'text'>): Claim {
  const { position, quote, part } = claim.anchor
  return claim.orphaned || partText(story, part).slice(position.start, position.end) === quote.exact
    ? claim
    : { ...claim, orphaned: true }
}

function mergeStory(mine: StoryFile, theirs: StoryFile, counts: ClaimCounts): { file: StoryFile; changed: boolean } {
  // The story record follows the later revision, then the later edit; local wins a tie.
  const takeTheirs =
    theirs.story.revision > mine.story.revision ||
    (theirs.story.revision === mine.story.revision && newer(theirs.story.updatedAt, mine.story.updatedAt))
  const story = takeTheirs ? theirs.story : mine.story
  const revisions = unionById(
    mine.revisions.map((r) => ({ ...r, id: String(r.revision) })),
    theirs.revisions.map((r) => ({ ...r, id: String(r.revision) }))
  )
  const claims = unionById(mine.claims, theirs.claims, (m, t) => {
    if (!newer(t.updatedAt, m.updatedAt)) {
      counts.unchanged++
      return m
    }
    counts.updated++
    // Comments and contact attempts are append-only on both sides (and a public package carries
    // neither), so keep every one whichever version of the claim wins.
    return {
      ...t,
      comments: unionById(t.comments, m.comments).list.sort((a, b) => Date.parse(a.at) - Date.parse(b.at)),
      contacts: unionById(t.contacts, m.contacts).list.sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
    }
  })
  counts.added += claims.list.length - mine.claims.length
  const evidence = unionById(mine.evidence, theirs.evidence, (m, t) => (newer(t.updatedAt, m.updatedAt) ? t : m))
  const activity = unionById(mine.activity, theirs.activity)
  const changed = takeTheirs || revisions.changed || claims.changed || evidence.changed || activity.changed
  const numbered = keepNumbersUnique(claims.list, mine.claims)
  const file: StoryFile = {
    schemaVersion: mine.schemaVersion,
    story: {
      ...story,
      // A correction either desk logged stays logged.
      corrections: unionById(mine.story.corrections, theirs.story.corrections).list.sort((a, b) =>
        a.at.localeCompare(b.at)
      ),
      nextClaimNumber: Math.max(
        mine.story.nextClaimNumber,
        theirs.story.nextClaimNumber,
        ...numbered.map((c) => c.number + 1)
      )
    },
    revisions: revisions.list.map(({ id: _id, ...r }) => r).sort((a, b) => a.revision - b.revision),
    claims: numbered.map((c) => checkAnchor(c, story)),
    evidence: evidence.list,
    activity: activity.list
  }
  return { file, changed }
}

/**
 * Two desks that each marked a new claim gave both the same next number. The claims this library
 * already had keep theirs (a printed "C7" must keep pointing at the same claim); an arriving claim
 * whose number is taken gets the next free one.
 */
function keepNumbersUnique(claims: Claim[], mine: Claim[]): Claim[] {
  const kept = new Set(mine.map((c) => c.id))
  const taken = new Set(mine.map((c) => c.number))
  let next = Math.max(0, ...claims.map((c) => c.number)) + 1
  return claims.map((c) => {
    if (kept.has(c.id)) return c
    if (!taken.has(c.number)) {
      taken.add(c.number)
      return c
    }
    const number = next++
    taken.add(number)
    return { ...c, number }
  })
}

/** Points evidence and contact attempts at this library's copy of each source. */
function remapSources(file: StoryFile, idMap: Map<string, string>): StoryFile {
  const moved =
    file.evidence.some((e) => idMap.get(e.sourceId) !== e.sourceId) ||
    file.claims.some((c) => c.contacts.some((x) => x.sourceId !== null && idMap.get(x.sourceId) !== x.sourceId))
  if (!moved) return file
  return {
    ...file,
    evidence: file.evidence.map((e) => ({ ...e, sourceId: idMap.get(e.sourceId) ?? e.sourceId })),
    claims: file.claims.map((c) => ({
      ...c,
      contacts: c.contacts.map((x) => ({
        ...x,
        sourceId: x.sourceId === null ? null : (idMap.get(x.sourceId) ?? null)
      }))
    }))
  }
}

/** Records keep their own ids and timestamps, so exporting and importing again is exact. */
export function mergePackage(
  pkg: VerificationPackage,
  existing: { stories: Map<string, StoryFile>; sources: Source[]; people: Person[] }
): MergeResult {
  const sources = matchSources(pkg.sources, existing.sources)
  const counts: PackageImportResult = {
    stories: { added: 0, merged: 0 },
    claims: { added: 0, updated: 0, unchanged: 0 },
    sources: { added: sources.added, reused: sources.reused }
  }
  const storiesToWrite: StoryFile[] = []
  for (const incoming of pkg.stories) {
    const remapped = remapSources(incoming, sources.idMap)
    const mine = existing.stories.get(incoming.story.id)
    if (!mine) {
      counts.stories.added++
      counts.claims.added += remapped.claims.length
      storiesToWrite.push(remapped)
      continue
    }
    counts.stories.merged++
    const merged = mergeStory(mine, remapped, counts.claims)
    if (merged.changed) storiesToWrite.push(merged.file)
  }
  return {
    storiesToWrite,
    sourcesToAdd: sources.sourcesToAdd,
    peopleToAdd: missingPeople(pkg.people, existing.people),
    counts
  }
}
