// Importing annotations onto a story: a W3C Web Annotation collection or a Hypothesis export, each
// annotation placed through the normal anchoring (shared/text/anchor.ts) as a new claim, or listed as
// orphaned when its words are not in the story. The whole file goes in one write, or nothing does.
import type { GroupHandlers } from '../registry'
import type { AnnotationImportResult } from '../../shared/contract'
import {
  defaultVerdictScale,
  IsoDate,
  type Claim,
  type ClaimAnchor,
  type Comment,
  type Person,
  type Settings,
  type StoryFile
} from '../../shared/model'
import { checkedNow, claimLabel, claimOnWords, isChecked } from '../../shared/rules/claims'
import { verdictChoices, verdictName } from '../../shared/rules/scales'
import { CONTEXT_LENGTH, resolveAnchor } from '../../shared/text/anchor'
import { anchorRange, partText, type PartRange } from '../../shared/text/parts'
import { trimRange } from '../../shared/text/range'
import { readAnnotationFile, type ReadAnnotation } from '../package/web-annotation'
import { aboutClaim, newClaim } from './claims'
import { asFound, currentEditor, logActivity, type ServiceContext } from './context'
import { summaryFor } from './values'

const norm = (s: string): string =>
  s
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ')

/**
 * An assessment names a verdict the desk gives now by its name, a name it had before, its built-in name or
 * its id (an export prints the name a verdict had when it was given).
 */
function verdictNamed(assessment: string, settings: Settings): string | null {
  const a = norm(assessment)
  const builtIn = (id: string): string => defaultVerdictScale.find((d) => d.id === id)?.name ?? id
  const found = verdictChoices(settings).find(
    (v) =>
      norm(v.id) === a ||
      norm(v.name) === a ||
      norm(builtIn(v.id)) === a ||
      v.formerNames.some((f) => norm(f.name) === a)
  )
  return found?.id ?? null
}

/** Where the annotation's words are in the story now: in the part its selectors name, else the text, then the headline. */
function place(file: StoryFile, a: ReadAnnotation): { range: PartRange; how: 'exact' | 'moved' | 'fuzzy' } | null {
  if (!a.quote) return null
  const parts = a.part === 'headline' ? (['headline'] as const) : (['body', 'headline'] as const)
  for (const part of parts) {
    const text = partText(file.story, part)
    const anchor: ClaimAnchor = {
      part,
      quote: {
        type: 'TextQuoteSelector',
        exact: a.quote.exact,
        prefix: a.quote.prefix.slice(-CONTEXT_LENGTH),
        suffix: a.quote.suffix.slice(0, CONTEXT_LENGTH)
      },
      position: {
        type: 'TextPositionSelector',
        start: a.position?.start ?? 0,
        end: a.position?.end ?? a.quote.exact.length
      },
      revision: file.story.revision
    }
    const resolved = resolveAnchor(anchor, text, file.story.revision)
    if (resolved.status === 'orphaned') continue
    const trimmed = trimRange(text, anchorRange(resolved.anchor))
    if (trimmed) return { range: { part, ...trimmed }, how: resolved.status }
  }
  return null
}

export function placeAnnotations(
  ctx: ServiceContext,
  file: StoryFile,
  read: ReadAnnotation[],
  by: string,
  settings: Settings,
  people: Person[]
): AnnotationImportResult {
  const at = ctx.now().toISOString()
  const result: AnnotationImportResult = { placed: [], orphaned: [], skipped: [], replies: 0 }
  const byName = new Map(people.map((p) => [p.name.trim().toLowerCase(), p.id]))
  const claims = new Map<string, Claim>()
  const comments = (a: ReadAnnotation): Comment[] =>
    a.comments
      .filter((c) => c.body.trim())
      .map((c) => {
        const person = byName.get(c.by.trim().toLowerCase())
        // Someone not on this desk keeps their name in the words; the comment is the importer's.
        const body = person || !c.by.trim() ? c.body : `${c.by.trim()}: ${c.body}`
        return {
          id: ctx.newId(),
          body: body.slice(0, 20_000),
          by: person ?? by,
          at: c.at && IsoDate.safeParse(c.at).success ? c.at : at
        }
      })

  for (const a of read) {
    if (a.replyTo !== null) continue
    const words = a.quote?.exact ?? ''
    if (!a.quote) {
      result.orphaned.push({ words, reason: 'It quotes no words to place it by (no TextQuoteSelector).' })
      continue
    }
    const spot = place(file, a)
    if (!spot) {
      result.orphaned.push({ words, reason: 'Its words are not in this story as it stands.' })
      continue
    }
    const twin = claimOnWords(asFound(file.claims), spot.range)
    if (twin) {
      result.skipped.push({ words, reason: `Those words are already ${claimLabel(twin.number)}.` })
      continue
    }
    const unknown = a.assessment !== null && verdictNamed(a.assessment, settings) === null
    const verdict = a.assessment === null ? null : verdictNamed(a.assessment, settings)
    const claim = newClaim(file, spot.range, ctx.newId(), by, at, {
      verdict,
      rationale: a.rationale,
      restatement: a.restatement,
      tags: a.tags
    })
    if (isChecked(claim)) claim.checked = checkedNow(claim, by, at)
    claim.comments = comments(a)
    if (unknown)
      claim.comments.push({
        id: ctx.newId(),
        body: `Assessed as “${a.assessment}” in the annotation (not one of this desk’s verdicts).`,
        by,
        at
      })
    file.claims.push(claim)
    const placedWords = claim.anchor.quote.exact
    logActivity(ctx, file, by, {
      action: 'claim.created',
      claimId: claim.id,
      to: placedWords.slice(0, 300),
      summary: aboutClaim(
        claim,
        `Marked “${summaryFor(placedWords)}” from an annotation${a.creator ? ` by ${a.creator}` : ''}`
      )
    })
    if (verdict)
      logActivity(ctx, file, by, {
        action: 'claim.updated',
        claimId: claim.id,
        field: 'verdict',
        from: null,
        to: verdict,
        summary: aboutClaim(claim, `Verdict “${verdictName(settings, verdict)}” taken from the annotation`)
      })
    claims.set(a.ref, claim)
    result.placed.push({ claimId: claim.id, label: claimLabel(claim.number), words: placedWords, how: spot.how })
  }

  for (const a of read) {
    if (a.replyTo === null) continue
    const claim = claims.get(a.replyTo)
    const added = comments(a)
    if (!claim || added.length === 0) {
      result.skipped.push({
        words: a.comments[0]?.body.slice(0, 200) ?? '',
        reason: 'A reply to an annotation that was not placed.'
      })
      continue
    }
    claim.comments.push(...added)
    result.replies++
  }
  if (result.placed.length > 0) file.story.updatedAt = at
  return result
}

export function annotationHandlers(ctx: ServiceContext) {
  return {
    importAnnotations: async ({ storyId, file }) => {
      const by = currentEditor(ctx)
      const read = readAnnotationFile(new Uint8Array(Buffer.from(file.dataBase64, 'base64')))
      const { settings, people } = ctx.store.library
      return ctx.store.updateStory(storyId, (draft) => placeAnnotations(ctx, draft, read, by, settings, people))
    }
  } satisfies GroupHandlers<'annotations'>
}
