import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import { openTestDatabase } from '../../test/db.ts'
import { DEMO_CASE_PATH } from '../app/load-demo.ts'
import { findClaimView, listClaims, listProgressClaims } from '../negotiations/claims.repository.ts'
import { findNegotiationBySlug } from '../negotiations/negotiations.repository.ts'
import { isAppError } from '../platform/errors.ts'
import { cliActor } from '../staff/audit.repository.ts'
import { CaseClaim } from './case-claims.ts'
import { exportCase } from './export-case.ts'
import { exportCaseClaims } from './export-case-claims.ts'
import { importCase } from './import-case.ts'

const { db } = await openTestDatabase()

function caseWithClaims(slug: string, claims: unknown[]) {
  return {
    format: 'parley-case/1',
    negotiation: {
      slug,
      title: 'Claims case',
      summary: 'Progress claims.',
      startedOn: '2025-11-01',
    },
    sources: [
      {
        key: `${slug}-wire`,
        url: `https://example.org/${slug}/wire`,
        publisher: 'Example Wire',
        kind: 'wire',
      },
      {
        key: `${slug}-official`,
        url: `https://example.org/${slug}/official`,
        publisher: 'Ministry',
        kind: 'official',
      },
    ],
    actors: [{ key: 'envoy', name: 'The Envoy', kind: 'person' }],
    claims,
  }
}

const ninety = (slug: string) => ({
  key: `${slug}-envoy-90`,
  text: 'The framework is 90% complete.',
  claimant: 'The Envoy',
  claimantActor: 'envoy',
  statedOn: '2025-12-19',
  source: `${slug}-wire`,
  status: 'misleading',
  credibility: 3,
  statedShare: 0.9,
  verdict: 'Counts points, not stakes: territory, the heaviest point, stayed open.',
  reviewedOn: '2026-01-05',
  contradicts: [`${slug}-official`],
})

test('a case file brings its claims into the ledger, progress claims with their share', async () => {
  const report = await importCase(db, cliActor, caseWithClaims('c1', [ninety('c1')]))
  const negotiation = await findNegotiationBySlug(db, 'c1')

  const progress = await listProgressClaims(db, negotiation!.id)
  const view = await findClaimView(db, 'c1-envoy-90')

  assert.deepEqual(report.claims, { created: 1, updated: 0 })
  assert.deepEqual(progress, [
    {
      id: view!.id,
      key: 'c1-envoy-90',
      text: 'The framework is 90% complete.',
      claimant: 'The Envoy',
      statedOn: '2025-12-19',
      statedShare: 0.9,
      sourceKey: 'c1-wire',
    },
  ])
  assert.equal(view?.status, 'misleading')
  assert.deepEqual(
    view?.evidence.map((e) => [e.stance, e.source.key]),
    [['contradicts', 'c1-official']],
  )
})

test('claims that name unknown sources or actors are refused with their JSON paths', async () => {
  const bad = { ...ninety('c2'), source: 'nowhere', claimantActor: 'ghost', supports: ['gone'] }

  await assert.rejects(importCase(db, cliActor, caseWithClaims('c2', [bad])), (error) => {
    assert.ok(isAppError(error))
    assert.deepEqual(
      error.details.map((d) => d.path),
      ['$.claims[0].source', '$.claims[0].claimantActor', '$.claims[0].supports[0]'],
    )
    return true
  })
  assert.equal(await findNegotiationBySlug(db, 'c2'), undefined)
})

test('a bare share above 1 is refused with the two forms it could take, and nothing is written', async () => {
  const error = await importCase(
    db,
    cliActor,
    caseWithClaims('c3', [{ ...ninety('c3'), statedShare: 85 }]),
  ).then(
    () => assert.fail('imported'),
    (e: unknown) => e,
  )

  assert.ok(isAppError(error))
  assert.deepEqual(error.details, [
    {
      path: '$.claims[0].statedShare',
      message:
        'statedShare is a fraction from 0 to 1 (0.85) or a percentage written with % ("85%"); 85 is neither',
    },
  ])
  assert.equal(await findNegotiationBySlug(db, 'c3'), undefined)
})

test('a share written as a percentage with its sign is read as a fraction', async () => {
  await importCase(db, cliActor, caseWithClaims('c5', [{ ...ninety('c5'), statedShare: '85%' }]))
  const negotiation = await findNegotiationBySlug(db, 'c5')

  const progress = await listProgressClaims(db, negotiation!.id)
  const exported = await exportCase(db, 'c5')

  assert.deepEqual(
    progress.map((c) => c.statedShare),
    [0.85],
  )
  assert.equal((exported.claims as { statedShare: number }[])[0]?.statedShare, 0.85)
})

test('a percentage above 100% or a share in words is refused naming the value', () => {
  const over = CaseClaim.safeParse({ ...ninety('c6'), statedShare: '120%' })
  const words = CaseClaim.safeParse({ ...ninety('c6'), statedShare: 'most' })

  assert.match(over.error?.issues[0]?.message ?? '', /"120%" is neither$/)
  assert.match(words.error?.issues[0]?.message ?? '', /^statedShare is a fraction from 0 to 1/)
})

test('exported claims import again unchanged, and a replace updates rather than duplicates', async () => {
  const file = caseWithClaims('c4', [
    ninety('c4'),
    {
      key: 'c4-other',
      text: 'Talks will resume.',
      claimant: 'Ministry',
      statedOn: '2025-12-20',
      source: 'c4-official',
    },
  ])
  await importCase(db, cliActor, file)
  const negotiation = await findNegotiationBySlug(db, 'c4')
  const exported = await exportCaseClaims(db, negotiation!.id)

  const report = await importCase(db, cliActor, { ...file, claims: exported }, { replace: true })
  const again = await exportCaseClaims(db, (await findNegotiationBySlug(db, 'c4'))!.id)

  assert.deepEqual(report.claims, { created: 0, updated: 2 })
  assert.deepEqual(again, exported)
  assert.deepEqual(exported[1], {
    key: 'c4-other',
    text: 'Talks will resume.',
    claimant: 'Ministry',
    statedOn: '2025-12-20',
    source: 'c4-official',
    status: 'unreviewed',
  })
  assert.equal((await listClaims(db, { q: 'resume' })).length, 1)
})

test('the demo case exports its claims section as it was written', async () => {
  const demo = JSON.parse(readFileSync(DEMO_CASE_PATH, 'utf8')) as { claims: unknown[] }
  const other = await openTestDatabase()
  await importCase(other.db, cliActor, demo)

  const exported = await exportCase(other.db, 'russia-ukraine-2025')

  const normalise = (claims: unknown[]) => claims.map((c) => CaseClaim.parse(c))
  assert.ok(demo.claims.length >= 4)
  assert.deepEqual(normalise(exported.claims as unknown[]), normalise(demo.claims))
})
