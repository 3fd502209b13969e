// ClaimReview JSON-LD (schema.org) for every published verdict: the markup search engines read.
// Google's fields: https://developers.google.com/search/docs/appearance/structured-data/factcheck
import { leftOutReasons, whyNotPublishable, type LeftOutReason } from '../../shared/rules/claims'
import { reviewRating } from '../../shared/rules/scales'
import { jsonForScript, safeHttpUrl } from './escape'
import type { ReportClaim, ReportModel, ReportStory } from './model'

/** Words that mark a speaker as an institution rather than a person; a heuristic, so Person is the default. */
const organisationWords =
  /\b(ministry|department|agency|government|council|office|bureau|commission|committee|authority|institute|university|party|company|corporation|inc|ltd|llc|plc|association|union|nato|police|army|court|parliament|senate|congress|bank|who|un)\b/i

function claimAuthor(claim: ReportClaim, story: ReportStory): Record<string, string> | undefined {
  if (claim.speaker)
    return { '@type': organisationWords.test(claim.speaker) ? 'Organization' : 'Person', name: claim.speaker }
  // No speaker: the story itself asserts the claim, so its outlet is the author.
  return story.outlet ? { '@type': 'Organization', name: story.outlet } : undefined
}

/**
 * The page a review is on. A claim's own fact-check URL when it has one; otherwise the desk publishes
 * one page per checked story at the base URL, and each claim gets its own anchor on it (#c7 of the
 * story's slot). Two claims naming the same URL get anchors too, so no two reviews share a URL.
 */
export function reviewUrls(model: ReportModel): Map<string, string> {
  const urls = new Map<string, string>()
  const taken = new Set<string>()
  const base = safeHttpUrl(model.factCheckBaseUrl)?.replace(/#.*$/, '')
  for (const story of model.stories) {
    for (const claim of story.claims) {
      const own = safeHttpUrl(claim.publishedUrl)
      let url = own ?? (base ? `${base}#${story.id}-c${claim.number}` : undefined)
      if (url && taken.has(url)) url = `${url.replace(/#.*$/, '')}#${story.id}-c${claim.number}`
      if (!url) continue
      taken.add(url)
      urls.set(claim.id, url)
    }
  }
  return urls
}

/** Drops undefined and empty-string fields so the output carries only what is known. */
const compact = <T extends Record<string, unknown>>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as T

const day = (iso: string): string | undefined => (iso ? iso.slice(0, 10) : undefined)

/** Google shows about a sentence: the rationale's first sentence (or its first 300 characters). */
export function ratingExplanation(rationale: string): string | undefined {
  const text = rationale.replace(/\s+/g, ' ').trim()
  if (!text) return undefined
  const sentence = /^.+?[.!?](?=\s|$)/.exec(text)?.[0] ?? text
  return sentence.length <= 300 ? sentence : `${sentence.slice(0, 299).trimEnd()}…`
}

interface Appearance {
  '@type': 'CreativeWork'
  url: string
  headline?: string
  datePublished?: string
  author?: Record<string, string>
}

/** Where the claim appeared: the story itself, and evidence the desk marked as an appearance. */
function appearances(claim: ReportClaim, story: ReportStory): Appearance[] {
  const list: Appearance[] = []
  const storyUrl = safeHttpUrl(story.url)
  if (storyUrl)
    list.push(
      compact({
        '@type': 'CreativeWork' as const,
        url: storyUrl,
        headline: story.title,
        datePublished: day(story.publishedAt),
        author: story.outlet ? { '@type': 'Organization', name: story.outlet } : undefined
      })
    )
  for (const e of claim.evidence) {
    // A confidential source has no URL left (confidential.ts), so it can never appear here.
    const url = e.appearance ? safeHttpUrl(e.source.url) : null
    if (!url || list.some((a) => a.url === url)) continue
    list.push(
      compact({
        '@type': 'CreativeWork' as const,
        url,
        headline: e.source.title,
        datePublished: day(e.source.publishedAt),
        author: e.source.publisher ? { '@type': 'Organization', name: e.source.publisher } : undefined
      })
    )
  }
  return list
}

/** The earliest dated appearance; the first listed (the story) when none is dated. */
function firstAppearance(list: Appearance[]): Appearance | undefined {
  const dated = list.filter((a) => a.datePublished).sort((a, b) => a.datePublished!.localeCompare(b.datePublished!))
  return dated[0] ?? list[0]
}

/** The latest correction that touches this claim (or the whole story) after the check was published. */
export function lastCorrection(claim: Pick<ReportClaim, 'id'>, story: ReportStory): string | undefined {
  const dates = story.corrections
    .filter((c) => c.claimIds.length === 0 || c.claimIds.includes(claim.id))
    .map((c) => c.at)
    .filter((at) => at > story.firstSignedOffAt)
    .sort()
  return dates[dates.length - 1]
}

export function claimReview(
  claim: ReportClaim & { verdict: string },
  story: ReportStory,
  model: ReportModel,
  url: string | undefined
): Record<string, unknown> {
  const org = model.organisation.name
    ? compact({
        '@type': 'Organization',
        name: model.organisation.name,
        url: safeHttpUrl(model.organisation.url) ?? undefined,
        logo: safeHttpUrl(model.organisation.logoUrl)
          ? { '@type': 'ImageObject', url: safeHttpUrl(model.organisation.logoUrl) }
          : undefined
      })
    : undefined
  const seen = appearances(claim, story)
  const corrected = lastCorrection(claim, story)
  return compact({
    '@context': 'https://schema.org',
    '@type': 'ClaimReview',
    url,
    claimReviewed: claim.claimReviewed,
    datePublished: day(story.firstSignedOffAt),
    dateModified: corrected ? day(corrected) : undefined,
    inLanguage: story.language || undefined,
    author: org,
    // The desk's mapping of the verdict (its scale in settings); named as the verdict printed when given.
    reviewRating: compact({
      '@type': 'Rating',
      ...reviewRating(model.scales, claim.verdict, claim.verdictLabel),
      ratingExplanation: ratingExplanation(claim.rationale)
    }),
    itemReviewed: compact({
      '@type': 'Claim',
      author: claimAuthor(claim, story),
      datePublished: day(story.publishedAt),
      appearance: seen.length > 0 ? seen : undefined,
      firstAppearance: firstAppearance(seen)
    })
  })
}

export type LeftOutCounts = Record<LeftOutReason, number>
export const noneLeftOut = (): LeftOutCounts => Object.fromEntries(leftOutReasons.map((r) => [r, 0])) as LeftOutCounts

/**
 * Publishes only what the desk stands behind (whyNotPublishable): a Done claim whose verdict was
 * given on its present words, in a story the desk signed off. Never the working record: reviews carry no comments or contacts.
 */
export function renderClaimReview(model: ReportModel): { text: string; count: number; leftOut: LeftOutCounts } {
  const reviews: Record<string, unknown>[] = []
  const leftOut = noneLeftOut()
  const urls = reviewUrls(model)
  for (const story of model.stories) {
    for (const claim of story.claims) {
      const why = whyNotPublishable(claim, story.signOff !== null)
      if (why !== null || claim.verdict === null) leftOut[why ?? 'no_verdict']++
      else reviews.push(claimReview({ ...claim, verdict: claim.verdict }, story, model, urls.get(claim.id)))
    }
  }
  return { text: `${jsonForScript(reviews)}\n`, count: reviews.length, leftOut }
}
