import { z } from 'zod'
import { slugify } from '../platform/ids.ts'
import { credibilityLabels, IsoDay, LedgerKey } from '../sources/sources.ts'

export const ClaimStatuses = ['unreviewed', 'supported', 'disputed', 'false', 'misleading'] as const
export type ClaimStatus = (typeof ClaimStatuses)[number]

export const claimStatusLabels: Record<ClaimStatus, string> = {
  unreviewed: 'Not reviewed yet',
  supported: 'Supported by the evidence',
  disputed: 'Disputed',
  false: 'False',
  misleading: 'Misleading',
}

export const Stances = ['supports', 'contradicts'] as const
export type Stance = (typeof Stances)[number]

const Credibility = z.coerce
  .number()
  .int('expected a whole number')
  .min(1, 'Admiralty credibility runs from 1 to 6')
  .max(6, 'Admiralty credibility runs from 1 to 6')

const Share = z.coerce
  .number()
  .min(0, 'a share between 0 and 1 (0.9 for "90%")')
  .max(1, 'a share between 0 and 1 (0.9 for "90%")')

const blankToUndefined = (value: unknown) => (value === '' ? undefined : value)

/** A new claim as staff submit it. `source` is the key of the source where it appeared. */
export const NewClaimBody = z
  .object({
    key: z.preprocess(blankToUndefined, LedgerKey.optional()),
    negotiation: z.preprocess(blankToUndefined, z.string().min(1).optional()),
    text: z.string().trim().min(1, 'the claim needs its text').max(2000),
    claimant: z.string().trim().min(1, 'who made the claim?').max(200),
    claimantActorKey: z.preprocess(blankToUndefined, LedgerKey.optional()),
    statedOn: IsoDay,
    source: LedgerKey,
    quoteId: z.preprocess(blankToUndefined, z.coerce.number().int().positive().optional()),
    status: z.enum(ClaimStatuses).default('unreviewed'),
    credibility: z.preprocess(blankToUndefined, Credibility.optional()),
    statedShare: z.preprocess(blankToUndefined, Share.optional()),
    verdict: z.preprocess(blankToUndefined, z.string().trim().max(4000).optional()),
    reviewedOn: z.preprocess(blankToUndefined, IsoDay.optional()),
  })
  .strict()
export type NewClaimBody = z.infer<typeof NewClaimBody>

/** The desk's review of a claim: status, credibility and reasoning. */
export const ClaimReviewBody = z
  .object({
    status: z.enum(ClaimStatuses),
    credibility: z.preprocess(blankToUndefined, Credibility.nullable().optional()),
    verdict: z.preprocess(blankToUndefined, z.string().trim().max(4000).nullable().optional()),
    reviewedOn: z.preprocess(blankToUndefined, IsoDay.nullable().optional()),
    statedShare: z.preprocess(blankToUndefined, Share.nullable().optional()),
  })
  .strict()
export type ClaimReviewBody = z.infer<typeof ClaimReviewBody>

export const EvidenceBody = z
  .object({
    stance: z.enum(Stances),
    source: LedgerKey,
    quoteId: z.preprocess(blankToUndefined, z.coerce.number().int().positive().optional()),
    note: z.preprocess(blankToUndefined, z.string().trim().max(2000).optional()),
  })
  .strict()
export type EvidenceBody = z.infer<typeof EvidenceBody>

/** `steve-witkoff-2025-12-19-framework-90-complete`: claimant, date and a few words. */
export function claimKey(claim: { claimant: string; statedOn: string; text: string }): string {
  const words = slugify(claim.text, 200)
    .split('-')
    .filter((w) => w.length > 2 || /^\d+$/.test(w))
    .slice(0, 4)
  return [slugify(claim.claimant, 30), claim.statedOn, ...words].filter(Boolean).join('-')
}

// ClaimReview's reviewRating on a 1–5 scale, worst to best.
const RATING: Record<Exclude<ClaimStatus, 'unreviewed'>, number> = {
  false: 1,
  misleading: 2,
  disputed: 3,
  supported: 5,
}

export interface ClaimForReview {
  key: string
  text: string
  claimant: string
  statedOn: string
  status: ClaimStatus
  credibility: number | null
  verdict: string | null
  reviewedOn: string | null
  source: { title: string | null; publisher: string | null; url?: string | undefined }
}

/**
 * schema.org ClaimReview for a reviewed claim (undefined while unreviewed). The appearance's URL
 * is included only when given — the caller leaves it out for readers who may not see source links.
 */
export function claimReviewJsonLd(
  claim: ClaimForReview,
  site: { url: string; name: string },
): Record<string, unknown> | undefined {
  if (claim.status === 'unreviewed') return undefined
  const appearance: Record<string, unknown> = { '@type': 'CreativeWork' }
  if (claim.source.title) appearance.headline = claim.source.title
  if (claim.source.publisher)
    appearance.publisher = { '@type': 'Organization', name: claim.source.publisher }
  if (claim.source.url) appearance.url = claim.source.url
  return {
    '@context': 'https://schema.org',
    '@type': 'ClaimReview',
    url: `${site.url}/claims/${claim.key}`,
    claimReviewed: claim.text,
    ...(claim.reviewedOn ? { datePublished: claim.reviewedOn } : {}),
    author: { '@type': 'Organization', name: site.name, url: site.url },
    reviewRating: {
      '@type': 'Rating',
      ratingValue: RATING[claim.status],
      bestRating: 5,
      worstRating: 1,
      alternateName: claimStatusLabels[claim.status],
      ...(claim.verdict ? { ratingExplanation: claim.verdict } : {}),
    },
    itemReviewed: {
      '@type': 'Claim',
      author: { '@type': 'Person', name: claim.claimant },
      datePublished: claim.statedOn,
      appearance,
    },
  }
}

/** JSON for a <script type="application/ld+json"> block: no "<" that could end the element. */
export function jsonLdText(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c')
}

export { credibilityLabels }
