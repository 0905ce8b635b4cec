import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import { buildTestApp, formPost, ORIGIN } from '../../test/app.ts'
import { openTestDatabase } from '../../test/db.ts'
import { addSnapshot, signedInMember, signedInStaff } from '../../test/factories.ts'
import { DEMO_CASE_PATH } from '../app/load-demo.ts'
import { importCase } from '../casefile/import-case.ts'
import { fixedClock } from '../platform/time.ts'
import { findSourceByKey } from '../sources/sources.repository.ts'
import { cliActor, listAudit } from '../staff/audit.repository.ts'

const database = await openTestDatabase()
const { db } = database
const clock = fixedClock('2026-03-01T09:00:00Z')
const app = buildTestApp(database, { clock })
const SLUG = 'russia-ukraine-2025'
const demo = JSON.parse(readFileSync(DEMO_CASE_PATH, 'utf8')) as Record<string, unknown>
await importCase(db, cliActor, demo)

const { headers: asStaff } = await signedInStaff(db, 'analyst', {
  email: 'analyst@example.org',
  name: 'Ana Lyst',
})

const getJson = async (path: string, headers: Record<string, string> = {}) => {
  const res = await app.request(`${ORIGIN}${path}`, { headers })
  // biome-ignore lint/suspicious/noExplicitAny: JSON answers are read field by field in the assertions
  return { status: res.status, body: (await res.json()) as Record<string, any> }
}

const sendJson = (method: string, path: string, body: unknown, headers = asStaff) =>
  app.request(`${ORIGIN}${path}`, {
    method,
    headers: { 'content-type': 'application/json', origin: ORIGIN, ...headers },
    body: JSON.stringify(body),
  })

test('on 22 January 2026 the demo counts more agreed than the stake-weighted share', async () => {
  const { status, body } = await getJson(`/api/negotiations/${SLUG}/progress?at=2026-01-22`)

  assert.equal(status, 200)
  assert.equal(body.negotiation, SLUG)
  assert.equal(body.at, '2026-01-22')
  assert.ok(body.countShare > body.stakeWeighted, `${body.countShare} > ${body.stakeWeighted}`)
  assert.ok(body.stakeWeighted > body.gated)
  assert.equal(body.countShare, 0.8)
  assert.equal(body.blockers[0].point, 14)
  assert.equal(body.blockers[0].issue, 'territory')
  assert.deepEqual(
    body.principals.map((p: { key: string }) => p.key),
    ['us', 'ukraine'],
  )
  assert.deepEqual(
    body.flags.map((f: { kind: string }) => f.kind),
    ['open_indivisible', 'no_overlap'],
  )
})

test('the progress claims are set beside the measures of their own dates', async () => {
  const { body } = await getJson(`/api/negotiations/${SLUG}/progress?at=2026-01-22`)

  const ninety = body.claims.filter((c: { statedShare: number }) => c.statedShare === 0.9)
  assert.ok(ninety.length >= 2, 'the demo has several "90%" claims')
  const measured = ninety.filter((c: { measured: unknown }) => c.measured !== null)
  assert.ok(measured.length > 0)
  for (const claim of measured) {
    assert.ok(claim.measured.stakeWeighted < claim.statedShare)
    assert.equal(typeof claim.sourceKey, 'string')
  }
  const early = body.claims.find((c: { statedOn: string }) => c.statedOn < body.framework.date)
  assert.equal(early?.measured, null)
})

test('once Russia sits at the table its positions count and nothing is agreed by all three', async () => {
  const { body } = await getJson(`/api/negotiations/${SLUG}/progress?at=2026-01-23`)

  assert.deepEqual(
    body.principals.map((p: { key: string }) => p.key),
    ['us', 'ukraine', 'russia'],
  )
  assert.equal(body.countShare, 0)
  assert.deepEqual(body.blockers[0].heldBy, ['russia'])
})

test('a date in another format is refused with 400 naming the parameter', async () => {
  const api = await getJson(`/api/negotiations/${SLUG}/progress?at=22.01.2026`)
  const page = await app.request(`${ORIGIN}/negotiations/${SLUG}?at=2026-02-30`)

  assert.equal(api.status, 400)
  assert.equal(api.body.error.details[0].path, 'at')
  assert.equal(page.status, 400)
})

test('an unknown negotiation is 404', async () => {
  const { status } = await getJson('/api/negotiations/no-such-talks/progress')

  assert.equal(status, 404)
})

