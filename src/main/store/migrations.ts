// Upgrades for files written by earlier versions, keyed by the version they upgrade from. Each
// takes the raw record and returns it in the next version's shape; the loader validates the result.
import { defaultStatusScale, defaultVerdictScale, type Claim } from '../../shared/model'
import { storyOrder } from '../../shared/rules/claims'

type Raw = Record<string, unknown>
type Migrations = Record<number, (data: Raw) => Raw>

const isRecord = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * Claims say which part of the story their words are in (the headline could not be marked before,
 * so every earlier claim is in the story text). Malformed claims are left for the schema to refuse.
 */
function claimsInStoryText(data: Raw): Raw {
  if (!Array.isArray(data.claims)) return data
  return {
    ...data,
    claims: data.claims.map((c: unknown) =>
      isRecord(c) && isRecord(c.anchor) ? { ...c, anchor: { part: 'body', ...c.anchor } } : c
    )
  }
}

/**
 * Story record 3 -> 4 (story state 5 -> 6): a story keeps a corrections log (none before), and a piece
 * of evidence can be marked as a place the claim appeared (none was).
 */
function correctionsAndAppearances(data: Raw): Raw {
  return {
    ...data,
    story: isRecord(data.story) ? { corrections: [], ...data.story } : data.story,
    evidence: Array.isArray(data.evidence)
      ? data.evidence.map((e: unknown) => (isRecord(e) ? { appearance: false, ...e } : e))
      : data.evidence
  }
}

/** Story record 4 -> 5 (story state 6 -> 7): claims keep their second reviews (none before). */
function claimReviews(data: Raw): Raw {
  if (!Array.isArray(data.claims)) return data
  return { ...data, claims: data.claims.map((c: unknown) => (isRecord(c) ? { reviews: [], ...c } : c)) }
}

/** Library 3 -> 4 for one source (a package's sources too): no source was confidential before. */
export const sourceToV4 = (source: unknown): unknown => (isRecord(source) ? { confidential: null, ...source } : source)

/**
 * 1 -> 2: stable claim numbers, checked words, re-check, contact log, sign-off, the "checked
 * against" note. Numbers are given once, in story order, and stored with the next free number.
 * A claim that already had a verdict or was Done is taken as checked against its present words:
 * nothing older was recorded, and flagging every old verdict would bury the real re-checks.
 */
export const storyMigrations: Migrations = {
  1: (data) => {
    const story = data.story as Raw
    const claims = (data.claims as Raw[]).map((c) => ({ ...c }))
    const ordered = [...claims].sort((a, b) => storyOrder(a as unknown as Claim, b as unknown as Claim))
    ordered.forEach((claim, i) => {
      const anchor = claim.anchor as Claim['anchor']
      const checked = claim.verdict !== null || claim.status === 'done'
      Object.assign(claim, {
        number: i + 1,
        checkedAgainst: '',
        checked: checked
          ? {
              exact: anchor.quote.exact,
              prefix: anchor.quote.prefix,
              suffix: anchor.quote.suffix,
              revision: anchor.revision,
              at: claim.updatedAt,
              by: claim.updatedBy
            }
          : null,
        recheck: null,
        contacts: []
      })
    })
    return { ...data, story: { ...story, signOff: null, nextClaimNumber: claims.length + 1 }, claims }
  },
  /** 2 -> 3: claims may be in the headline; every earlier one is in the story text. */
  2: claimsInStoryText,
  3: correctionsAndAppearances,
  4: claimReviews
}

/**
 * 1 -> 2: index lines gain re-check and follow-up counts (none before); settings gain the hard rule;
 * who is editing belongs to the machine, not the library, so a copied library no longer carries it.
 */
