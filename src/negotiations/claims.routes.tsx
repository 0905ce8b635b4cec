import { type Context, Hono } from 'hono'
import { z } from 'zod'
import { notFound } from '../platform/errors.ts'
import { canSeeSourceLinks, loadSourceAccess, requireRole } from '../platform/web/auth.ts'
import type { AppDeps, AppEnv } from '../platform/web/env.ts'
import { type FormProblem, formValues, problemOf } from '../platform/web/forms.tsx'
import { parseQuery } from '../platform/web/query.ts'
import { jsonBody } from '../sources/sources-api.routes.tsx'
import type { Actor } from '../staff/audit.repository.ts'
import type { StaffUser } from '../staff/staff.ts'
import { addClaim } from './actions/add-claim.ts'
import { addEvidence } from './actions/add-evidence.ts'
import { reviewClaim } from './actions/review-claim.ts'
import { claimPage, claimsPage } from './claims.pages.tsx'
import { type ClaimView, findClaimView, listClaims } from './claims.repository.ts'
import { ClaimStatuses, claimReviewJsonLd } from './claims.ts'
import { newClaimPage, staffClaimPage } from './staff-claims.pages.tsx'

function actorOf(staff: StaffUser): Actor {
  return { staffId: staff.id, label: staff.email }
}

function claimJson(c: ClaimView, links: boolean) {
  const source = (ref: ClaimView['source']) => {
    const { url, ...rest } = ref
    return links ? { ...rest, url } : rest
  }
  return {
    key: c.key,
    text: c.text,
    claimant: c.claimant,
    claimantActorKey: c.claimantActorKey,
    statedOn: c.statedOn,
    negotiation: c.negotiationSlug,
    status: c.status,
    credibility: c.credibility,
    statedShare: c.statedShare === null ? null : Number(c.statedShare.toPrecision(6)),
    verdict: c.verdict,
    reviewedOn: c.reviewedOn,
    source: source(c.source),
    quote: c.quote,
    evidence: c.evidence.map((e) => ({ ...e, source: source(e.source) })),
  }
}

/** Filters of `GET /api/claims`. */
const ClaimListQuery = z.object({
  q: z.string().max(200, 'expected at most 200 characters').optional(),
  status: z.union([z.enum(ClaimStatuses), z.literal('')]).optional(),
})

/** The claim's ClaimReview JSON-LD; the appearance URL only for readers who may see links. */
function reviewJsonLd(deps: AppDeps, c: Context<AppEnv>, claim: ClaimView, links: boolean) {
  return claimReviewJsonLd(
    { ...claim, source: { ...claim.source, url: links ? claim.source.url : undefined } },
    { url: deps.config.publicUrl ?? new URL(c.req.url).origin, name: 'Parley' },
  )
}

/** The public claim pages: the list and one claim with its review. */
function publicClaimRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>()
  const { db } = deps

  app.get('/claims', async (c) => {
    const status = c.req.query('status') ?? ''
    const filter = {
      q: (c.req.query('q') ?? '').slice(0, 200),
      status: (ClaimStatuses as readonly string[]).includes(status) ? status : '',
    }
    const claims = await listClaims(db, { q: filter.q, status: filter.status || undefined })
    return c.html(claimsPage({ claims, filter, staff: c.get('staff') }))
  })

  app.get('/claims/:key', async (c) => {
    const claim = await findClaimView(db, c.req.param('key'))
    if (!claim) throw notFound(`claim "${c.req.param('key')}"`)
    const jsonLd = reviewJsonLd(deps, c, claim, canSeeSourceLinks(c))
    const access = await loadSourceAccess(c, db, [
      claim.source.key,
      ...claim.evidence.map((e) => e.source.key),
    ])
    return c.html(claimPage({ claim, jsonLd, staff: c.get('staff'), access }))
  })

  return app
}

