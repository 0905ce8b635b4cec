import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import { sql } from 'drizzle-orm'
import { buildTestApp, ORIGIN } from '../../test/app.ts'
import { openTestDatabase } from '../../test/db.ts'
import { DEMO_CASE_PATH } from '../app/load-demo.ts'
import { parseCaseFile } from '../casefile/case-file.ts'
import { exportCase } from '../casefile/export-case.ts'
import { importCase } from '../casefile/import-case.ts'
import { rowsOf } from '../platform/db/migrate.ts'
import type { AppError } from '../platform/errors.ts'
import { fixedClock } from '../platform/time.ts'
import { cliActor } from '../staff/audit.repository.ts'

const database = await openTestDatabase()
const { db } = database
const app = buildTestApp(database, { clock: fixedClock('2025-11-01T09:00:00Z') })

// biome-ignore lint/suspicious/noExplicitAny: test fixtures are edited freely before import
type Loose = Record<string, any>

/**
 * docs/measures.md's implementation example as a case file: five points signed by both
 * principals on 1 March 2025, seven obligations, measured on 1 October 2025.
 */
function signedCase(slug: string): Loose {
  const src = `${slug}-wire`
  const point = (number: number, obligations: Loose[]) => ({
    number,
    topic: `point ${number}`,
    text: `Point ${number} of the accord.`,
    sources: [src],
    obligations,
  })
  const obligation = (key: string, party: string, due?: string) => ({
    key,
    party,
    action: `carry out ${key}`,
    ...(due ? { due } : {}),
    sources: [src],
  })
  const record = (obligation: string, on: string, rung: number, flags: string[] = []) => ({
    obligation,
    on,
    rung,
    flags,
    sources: [src],
  })
  return {
    format: 'parley-case/1',
    negotiation: {
      slug,
      title: 'A signed accord',
      summary: 'Five points, signed.',
      startedOn: '2025-01-01',
    },
    sources: [{ key: src, url: `https://example.org/${slug}`, publisher: 'Example Wire' }],
    actors: [
      { key: 'north', name: 'North', kind: 'state' },
      { key: 'south', name: 'South', kind: 'state' },
    ],
    documents: [
      {
        key: 'accord',
        title: 'Five-point accord',
        date: '2025-03-01',
        sources: [src],
        provisions: [
          point(1, [
            obligation('withdraw', 'north', '2025-06-01'),
            obligation('report', 'north', '2026-06-01'),
          ]),
          point(2, [
            obligation('release-a', 'north', '2025-04-01'),
            obligation('release-b', 'south', '2025-04-01'),
          ]),
          point(3, [obligation('demine', 'south', '2025-07-01')]),
          point(4, [obligation('moratorium', 'south', '2025-03-15')]),
          point(5, [obligation('commission', 'north')]),
        ],
      },
    ],
    parties: ['north', 'south'].map((actor) => ({
      actor,
      roles: [{ role: 'principal', from: '2025-01-01', sources: [src] }],
    })),
    positions: [1, 2, 3, 4, 5].flatMap((n) =>
      ['north', 'south'].map((party) => ({
        document: 'accord',
        point: n,
        party,
        on: '2025-03-01',
        level: 3,
        sources: [src],
      })),
    ),
    implementation: [
      record('withdraw', '2025-05-30', 3),
      record('release-a', '2025-03-28', 3),
      record('moratorium', '2025-03-10', 3),
      {
        ...record('moratorium', '2025-08-01', 0, ['reversed', 'disputed']),
        note: 'strikes resumed',
      },
    ],
    disputes: [
      {
        obligation: 'moratorium',
        party: 'south',
        on: '2025-08-02',
        reading: 'Covers power stations only, not substations.',
        sources: [src],
      },
    ],
  }
}

async function count(table: string): Promise<number> {
  const rows = rowsOf<{ n: number }>(
    await db.execute(sql.raw(`select count(*)::int as n from ${table}`)),
  )
  return Number(rows[0]!.n)
}

async function refusal(file: Loose): Promise<AppError> {
  return importCase(db, cliActor, file).then(
    () => assert.fail('imported'),
    (error: AppError) => error,
  )
}

await importCase(db, cliActor, signedCase('accord'))

test('the overview shows signed 100%, implemented 30% beside C, P and G, with its chart', async () => {
  const res = await app.request(`${ORIGIN}/negotiations/accord?at=2025-10-01`)
  const html = await res.text()

  assert.equal(res.status, 200)
  assert.match(html, /id="figure-implemented"/)
  assert.match(html, /Signed 100%, implemented 30%/)
  assert.match(html, /<svg[^>]+id="implementation-chart"/)
  assert.match(html, /reversed \(reading disputed\)/)
  assert.match(html, /Covers power stations only/)
})

