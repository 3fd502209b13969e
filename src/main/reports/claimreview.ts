// ClaimReview JSON-LD (schema.org) for every claim with a verdict: the markup search engines read.
import type { Verdict } from '../../shared/model'
import { leftOutReasons, whyNotPublishable, type LeftOutReason } from '../../shared/rules/claims'
import { jsonForScript, safeHttpUrl } from './escape'
import type { ReportClaim, ReportModel, ReportStory } from './model'

/**
 * Verdicts on a 1 (worst) to 5 (best) scale. `unverifiable` gets no number: it says nothing about
 * truth, and putting it mid-scale would read as "half true". It keeps its label (alternateName,
 * the only rating field Google requires) and the scale bounds, so consumers see it is unrated.
 */
export const ratingScale: Record<Verdict, number | null> = {
  accurate: 5,
  mostly_accurate: 4,
  needs_context: 3,
  misleading: 2,
  false: 1,
  unverifiable: null
}

/** Words that mark a speaker as an institution rather than a person; a heuristic, so Person is the default. */
const organisationWords =
  /\b(ministry|department|agency|government|council|office|bureau|commission|committee|authority|institute|university|party|company|corporation|inc|ltd|llc|plc|association|union|nato|police|army|court|parliament|senate|congress|bank|who|un)\b/i

function claimAuthor(claim: ReportClaim, story: ReportStory): Record<string, string> | undefined {
  if (claim.speaker)
    return { '@type': organisationWords.test(claim.speaker) ? 'Organization' : 'Person', name: claim.speaker }
  // No speaker: the story itself asserts the claim, so its outlet is the author.
  return story.outlet ? { '@type': 'Organization', name: story.outlet } : undefined
}

function reviewUrl(claim: ReportClaim, model: ReportModel): string | undefined {
  const published = safeHttpUrl(claim.publishedUrl)
  if (published) return published
  const base = safeHttpUrl(model.factCheckBaseUrl)
  return base ? `${base.replace(/#.*$/, '')}#claim-${claim.id}` : undefined
}

/** Drops undefined and empty-string fields so the output carries only what is known. */
const compact = <T extends Record<string, unknown>>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as T

export function claimReview(
  claim: ReportClaim & { verdict: Verdict },
  story: ReportStory,
  model: ReportModel
): Record<string, unknown> {
  const rating = ratingScale[claim.verdict]
  const storyUrl = safeHttpUrl(story.url)
  const org = model.organisation.name
    ? compact({
        '@type': 'Organization',
        name: model.organisation.name,
        url: safeHttpUrl(model.organisation.url) ?? undefined
      })
    : undefined
  return compact({
    '@context': 'https://schema.org',
    '@type': 'ClaimReview',
    url: reviewUrl(claim, model),
    claimReviewed: claim.restatement || claim.quote,
    datePublished: claim.lastChangedAt.slice(0, 10),
    author: org,
    reviewRating: compact({
      '@type': 'Rating',
      ratingValue: rating ?? undefined,
      bestRating: 5,
      worstRating: 1,
      alternateName: claim.verdictLabel
    }),
    itemReviewed: compact({
      '@type': 'Claim',
      author: claimAuthor(claim, story),
      datePublished: story.publishedAt ? story.publishedAt.slice(0, 10) : undefined,
      appearance: storyUrl ? { '@type': 'CreativeWork', url: storyUrl, headline: story.title } : undefined
    })
  })
}

export type LeftOutCounts = Record<LeftOutReason, number>
export const noneLeftOut = (): LeftOutCounts => Object.fromEntries(leftOutReasons.map((r) => [r, 0])) as LeftOutCounts

/**
 * Publishes only what the desk stands behind (whyNotPublishable): a Done claim whose verdict was
 * given on its present words. Never the working record: reviews carry no comments or contacts.
 */
export function renderClaimReview(model: ReportModel): { text: string; count: number; leftOut: LeftOutCounts } {
  const reviews: Record<string, unknown>[] = []
  const leftOut = noneLeftOut()
  for (const story of model.stories) {
    for (const claim of story.claims) {
      const why = whyNotPublishable(claim)
      if (why !== null || claim.verdict === null) leftOut[why ?? 'no_verdict']++
      else reviews.push(claimReview({ ...claim, verdict: claim.verdict }, story, model))
    }
  }
  return { text: `${jsonForScript(reviews)}\n`, count: reviews.length, leftOut }
}
