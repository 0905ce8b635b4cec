import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import { sql } from 'drizzle-orm'
import { openTestDatabase } from '../../test/db.ts'
import { DEMO_CASE_PATH, loadDemoIfEmpty } from '../app/load-demo.ts'
import {
  findNegotiationBySlug,
  listDocumentViews,
} from '../negotiations/negotiations.repository.ts'
import { rowsOf } from '../platform/db/migrate.ts'
import type { AppError } from '../platform/errors.ts'
import { cliActor } from '../staff/audit.repository.ts'
import { importCase } from './import-case.ts'

const database = await openTestDatabase()
const { db } = database

async function count(table: string): Promise<number> {
  return Number(
    rowsOf<{ n: number }>(await db.execute(sql.raw(`select count(*)::int as n from ${table}`)))[0]!
      .n,
  )
}

function smallCase(slug: string) {
  return {
    format: 'parley-case/1',
    negotiation: {
      slug,
      title: 'A small test case',
      summary: 'Two points.',
      startedOn: '2024-03-01',
    },
    sources: [
      {
        key: `${slug}-a`,
        url: `https://example.org/${slug}/a`,
        publisher: 'Example Wire',
        published: '2024-03-01',
      },
    ],
    documents: [
      {
        key: 'draft',
        title: 'Draft',
        date: '2024-03-02',
        sources: [`${slug}-a`],
        provisions: [
          { number: 1, topic: 'ceasefire', text: 'Guns fall silent.', sources: [`${slug}-a`] },
          { number: 2, topic: 'prisoners', text: 'All for all.', sources: [`${slug}-a`] },
        ],
      },
    ],
  }
}

test('a corrupt case file is refused with the JSON path of every problem, and nothing is written', async () => {
  const bad = smallCase('broken')
  bad.negotiation.startedOn = '2024-13-45'
  bad.documents[0]!.provisions[1]!.sources = ['no-such-source']
  const before = { negotiations: await count('negotiations'), sources: await count('sources') }

  const error = await importCase(db, cliActor, bad).then(
    () => assert.fail('imported'),
    (e: AppError) => e,
  )

  assert.equal(error.code, 'invalid_input')
  const paths = error.details.map((d) => d.path)
  assert.ok(paths.includes('$.negotiation.startedOn'), paths.join(', '))
  assert.deepEqual(
    { negotiations: await count('negotiations'), sources: await count('sources') },
    before,
  )
})

test('a dangling reference is named by its path', async () => {
  const bad = smallCase('dangling')
  bad.documents[0]!.provisions[1]!.sources = ['no-such-source']

  await assert.rejects(importCase(db, cliActor, bad), (e: AppError) =>
    e.details.some(
      (d) =>
        d.path === '$.documents[0].provisions[1].sources[0]' && /unknown source/.test(d.message),
    ),
  )
  assert.equal(await findNegotiationBySlug(db, 'dangling'), undefined)
})

test('a case imports its documents, points and sources, and a second import of the slug conflicts', async () => {
  const report = await importCase(db, cliActor, smallCase('small'))
  const again = importCase(db, cliActor, smallCase('small'))

  assert.deepEqual([report.documents, report.provisions, report.sources.created], [1, 2, 1])
  await assert.rejects(again, (e: AppError) => e.code === 'conflict')
  const negotiation = await findNegotiationBySlug(db, 'small')
  const [document] = await listDocumentViews(db, negotiation!.id)
  assert.deepEqual(
    document!.provisions.map((p) => [p.number, p.sources.map((s) => s.key)]),
    [
      [1, ['small-a']],
      [2, ['small-a']],
    ],
  )
})

test('replacing a case keeps its sources in the ledger and rewrites its points', async () => {
  await importCase(db, cliActor, smallCase('replaced'))
  const changed = smallCase('replaced')
  changed.documents[0]!.provisions.pop()

  const report = await importCase(db, cliActor, changed, { replace: true })

  assert.equal(report.replaced, true)
  assert.equal(report.sources.reused, 1)
  const negotiation = await findNegotiationBySlug(db, 'replaced')
  assert.equal((await listDocumentViews(db, negotiation!.id))[0]!.provisions.length, 1)
})

test('the bundled demo case loads into an empty ledger with both frameworks and every point sourced', async () => {
  const fresh = await openTestDatabase()

  const report = await loadDemoIfEmpty(fresh.db)
  const second = await loadDemoIfEmpty(fresh.db)

  assert.equal(report?.negotiation, 'russia-ukraine-2025')
  assert.equal(second, undefined)
  const negotiation = await findNegotiationBySlug(fresh.db, 'russia-ukraine-2025')
  const documents = await listDocumentViews(fresh.db, negotiation!.id)
  assert.deepEqual(
    documents.map((d) => d.provisions.length),
    [28, 20, 2],
  )
  assert.ok(documents.every((d) => d.provisions.every((p) => p.sources.length > 0)))
  const file = JSON.parse(readFileSync(DEMO_CASE_PATH, 'utf8')) as { sources: unknown[] }
  assert.equal(report?.sources.created, file.sources.length)
})