test('the progress API carries the implementation measures and the series', async () => {
  const res = await app.request(`${ORIGIN}/api/negotiations/accord/progress?at=2025-10-01`)
  // biome-ignore lint/suspicious/noExplicitAny: the JSON answer is read field by field
  const body = (await res.json()) as any

  assert.equal(body.countShare, 1)
  assert.equal(body.implementation.counted, 5)
  assert.ok(Math.abs(body.implementation.stakeWeighted - 0.3) < 1e-9)
  assert.ok(Math.abs(body.implementation.countShare - 0.2) < 1e-9)
  assert.deepEqual(
    body.implementation.obligations.map((o: Loose) => o.label),
    ['implemented', 'not due yet', 'implemented', 'late', 'late', 'reversed', 'not implemented'],
  )
  assert.ok(body.implementationSeries.some((p: Loose) => p.date === '2025-08-01'))
})

test('a negotiation without obligations shows no implementation section and answers null', async () => {
  const file = signedCase('plain')
  for (const p of file.documents[0].provisions) delete p.obligations
  file.implementation = []
  file.disputes = []
  await importCase(db, cliActor, file)

  const html = await (await app.request(`${ORIGIN}/negotiations/plain?at=2025-10-01`)).text()
  const body = (await (
    await app.request(`${ORIGIN}/api/negotiations/plain/progress?at=2025-10-01`)
  ).json()) as Loose

  assert.doesNotMatch(html, /implementation-chart|figure-implemented/)
  assert.equal(body.implementation, null)
})

test('export then import gives back the obligations, records and disputes', async () => {
  const exported = await exportCase(db, 'accord')
  const elsewhere = await openTestDatabase()

  await importCase(elsewhere.db, cliActor, JSON.parse(JSON.stringify(exported)))
  const second = await exportCase(elsewhere.db, 'accord')

  const normalize = (value: unknown) => {
    const parsed = parseCaseFile(value)
    assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.problems.slice(0, 3)))
    return JSON.parse(JSON.stringify(parsed.file))
  }
  const original = normalize(signedCase('accord'))
  assert.deepEqual(normalize(exported), original)
  assert.deepEqual(normalize(second), original)
  assert.equal(original.disputes.length, 1)
  assert.deepEqual(original.implementation[3].flags, ['reversed', 'disputed'])
})

test('a record for an obligation that does not exist is refused by its path, and nothing is written', async () => {
  const file = signedCase('bad-record')
  file.implementation[2].obligation = 'ceasefire'
  const before = await count('negotiations')

  const error = await refusal(file)

  assert.equal(error.code, 'invalid_input')
  assert.deepEqual(error.details, [
    { path: '$.implementation[2].obligation', message: 'unknown obligation "ceasefire"' },
  ])
  assert.equal(await count('negotiations'), before)
})

test('an obligation naming a party not in the negotiation is refused by its path', async () => {
  const file = signedCase('bad-party')
  file.documents[0].provisions[2].obligations[0].party = 'east'
  file.disputes[0].party = 'east'
  const before = await count('obligations')

  const error = await refusal(file)

  assert.deepEqual(
    error.details?.map((d) => d.path),
    ['$.documents[0].provisions[2].obligations[0].party', '$.disputes[0].party'],
  )
  assert.match(error.details![0]!.message, /"east" is not a party to the negotiation/)
  assert.equal(await count('obligations'), before)
})

test('a rung off the ladder, an unknown flag and a repeated obligation key are refused by path', async () => {
  const offLadder = signedCase('bad-rung')
  offLadder.implementation[0].rung = 4
  offLadder.implementation[1].flags = ['stalled']
  const repeated = signedCase('bad-key')
  repeated.documents[0].provisions[4].obligations[0].key = 'withdraw'

  const shape = await refusal(offLadder)
  const keys = await refusal(repeated)

  assert.deepEqual(
    shape.details?.map((d) => d.path),
    ['$.implementation[0].rung', '$.implementation[1].flags[0]'],
  )
  assert.match(shape.details![0]!.message, /0–3 implementation ladder/)
  assert.equal(keys.details![0]!.path, '$.documents[0].provisions[4].obligations[0].key')
  assert.match(keys.details![0]!.message, /duplicate obligation key "withdraw"/)
})

test('the demo case reads signed 100%, implemented 50% on its Abu Dhabi steps', async () => {
  await importCase(db, cliActor, JSON.parse(readFileSync(DEMO_CASE_PATH, 'utf8')))

  const res = await app.request(
    `${ORIGIN}/api/negotiations/russia-ukraine-2025/progress?at=2026-02-18&framework=abu-dhabi-steps-2026`,
  )
  const body = (await res.json()) as Loose

  assert.equal(body.countShare, 1)
  assert.equal(body.implementation.stakeWeighted, 0.5)
  assert.deepEqual(
    body.implementation.obligations.map((o: Loose) => `${o.key}:${o.label}`),
    ['ru-energy-pause:reversed', 'ua-pow-157:implemented', 'ru-pow-157:implemented'],
  )
})