test('a reader’s issue weights recompute P and G but not C, and bad ones name the field', async () => {
  const published = (await getJson(`/api/negotiations/${SLUG}/progress?at=2026-01-22`)).body

  const heavier = await getJson(
    `/api/negotiations/${SLUG}/progress?at=2026-01-22&w.territory=0.7&w._other=0.1&w.znpp=0.05&w.security-guarantees=0.05&w.army-cap=0.05&w.elections=0.05`,
  )
  const negative = await getJson(
    `/api/negotiations/${SLUG}/progress?at=2026-01-22&w.territory=-1&normalize=1`,
  )
  const notOne = await getJson(`/api/negotiations/${SLUG}/progress?at=2026-01-22&w.territory=0.9`)
  const unknown = await getJson(`/api/negotiations/${SLUG}/progress?at=2026-01-22&w.nato=0.1`)

  assert.equal(heavier.status, 200)
  assert.equal(heavier.body.weights.source, 'reader')
  assert.equal(heavier.body.countShare, published.countShare)
  assert.ok(heavier.body.stakeWeighted < published.stakeWeighted)
  assert.ok(heavier.body.gated < published.gated)
  assert.equal(negative.status, 400)
  assert.equal(negative.body.error.details[0].path, 'w.territory')
  assert.equal(notOne.status, 400)
  assert.match(notOne.body.error.details[0].message, /not 1/)
  assert.equal(unknown.status, 400)
  assert.equal(unknown.body.error.details[0].path, 'w.nato')
})

test('the overview page shows C, P and G, the chart, the claims and the reader’s form', async () => {
  const res = await app.request(`${ORIGIN}/negotiations/${SLUG}?at=2026-01-22`)
  const html = await res.text()

  assert.equal(res.status, 200)
  assert.match(html, /80\.0%/)
  assert.match(html, /64\.7%/)
  assert.match(html, /<svg[^>]+id="progress-chart"/)
  assert.match(html, /<title id="progress-chart-title">Progress of the/)
  assert.match(html, /Witkoff/)
  assert.match(html, /name="weight-territory"/)
  assert.match(html, /US–Ukraine 20-point framework/)
  assert.doesNotMatch(html, /<script/)
})

test('the reader’s weights on the page are labelled as theirs and rescaled only when asked', async () => {
  const base = `${ORIGIN}/negotiations/${SLUG}?at=2026-01-22&weight-territory=70&weight-_other=10`

  const rescaled = await (await app.request(`${base}&normalize=on`)).text()
  const refused = await app.request(base)

  assert.match(rescaled, /Weighted with your weights, not the desk/)
  assert.equal(refused.status, 400)
  const html = await refused.text()
  assert.match(html, /not 1/)
  assert.match(html, /64\.7%/, 'the desk’s figures stay on the page')
})

test('anonymous pages name the sources of positions but never their addresses', async () => {
  const pages = await Promise.all(
    [
      `/negotiations/${SLUG}/positions?at=2026-01-22`,
      `/negotiations/${SLUG}/architecture`,
      `/negotiations/${SLUG}/diff`,
      `/api/negotiations/${SLUG}/positions`,
      `/api/negotiations/${SLUG}/progress`,
    ].map(async (path) => (await app.request(`${ORIGIN}${path}`)).text()),
  )

  const urls = (demo.sources as { url: string }[]).map((s) => s.url)
  for (const page of pages) {
    for (const url of urls) assert.ok(!page.includes(url), `leaked ${url}`)
  }
  assert.match(pages[0]!, /href="\/sources\/rbcukraine-2025-12-24-20-point-plan"/)
  assert.match(pages[1]!, /id="architecture-chart"/)
  assert.match(pages[2]!, /15 carried, 1 merged, 2 split, 10 dropped, 1 new/)
})