export const libraryMigrations: Migrations = {
  1: (data) => {
    const settings: Raw = { ...(data.settings as Raw), requireCheckedAgainst: false }
    delete settings.currentEditorId
    return {
      ...data,
      stories: (data.stories as Raw[]).map((s) => ({ ...s, recheckCount: 0, followUps: [] })),
      settings
    }
  },
  /**
   * 2 -> 3: the index is the same; stories moved from stories/<id>.json into folders (migrate.ts),
   * and the version makes an older Factdesk open such a library read-only rather than miss them.
   */
  2: (data) => data,
  /**
   * 3 -> 4: settings gain the logo and the transparency statements (empty), sources can be confidential
   * (none was).
   */
  3: (data) => ({
    ...data,
    settings: isRecord(data.settings)
      ? {
          organisationLogoUrl: '',
          transparency: { methodology: '', correctionsPolicyUrl: '', contact: '', funding: '' },
          ...data.settings
        }
      : data.settings,
    sources: Array.isArray(data.sources) ? data.sources.map(sourceToV4) : data.sources
  }),
  /** 4 -> 5: the desk may ask for a second review before Done (it did not). */
  4: (data) => ({
    ...data,
    settings: isRecord(data.settings) ? { requireSecondReview: false, ...data.settings } : data.settings
  }),
  /** 5 -> 6: the names of the built-in verdicts and statuses become the desk's scales. */
  5: (data) => ({ ...data, settings: isRecord(data.settings) ? scalesFromLabels(data.settings) : data.settings })
}

/**
 * Library 5 -> 6: the built-in verdicts and statuses become the desk's scales, in their old order, under the
 * names the desk gave them (so every existing claim keeps its verdict id and prints what it printed), with
 * the built-in colours and ratings. A name that is not a string is left for the schema to refuse.
 */
export function scalesFromLabels(settings: Raw): Raw {
  const { verdictLabels, statusLabels, ...rest } = settings
  const named = <E extends { id: string; name: string }>(scale: readonly E[], labels: unknown): E[] =>
    scale.map((e) => ({ ...e, name: isRecord(labels) && labels[e.id] !== undefined ? labels[e.id] : e.name }) as E)
  return {
    verdicts: named(defaultVerdictScale, verdictLabels),
    statuses: named(defaultStatusScale, statusLabels),
    ...rest
  }
}

/**
 * Story folder state (story.json), format 3 -> 4: the change journal (story-journal.ts) starts
 * empty. The version makes an older Factdesk open such a story read-only rather than miss the
 * journal's changes; the format 3 file is kept beside it as story.json.v3.bak.
 */
export const storyStateMigrations: Migrations = {
  3: (data) => ({ ...data, journalSeq: 0 }),
  /** 4 -> 5, as story records 2 -> 3: claims may be in the headline; every earlier one is in the story text. */
  4: claimsInStoryText,
  /** 5 -> 6, as story records 3 -> 4: the corrections log and evidence marked as an appearance. */
  5: correctionsAndAppearances,
  /** 6 -> 7, as story records 4 -> 5: claims keep their second reviews. */
  6: claimReviews
}

/** The story state format that started the change journal (journal.jsonl): older folders have none. */
const FIRST_JOURNAL_STATE = 4

/**
 * A journal line as an older version wrote it, in the present shape. Lines carry no format of their own and a
 * journal can outlive an upgrade (a crash before the fold, or a story that left memory with a short journal),
 * so every upgrade since the journal began is run on each line's story, claims and evidence. Those upgrades only
 * fill what is missing, so a line already in the present shape comes through unchanged. Without this, an
 * upgrade read the older lines as damage and dropped the saves they held.
 */
export function upgradeJournalLine(line: unknown): unknown {
  if (!isRecord(line)) return line
  const claims = isRecord(line.claims) ? line.claims : null
  const evidence = isRecord(line.evidence) ? line.evidence : null
  let record: Raw = { story: line.story, claims: claims?.put, evidence: evidence?.put }
  for (const [from, migrate] of Object.entries(storyStateMigrations))
    if (Number(from) >= FIRST_JOURNAL_STATE) record = migrate(record)
  return {
    ...line,
    ...(line.story !== undefined && { story: record.story }),
    ...(claims && { claims: { ...claims, put: record.claims } }),
    ...(evidence && { evidence: { ...evidence, put: record.evidence } })
  }
}

/** Runs a story record up to the current version (a verification package carries story records too). */
export function upgradeStoryRecord(data: Raw, currentVersion: number): Raw {
  let record = data
  for (
    let v = typeof record.schemaVersion === 'number' ? record.schemaVersion : currentVersion;
    v < currentVersion;
    v++
  ) {
    const migrate = storyMigrations[v]
    if (!migrate) return record
    record = { ...migrate(record), schemaVersion: v + 1 }
  }
  return record
}