/** The claims as JSON: reads for everyone (URLs gated), writes for analysts. */
function claimApiRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>()
  const { db } = deps

  app.get('/api/claims', async (c) => {
    const links = canSeeSourceLinks(c)
    const query = parseQuery(c, ClaimListQuery)
    const claims = await listClaims(db, { q: query.q, status: query.status || undefined })
    return c.json({
      claims: claims.map(
        ({ source, id: _id, negotiationId: _n, quoteId: _q, sourceId: _s, ...rest }) => ({
          ...rest,
          statedShare: rest.statedShare === null ? null : Number(rest.statedShare.toPrecision(6)),
          createdAt: rest.createdAt.toISOString(),
          updatedAt: rest.updatedAt.toISOString(),
          source: links ? source : { ...source, url: undefined },
        }),
      ),
    })
  })

  app.get('/api/claims/:key', async (c) => {
    const claim = await findClaimView(db, c.req.param('key'))
    if (!claim) throw notFound(`claim "${c.req.param('key')}"`)
    const links = canSeeSourceLinks(c)
    return c.json({
      ...claimJson(claim, links),
      claimReview: reviewJsonLd(deps, c, claim, links) ?? null,
    })
  })

  app.post('/api/claims', requireRole('analyst'), async (c) => {
    const claim = await addClaim(db, actorOf(c.get('staff')!), await jsonBody(c))
    const view = await findClaimView(db, claim.key)
    return c.json(claimJson(view!, true), 201)
  })

  app.patch('/api/claims/:key', requireRole('analyst'), async (c) => {
    await reviewClaim(db, actorOf(c.get('staff')!), c.req.param('key'), await jsonBody(c))
    return c.json(claimJson((await findClaimView(db, c.req.param('key')))!, true))
  })

  app.post('/api/claims/:key/evidence', requireRole('analyst'), async (c) => {
    await addEvidence(db, actorOf(c.get('staff')!), c.req.param('key'), await jsonBody(c))
    return c.json(claimJson((await findClaimView(db, c.req.param('key')))!, true), 201)
  })

  return app
}

/** The desk's claim pages: record a claim, review it, add evidence. */
function deskClaimRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>()
  const { db } = deps

  app.get('/staff/claims/new', requireRole('analyst'), (c) =>
    c.html(
      newClaimPage({ staff: c.get('staff')!, values: { source: c.req.query('source') ?? '' } }),
    ),
  )

  app.post('/staff/claims', requireRole('analyst'), async (c) => {
    const values = formValues(await c.req.parseBody())
    try {
      const claim = await addClaim(db, actorOf(c.get('staff')!), values)
      return c.redirect(`/staff/claims/${encodeURIComponent(claim.key)}?done=Recorded.`, 303)
    } catch (error) {
      const { problem, status } = problemOf(error)
      return c.html(newClaimPage({ staff: c.get('staff')!, values, problem }), status)
    }
  })

  const deskClaim = async (
    c: Context<AppEnv>,
    key: string,
    extra: { notice?: string | undefined; problem?: FormProblem } = {},
    status: ReturnType<typeof problemOf>['status'] | 200 = 200,
  ) => {
    const claim = await findClaimView(db, key)
    if (!claim) throw notFound(`claim "${key}"`)
    return c.html(staffClaimPage({ claim, staff: c.get('staff')!, ...extra }), status)
  }

  app.get('/staff/claims/:key', requireRole('analyst'), (c) =>
    deskClaim(c, c.req.param('key'), { notice: c.req.query('done') }),
  )

  for (const [path, run, said] of [
    ['review', reviewClaim, 'Review saved.'],
    ['evidence', addEvidence, 'Evidence added.'],
  ] as const) {
    app.post(`/staff/claims/:key/${path}`, requireRole('analyst'), async (c) => {
      const key = c.req.param('key')
      try {
        await run(db, actorOf(c.get('staff')!), key, formValues(await c.req.parseBody()))
        return c.redirect(
          `/staff/claims/${encodeURIComponent(key)}?done=${encodeURIComponent(said)}`,
          303,
        )
      } catch (error) {
        const { problem, status } = problemOf(error)
        return deskClaim(c, key, { problem }, status)
      }
    })
  }

  return app
}

/** Claims: who said what about a negotiation, where, and the desk's review of it. */
export function claimRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>()
  app.route('/', publicClaimRoutes(deps))
  app.route('/', claimApiRoutes(deps))
  app.route('/', deskClaimRoutes(deps))
  return app
}