test('members and staff get the original and the archived copy beside each source', async () => {
  const key = 'rbcukraine-2025-12-24-20-point-plan'
  const source = await findSourceByKey(db, key)
  assert.ok(source)
  const snapshot = await addSnapshot(db, source, {
    fetchedAt: new Date('2026-01-05T09:00:00Z'),
    raw: new TextEncoder().encode('<p>twenty points</p>'),
    contentType: 'text/html',
    text: 'twenty points',
  })
  const { headers: asMember } = await signedInMember(db, {
    email: 'reader@example.org',
    now: clock.now(),
  })
  const archived = `href="/sources/${key}/snapshots/${snapshot.id}"`
  const original = `href="${source.url.replaceAll('&', '&amp;')}"`

  for (const path of [`/negotiations/${SLUG}/positions?at=2026-01-22`, `/negotiations/${SLUG}`]) {
    const anonymous = await (await app.request(`${ORIGIN}${path}`)).text()
    const asReader = await (await app.request(`${ORIGIN}${path}`, { headers: asMember })).text()
    const asAnalyst = await (await app.request(`${ORIGIN}${path}`, { headers: asStaff })).text()
    assert.ok(!anonymous.includes(archived) && !anonymous.includes(original), path)
    assert.ok(asReader.includes(archived), `${path}: no archived copy for a member`)
    assert.ok(asReader.includes(original), `${path}: no original link for a member`)
    // A position of 24 Dec predates the only capture (5 Jan): the page says so and offers it.
    const dated = /no capture on or before 24 Dec 2025; earliest <a [^>]*>5 Jan 2026/
    assert.match(asReader, path.includes('/positions') ? dated : /archived 5 Jan 2026/)
    assert.ok(asAnalyst.includes(archived), `${path}: no archived copy for staff`)
  }

  // A claim page gives the same to members, for the source the claim appeared in.
  const claim = await findSourceByKey(db, 'semafor-2025-12-28-maralago')
  assert.ok(claim)
  const claimPath = '/claims/trump-2025-12-28-95-percent'
  const claimOriginal = `href="${claim.url.replaceAll('&', '&amp;')}"`
  const anonymousClaim = await (await app.request(`${ORIGIN}${claimPath}`)).text()
  const memberClaim = await (
    await app.request(`${ORIGIN}${claimPath}`, { headers: asMember })
  ).text()
  assert.ok(!anonymousClaim.includes(claimOriginal), 'a claim page leaked its source address')
  assert.ok(memberClaim.includes(claimOriginal), 'no original link on the claim page for a member')
})

test('a position recorded through the API is audited and moves the measures at once', async () => {
  const before = (await getJson(`/api/negotiations/${SLUG}/progress?at=2026-02-20`)).body

  const res = await sendJson('POST', `/api/negotiations/${SLUG}/positions`, {
    document: 'us-ua-20pt-2025-12',
    point: 14,
    party: 'russia',
    on: '2026-02-20',
    level: 3,
    note: 'A test position.',
    sources: ['newsaz-2026-02-18-no-breakthrough'],
  })
  const after = (await getJson(`/api/negotiations/${SLUG}/progress?at=2026-02-20`)).body

  assert.equal(res.status, 201)
  const { id } = (await res.json()) as { id: number }
  assert.ok(after.stakeWeighted > before.stakeWeighted)
  const audit = await listAudit(db, { entity: 'position', entityId: String(id) })
  assert.equal(audit[0]?.action, 'create')
  assert.equal(audit[0]?.actor, 'analyst@example.org')

  const removed = await app.request(`${ORIGIN}/api/negotiations/${SLUG}/positions/${id}`, {
    method: 'DELETE',
    headers: { origin: ORIGIN, ...asStaff },
  })
  assert.equal(removed.status, 204)
  const restored = (await getJson(`/api/negotiations/${SLUG}/progress?at=2026-02-20`)).body
  assert.equal(restored.stakeWeighted, before.stakeWeighted)
})

test('bad positions are refused naming the field, and nothing is written', async () => {
  const good = {
    document: 'us-ua-20pt-2025-12',
    point: 14,
    party: 'russia',
    on: '2026-02-21',
    level: 2,
    sources: ['newsaz-2026-02-18-no-breakthrough'],
  }
  const cases: [Record<string, unknown>, string][] = [
    [{ ...good, level: 4 }, 'level'],
    [{ ...good, party: 'atlantis' }, 'party'],
    [{ ...good, point: 99 }, 'point'],
    [{ ...good, document: 'no-such-draft' }, 'document'],
    [{ ...good, on: '21/02/2026' }, 'on'],
    [{ ...good, sources: ['no-such-source'] }, 'sources.0'],
  ]
  const before = (await getJson(`/api/negotiations/${SLUG}/positions`)).body.positions.length

  for (const [body, field] of cases) {
    const res = await sendJson('POST', `/api/negotiations/${SLUG}/positions`, body)
    const error = ((await res.json()) as { error: { details: { path: string }[] } }).error
    assert.equal(res.status, 400, field)
    assert.ok(
      error.details.some((d) => d.path === field),
      `${field}: ${JSON.stringify(error.details)}`,
    )
  }
  const after = (await getJson(`/api/negotiations/${SLUG}/positions`)).body.positions.length
  assert.equal(after, before)
})

