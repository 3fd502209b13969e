// The ClaimReview shape Google's fact-check guidelines ask for, as a zod schema the tests hold every
// review to: the required properties (claimReviewed, reviewRating with alternateName, url) and the
// recommended ones Factdesk fills (author with name and logo, datePublished, itemReviewed with its
// author, appearance and firstAppearance). Source: developers.google.com/search/docs/appearance/structured-data/factcheck
import { z } from 'zod'

const Url = z.url({ protocol: /^https?$/ })
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/)
const Named = z.strictObject({ '@type': z.enum(['Person', 'Organization']), name: z.string().min(1) })

const CreativeWork = z.strictObject({
  '@type': z.literal('CreativeWork'),
  url: Url,
  headline: z.string().min(1).optional(),
  datePublished: Day.optional(),
  author: Named.optional()
})

export const GoogleClaimReview = z
  .strictObject({
    '@context': z.literal('https://schema.org'),
    '@type': z.literal('ClaimReview'),
    // Required.
    url: Url,
    claimReviewed: z.string().min(1),
    reviewRating: z
      .strictObject({
        '@type': z.literal('Rating'),
        alternateName: z.string().min(1),
        // Recommended: a numeric value within the scale, or none for a rating that is not on it.
        ratingValue: z.number().int().optional(),
        bestRating: z.number().int(),
        worstRating: z.number().int(),
        ratingExplanation: z.string().min(1).max(300).optional()
      })
      .refine((r) => r.ratingValue === undefined || (r.ratingValue >= r.worstRating && r.ratingValue <= r.bestRating), {
        message: 'ratingValue outside the scale'
      }),
    // Recommended.
    author: z.strictObject({
      '@type': z.literal('Organization'),
      name: z.string().min(1),
      url: Url.optional(),
      logo: z.strictObject({ '@type': z.literal('ImageObject'), url: Url }).optional()
    }),
    datePublished: Day,
    dateModified: Day.optional(),
    inLanguage: z.string().regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/),
    itemReviewed: z.strictObject({
      '@type': z.literal('Claim'),
      author: Named.optional(),
      datePublished: Day.optional(),
      appearance: z.array(CreativeWork).min(1).optional(),
      firstAppearance: CreativeWork.optional()
    })
  })
  .refine((r) => !r.dateModified || r.dateModified >= r.datePublished, {
    message: 'dateModified before datePublished',
    path: ['dateModified']
  })
export type GoogleClaimReview = z.infer<typeof GoogleClaimReview>

/** Parses a ClaimReview export and holds every review to the shape, with one URL per review. */
export function parseClaimReviews(text: string): GoogleClaimReview[] {
  const reviews = z.array(GoogleClaimReview).parse(JSON.parse(text))
  const urls = reviews.map((r) => r.url)
  if (new Set(urls).size !== urls.length) throw new Error(`two reviews share a URL: ${urls.join(', ')}`)
  return reviews
}
