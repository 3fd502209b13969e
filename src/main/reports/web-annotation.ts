// A story's claims as a W3C Web Annotation collection (JSON-LD, https://www.w3.org/TR/annotation-model/):
// what Hypothesis, Recogito and annotation stores exchange. Read back by ../package/web-annotation.ts.
import { printedVerdict } from '../../shared/rules/scales'
import type { Claim, StoryFile } from '../../shared/model'
import { storyOrder } from '../../shared/rules/claims'
import { jsonForScript } from './escape'
import type { ReportModel } from './model'

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld'
/** The selector a headline claim's selectors refine: the page's headline. */
export const HEADLINE_SELECTOR = 'h1'

export const annotationId = (claimId: string): string => `urn:factdesk:claim:${claimId}`
/** The body that holds a claim's rationale, told apart from its comments (both `commenting`). */
export const rationaleId = (claimId: string): string => `${annotationId(claimId)}#rationale`

const generator = { id: 'urn:factdesk:app', type: 'Software', name: 'Factdesk' } as const

const textual = (purpose: string, value: string, extra: Record<string, unknown> = {}) => ({
  type: 'TextualBody',
  purpose,
  value,
  format: 'text/plain',
  ...extra
})

/** The story as annotation tools know it: its URL (or a URN of its own), at the revision the claims were read on. */
function storySource(file: StoryFile): string {
  return file.story.url || `urn:factdesk:story:${file.story.id}`
}

function annotation(model: ReportModel, file: StoryFile, claim: Claim): Record<string, unknown> {
  const nameOf = (id: string | null): string => model.people.find((p) => p.id === id)?.name ?? id ?? ''
  const { quote, position, part } = claim.anchor
  const quoteSelector = { type: 'TextQuoteSelector', exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix }
  const positionSelector = { type: 'TextPositionSelector', start: position.start, end: position.end }
  // An orphaned claim has no place in the text: only its words travel.
  const plain = claim.orphaned ? [quoteSelector] : [quoteSelector, positionSelector]
  const selector =
    part === 'headline'
      ? plain.map((refinedBy) => ({ type: 'CssSelector', value: HEADLINE_SELECTOR, refinedBy }))
      : plain
  const revision = file.revisions.find((r) => r.revision === claim.anchor.revision)
  const bodies: Record<string, unknown>[] = []
  if (claim.verdict) bodies.push(textual('assessing', printedVerdict(model.scales, claim)))
  if (claim.rationale) bodies.push(textual('commenting', claim.rationale, { id: rationaleId(claim.id) }))
  if (claim.restatement) bodies.push(textual('describing', claim.restatement))
  for (const tag of claim.tags) bodies.push(textual('tagging', tag))
  // Comments are the desk's working record: only in an internal export, as every report does.
  if (model.options.internal)
    for (const c of claim.comments)
      bodies.push(
        textual('commenting', c.body, {
          id: `${annotationId(claim.id)}#comment-${c.id}`,
          creator: person(nameOf(c.by)),
          created: c.at
        })
      )
  return {
    id: annotationId(claim.id),
    type: 'Annotation',
    motivation: claim.verdict ? 'assessing' : 'highlighting',
    creator: person(nameOf(claim.createdBy)),
    created: claim.createdAt,
    modified: claim.updatedAt,
    generator,
    ...(bodies.length > 0 ? { body: bodies } : {}),
    target: {
      source: storySource(file),
      ...(revision ? { state: { type: 'TimeState', sourceDate: revision.createdAt } } : {}),
      selector
    }
  }
}

const person = (name: string) => ({ type: 'Person', name })

/**
 * One AnnotationCollection of every claim in the model's stories (confidential sources never
 * appear: annotations carry no evidence). Each target names its story and the revision its
 * selectors were read on (TimeState); the collection's label says the revision too.
 */
export function renderWebAnnotations(model: ReportModel): { text: string; count: number } {
  const items = model.files.flatMap((file) =>
    [...file.claims]
      .filter((c) => model.options.includeOrphaned || !c.orphaned)
      .sort(storyOrder)
      .map((claim) => annotation(model, file, claim))
  )
  const only = model.files.length === 1 ? model.files[0] : undefined
  const id = only ? `urn:factdesk:story:${only.story.id}:annotations` : 'urn:factdesk:annotations'
  const collection = {
    '@context': ANNO_CONTEXT,
    id,
    type: 'AnnotationCollection',
    label: only
      ? `Claims in “${only.story.title}”, revision ${only.story.revision}`
      : `Claims in ${model.files.length} stories`,
    total: items.length,
    generator,
    generated: model.generatedAt,
    first: { id: `${id}:page-1`, type: 'AnnotationPage', startIndex: 0, items }
  }
  return { text: `${jsonForScript(collection)}\n`, count: items.length }
}