test('staff edits need a signed-in analyst', async () => {
  const res = await sendJson(
    'POST',
    `/api/negotiations/${SLUG}/positions`,
    { document: 'x' },
    { cookie: '' },
  )

  assert.equal(res.status, 401)
})

test('a weight set must be complete, non-negative and sum to 1 unless normalization is asked', async () => {
  const weights = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [String(i + 1), 0.05]))
  const body = { document: 'us-ua-20pt-2025-12', rationale: 'Equal stakes, for a test.' }

  const negative = await sendJson('POST', `/api/negotiations/${SLUG}/weights`, {
    ...body,
    weights: { ...weights, 3: -0.05 },
  })
  const short = await sendJson('POST', `/api/negotiations/${SLUG}/weights`, {
    ...body,
    weights: { ...weights, 3: 0.01 },
  })
  const missing = await sendJson('POST', `/api/negotiations/${SLUG}/weights`, {
    ...body,
    weights: { 1: 1 },
  })
  const normalized = await sendJson('POST', `/api/negotiations/${SLUG}/weights`, {
    ...body,
    weights: Object.fromEntries(Object.keys(weights).map((k) => [k, 1])),
    normalize: true,
  })

  assert.equal(negative.status, 400)
  assert.match(JSON.stringify(await negative.json()), /"path":"weights.3"/)
  assert.equal(short.status, 400)
  assert.match(JSON.stringify(await short.json()), /not 1/)
  assert.equal(missing.status, 400)
  assert.match(JSON.stringify(await missing.json()), /no weight for points 2, 3/)
  assert.equal(normalized.status, 201)
  const progress = (await getJson(`/api/negotiations/${SLUG}/progress?at=2026-01-22`)).body
  assert.equal(progress.weights.source, 'published')
  assert.equal(progress.weights.setBy, 'analyst@example.org')
  assert.ok(Math.abs(progress.stakeWeighted - (16 + 2 * (2 / 3) + 2 * (1 / 3)) / 20) < 1e-9)
  const audit = await listAudit(db, { entity: 'weight_set' })
  assert.equal(audit.length, 1)
})

test('a role period that overlaps the party’s current role is refused', async () => {
  const res = await sendJson('POST', `/api/negotiations/${SLUG}/roles`, {
    actor: 'russia',
    role: 'observer',
    from: '2026-02-01',
  })

  assert.equal(res.status, 400)
  assert.match(JSON.stringify(await res.json()), /"path":"from"/)
})

test('a new party can be added with a role, then take positions', async () => {
  const role = await sendJson('POST', `/api/negotiations/${SLUG}/roles`, {
    actor: 'vatican',
    name: 'Holy See',
    kind: 'state',
    role: 'observer',
    from: '2026-02-01',
    sources: ['newsaz-2026-02-18-no-breakthrough'],
  })
  const position = await sendJson('POST', `/api/negotiations/${SLUG}/positions`, {
    document: 'us-ua-20pt-2025-12',
    point: 17,
    party: 'vatican',
    on: '2026-02-02',
    level: 3,
    sources: ['newsaz-2026-02-18-no-breakthrough'],
  })

  assert.equal(role.status, 201)
  assert.equal(position.status, 201)
  const architecture = await (
    await app.request(`${ORIGIN}/negotiations/${SLUG}/architecture`)
  ).text()
  assert.match(architecture, /Holy See/)
})

test('issues are created and updated through the API and a point can be assigned to one', async () => {
  const created = await sendJson('POST', `/api/negotiations/${SLUG}/issues`, {
    key: 'ceasefire',
    title: 'Ceasefire',
    summary: 'When and how the guns fall silent.',
    core: true,
    divisible: false,
  })
  const assigned = await sendJson('POST', `/api/negotiations/${SLUG}/provision-issue`, {
    document: 'us-ua-20pt-2025-12',
    point: 20,
    issue: 'ceasefire',
  })
  const updated = await sendJson('POST', `/api/negotiations/${SLUG}/issues`, {
    key: 'ceasefire',
    title: 'Ceasefire and monitoring',
    summary: 'When and how the guns fall silent, and who watches.',
    core: true,
    divisible: true,
  })

  assert.equal(created.status, 201)
  assert.equal(assigned.status, 200)
  assert.equal(updated.status, 200)
  const progress = (await getJson(`/api/negotiations/${SLUG}/progress?at=2026-01-22`)).body
  assert.ok(
    progress.issueWeights.some(
      (w: { issue: string; title: string }) =>
        w.issue === 'ceasefire' && w.title === 'Ceasefire and monitoring',
    ),
  )
})

