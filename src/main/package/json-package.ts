// The JSON verification package: a versioned, full-fidelity copy of stories that another library can import.
import { z } from 'zod'
import { IsoDate, Person, Source, STORY_SCHEMA_VERSION, StoryFile, VerdictScale } from '../../shared/model'
import { AppError } from '../../shared/result'
import { sourceToV4, upgradeStoryRecord } from '../store/migrations'
import type { ReportModel } from '../reports/model'
import { referencedSources } from '../reports/references'

export const PACKAGE_FORMAT = 'factdesk.verification-package'
/** 2: the package carries the desk's verdict scale, so its verdicts print as they did when given. */
export const PACKAGE_VERSION = 2

export const VerificationPackage = z
  .strictObject({
    format: z.literal(PACKAGE_FORMAT),
    version: z.literal(PACKAGE_VERSION),
    exportedAt: IsoDate,
    stories: z.array(StoryFile),
    sources: z.array(Source),
    people: z.array(Person),
    /** The exporting desk's verdict scale (names, former names, ratings); absent in a version 1 package. */
    verdicts: VerdictScale.optional()
  })
  .superRefine((pkg, ctx) => {
    // The schemas check each record; these check that the records point at each other.
    const storyIds = new Set<string>()
    const sourceIds = new Set(pkg.sources.map((s) => s.id))
    pkg.stories.forEach((file, i) => {
      const id = file.story.id
      if (storyIds.has(id))
        ctx.addIssue({ code: 'custom', path: ['stories', i, 'story', 'id'], message: `story ${id} appears twice` })
      storyIds.add(id)
      const claimIds = new Set(file.claims.map((c) => c.id))
      file.claims.forEach((c, j) => {
        if (c.storyId !== id)
          ctx.addIssue({
            code: 'custom',
            path: ['stories', i, 'claims', j, 'storyId'],
            message: `claim ${c.id} belongs to another story`
          })
      })
      file.evidence.forEach((e, j) => {
        if (!claimIds.has(e.claimId))
          ctx.addIssue({
            code: 'custom',
            path: ['stories', i, 'evidence', j, 'claimId'],
            message: `evidence ${e.id} points at a claim that is not in the story`
          })
        if (!sourceIds.has(e.sourceId))
          ctx.addIssue({
            code: 'custom',
            path: ['stories', i, 'evidence', j, 'sourceId'],
            message: `evidence ${e.id} cites a source that is not in the package`
          })
      })
    })
  })
export type VerificationPackage = z.infer<typeof VerificationPackage>

/** A claim without the desk's working record: its comments and the contact log (personal data). */
const withoutWorkingRecord = (file: StoryFile): StoryFile => ({
  ...file,
  claims: file.claims.map((c) => ({ ...c, comments: [], contacts: [] }))
})

/**
 * Full fidelity on purpose: the report options (excerpts, activity, orphaned) do not thin the
 * package. Only the working record (comments, contacts) waits for an internal export.
 */
export function toPackage(model: ReportModel): VerificationPackage {
  const stories = model.options.internal ? model.files : model.files.map(withoutWorkingRecord)
  return {
    format: PACKAGE_FORMAT,
    version: PACKAGE_VERSION,
    exportedAt: model.generatedAt,
    stories,
    sources: referencedSources(stories, model.sources),
    people: model.people,
    verdicts: model.scales.verdicts
  }
}

export const renderPackage = (model: ReportModel): string => `${JSON.stringify(toPackage(model), null, 2)}\n`

const invalid = (message: string, issues?: { path: string; message: string }[]): AppError =>
  new AppError('invalid_input', message, issues)

/** Reads a package file, telling the person what is wrong in words they can act on. */
export function parsePackage(text: string): VerificationPackage {
  let raw: unknown
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (error) {
    throw invalid(
      `This file is not a verification package: it is not valid JSON (${error instanceof Error ? error.message : String(error)}).`
    )
  }
  const head = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : null
  if (!head || head.format !== PACKAGE_FORMAT) {
    throw invalid(
      'This file is not a Factdesk verification package (export one with Export › JSON verification package).'
    )
  }
  if (typeof head.version !== 'number' || !Number.isInteger(head.version) || head.version < 1) {
    throw invalid('This verification package has no valid version number, so it cannot be read safely.')
  }
  if (head.version > PACKAGE_VERSION) {
    throw invalid(
      `This verification package was made by a newer version of Factdesk (package version ${head.version}; this one reads up to ${PACKAGE_VERSION}). Update Factdesk to import it.`
    )
  }
  // Stories from an older Factdesk are upgraded as the library upgrades its own files.
  const stories = Array.isArray(head.stories)
    ? head.stories.map((s: unknown) =>
        typeof s === 'object' && s !== null && !Array.isArray(s)
          ? upgradeStoryRecord(s as Record<string, unknown>, STORY_SCHEMA_VERSION)
          : s
      )
    : head.stories
  // Sources carry no version of their own: one from before confidential sources was not confidential.
  const sources = Array.isArray(head.sources) ? head.sources.map(sourceToV4) : head.sources
  // A version 1 package is a version 2 package without the scale.
  const parsed = VerificationPackage.safeParse({ ...head, version: PACKAGE_VERSION, stories, sources })
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.message
    }))
    const first = issues
      .slice(0, 3)
      .map((i) => `${i.path || '(top)'}: ${i.message}`)
      .join('; ')
    const more = issues.length > 3 ? ` and ${issues.length - 3} more` : ''
    throw invalid(`This verification package is damaged or incomplete: ${first}${more}.`, issues.slice(0, 50))
  }
  return parsed.data
}
