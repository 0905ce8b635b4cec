import assert from 'node:assert/strict'
import { test } from 'node:test'
import { buildTestApp, ORIGIN } from './app.ts'
import { openTestDatabase } from './db.ts'
import {
  addNegotiation,
  addSourceWithSnapshot,
  publishedArticle,
  signedInMember,
  signedInStaff,
} from './factories.ts'

// The factories make what the app itself would: a page reads them as it reads any other data.
const database = await openTestDatabase()
const { db } = database
const app = buildTestApp(database)

test('a member reads a published article citing a captured source, with its archived copy', async () => {
  const { source, snapshot } = await addSourceWithSnapshot(db, {
    snapshot: { fetchedAt: new Date('2026-01-05T09:00:00Z'), text: 'Talks resumed.' },
  })
  const { article } = await publishedArticle(db, { body: `Talks resumed [@${source.key}].` })
  const { headers } = await signedInMember(db)

  const res = await app.request(`${ORIGIN}/articles/${article.slug}`, { headers })

  assert.equal(res.status, 200)
  assert.ok((await res.text()).includes(`/sources/${source.key}/snapshots/${snapshot.id}`))
})

test('a signed-in editor opens the desk, and two negotiations made alike keep apart', async () => {
  const { headers } = await signedInStaff(db, 'editor')
  const first = await addNegotiation(db)
  const second = await addNegotiation(db)

  const desk = await app.request(`${ORIGIN}/staff`, { headers })
  const page = await app.request(`${ORIGIN}/negotiations/${second.slug}`)

  assert.equal(desk.status, 200)
  assert.equal(page.status, 200)
  assert.notEqual(first.slug, second.slug)
})