test('the edit page’s forms save through the same checks and show errors by field', async () => {
  const page = await app.request(`${ORIGIN}/negotiations/${SLUG}/edit`, { headers: asStaff })
  const saved = await app.request(
    formPost(
      `/negotiations/${SLUG}/edit/position`,
      {
        document: 'us-ua-20pt-2025-12',
        point: '9',
        party: 'russia',
        on: '2026-02-22',
        level: '2',
        note: '',
        sources: 'newsaz-2026-02-18-no-breakthrough, dailysabah-2026-02-18-geneva-abrupt',
      },
      asStaff,
    ),
  )
  const refused = await app.request(
    formPost(
      `/negotiations/${SLUG}/edit/position`,
      {
        document: 'us-ua-20pt-2025-12',
        point: '9',
        party: 'russia',
        on: 'yesterday',
        level: '7',
        sources: 'newsaz-2026-02-18-no-breakthrough',
      },
      asStaff,
    ),
  )
  const anonymous = await app.request(`${ORIGIN}/negotiations/${SLUG}/edit`)
  const inherited = await app.request(
    formPost(`/negotiations/${SLUG}/edit/constructor`, { party: 'russia' }, asStaff),
  )

  assert.equal(inherited.status, 404, 'only the named forms answer')
  assert.equal(page.status, 200)
  assert.equal(saved.status, 303)
  assert.match(saved.headers.get('location') ?? '', /done=position\+recorded/)
  assert.equal(refused.status, 400)
  const html = await refused.text()
  assert.match(html, /<strong>on<\/strong>/)
  assert.match(html, /<strong>level<\/strong>/)
  assert.equal(anonymous.status, 401)
})

test('a role period can be ended through the API, and the principals of later dates follow', async () => {
  const { body } = await getJson(`/api/negotiations/${SLUG}/positions`)
  const uae = body.parties.find((p: { party: string }) => p.party === 'uae')

  const ended = await sendJson('PATCH', `/api/negotiations/${SLUG}/roles/${uae.id}`, {
    to: '2026-02-05',
  })
  const backwards = await sendJson('PATCH', `/api/negotiations/${SLUG}/roles/${uae.id}`, {
    to: '2025-01-01',
  })

  assert.equal(ended.status, 200)
  assert.equal(backwards.status, 400)
  assert.match(JSON.stringify(await backwards.json()), /"path":"to"/)
  const after = (await getJson(`/api/negotiations/${SLUG}/positions`)).body.parties.find(
    (p: { id: number }) => p.id === uae.id,
  )
  assert.equal(after.to, '2026-02-05')
  const audit = await listAudit(db, { entity: 'party_role', entityId: String(uae.id) })
  assert.equal(audit[0]?.action, 'update')
})

test('a negotiation with one version and no tracker data yet measures with equal weights', async () => {
  await importCase(db, cliActor, {
    format: 'parley-case/1',
    negotiation: {
      slug: 'bare',
      title: 'Bare talks',
      summary: 'Nothing tracked yet.',
      startedOn: '2024-01-01',
    },
    sources: [{ key: 'bare-a', url: 'https://example.org/bare/a', publisher: 'Example Wire' }],
    documents: [
      {
        key: 'draft',
        title: 'Draft',
        date: '2024-01-02',
        sources: ['bare-a'],
        provisions: [
          { number: 1, topic: 'ceasefire', text: 'Guns fall silent.', sources: ['bare-a'] },
          { number: 2, topic: 'prisoners', text: 'All for all.', sources: ['bare-a'] },
        ],
      },
    ],
  })

  const api = await getJson('/api/negotiations/bare/progress?at=2024-02-01')
  const pages = await Promise.all(
    ['', '/positions', '/architecture', '/diff'].map((sub) =>
      app.request(`${ORIGIN}/negotiations/bare${sub}`),
    ),
  )

  assert.equal(api.status, 200)
  assert.equal(api.body.weights.source, 'equal')
  assert.equal(api.body.countShare, 0)
  assert.deepEqual(
    api.body.blockers.map((b: { weight: number }) => b.weight),
    [0.5, 0.5],
  )
  assert.deepEqual(
    pages.map((p) => p.status),
    [200, 200, 200, 200],
  )
  assert.match(await pages[0]!.text(), /every point weighs the same/)
  assert.match(await pages[3]!.text(), /Choose two different versions/)
})
