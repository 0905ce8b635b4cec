/**
 * Test data made through the app's own functions (accounts, sessions, the case import, the
 * archive's capture store, the article desk), so that a row a test relies on is one the app
 * could have written. Each factory takes the database first and makes fresh names when none are
 * given, so tests that share a database keep apart.
 */

import { randomBytes } from 'node:crypto'
import { addArticle } from '../src/articles/actions/add-article.ts'
import { type PublishResult, publishArticle } from '../src/articles/actions/publish-article.ts'
import type { Article } from '../src/articles/article.ts'
import { importCase } from '../src/casefile/import-case.ts'
import { insertMemberSession, upsertMember } from '../src/members/members.repository.ts'
import type { Member } from '../src/members/members.ts'
import type { Db } from '../src/platform/db/client.ts'
import { randomToken, sha256Hex } from '../src/platform/ids.ts'
import { MEMBER_COOKIE, STAFF_COOKIE } from '../src/platform/web/auth.ts'
import { addSource } from '../src/sources/actions/add-source.ts'
import { storeCapture } from '../src/sources/actions/archive-source.ts'
import type { SnapshotMeta } from '../src/sources/snapshots.repository.ts'
import type { SourceRow } from '../src/sources/sources.repository.ts'
import { addStaff } from '../src/staff/actions/add-staff.ts'
import { type Actor, cliActor } from '../src/staff/audit.repository.ts'
import { insertSession } from '../src/staff/staff.repository.ts'
import type { StaffRole, StaffUser } from '../src/staff/staff.ts'

/** Far enough ahead that no session made here expires while a test runs, whatever its clock. */
const SESSION_EXPIRES = new Date('2030-01-01T00:00:00Z')

/** A password long enough for the account rules; tests that sign in by form send it. */
export const TEST_PASSWORD = 'a long enough password'

let made = 0
/** A suffix no other factory call has used: lower-case, so it fits slugs, keys and addresses. */
function fresh(): string {
  made++
  return `${made}-${randomBytes(3).toString('hex')}`
}

/** A staff account of `role`, made as `parley staff add` makes it (validated, hashed, audited). */
export async function addTestStaff(
  db: Db,
  role: StaffRole,
  options: { email?: string; name?: string; password?: string } = {},
): Promise<StaffUser> {
  return addStaff(db, cliActor, {
    email: options.email ?? `${role}-${fresh()}@example.org`,
    name: options.name ?? `A ${role}`,
    role,
    password: options.password ?? TEST_PASSWORD,
  })
}

export interface SignedInStaff {
  staff: StaffUser
  /** The `name=value` cookie a browser sends back. */
  cookie: string
  /** `{ cookie }`, to spread into a request's headers. */
  headers: { cookie: string }
}

/** A staff member of `role` with a live session, as the cookie a browser would send. */
export async function signedInStaff(
  db: Db,
  role: StaffRole,
  options: { email?: string; name?: string; password?: string } = {},
): Promise<SignedInStaff> {
  const staff = await addTestStaff(db, role, options)
  const token = randomToken()
  await insertSession(db, token, staff.id, SESSION_EXPIRES)
  const cookie = `${STAFF_COOKIE}=${token}`
  return { staff, cookie, headers: { cookie } }
}

export interface SignedInMember {
  member: Member
  cookie: string
  headers: { cookie: string }
}

/** A member (a reader with an account) with a live session. */
export async function signedInMember(
  db: Db,
  options: { email?: string; now?: Date } = {},
): Promise<SignedInMember> {
  const member = await upsertMember(
    db,
    options.email ?? `reader-${fresh()}@example.org`,
    options.now ?? new Date(),
  )
  const token = randomToken()
  await insertMemberSession(db, token, member.id, SESSION_EXPIRES)
  const cookie = `${MEMBER_COOKIE}=${token}`
  return { member, cookie, headers: { cookie } }
}

export interface SnapshotOptions {
  fetchedAt: Date
  /** The readable text the capture holds (kept verbatim: quotes are anchored in it). */
  text: string
  /** The bytes as fetched; an HTML page around the text when not given. */
  raw?: Uint8Array
  finalUrl?: string
  httpStatus?: number
  contentType?: string
  headers?: [string, string][]
  extractor?: string
  actor?: Actor
}

/**
 * A capture of `source` stored by the archive's own `storeCapture` (audited; a capture that reads
 * the same as the newest one is not stored again, as in the app).
 */
export async function addSnapshot(
  db: Db,
  source: SourceRow,
  options: SnapshotOptions,
): Promise<SnapshotMeta> {
  const raw = options.raw ?? Buffer.from(`<html><body><p>${options.text}</p></body></html>`)
  const contentType = options.contentType ?? 'text/html; charset=utf-8'
  const result = await db.transaction((tx) =>
    storeCapture(tx, options.actor ?? cliActor, source, {
      fetchedAt: options.fetchedAt,
      requestedUrl: source.url,
      finalUrl: options.finalUrl ?? source.url,
      httpStatus: options.httpStatus ?? 200,
      contentType,
      headers: options.headers ?? [['content-type', contentType]],
      byteLength: raw.length,
      raw,
      sha256: sha256Hex(raw),
      text: options.text,
      textSha256: sha256Hex(options.text),
      textStatus: 'extracted',
      extractor: options.extractor ?? 'readability',
      pageTitle: null,
    }),
  )
  return result.snapshot
}

/** A new ledger source (through `addSource`, without fetching anything) and one capture of it. */
export async function addSourceWithSnapshot(
  db: Db,
  options: { key?: string; url?: string; publisher?: string; snapshot: SnapshotOptions },
): Promise<{ source: SourceRow; snapshot: SnapshotMeta }> {
  const suffix = fresh()
  const { source } = await addSource(
    db,
    cliActor,
    {
      key: options.key ?? `source-${suffix}`,
      url: options.url ?? `https://wire.example.com/story/${suffix}`,
      publisher: options.publisher ?? 'Example Wire',
    },
    { archive: false, clock: { now: () => options.snapshot.fetchedAt } },
  )
  const snapshot = await addSnapshot(db, source, options.snapshot)
  return { source, snapshot }
}

/**
 * A negotiation with one party, one document of one provision and the source that documents it,
 * imported as a case file is. Returns its slug and the source's key.
 */
export async function addNegotiation(
  db: Db,
  options: { slug?: string; title?: string; startedOn?: string } = {},
): Promise<{ slug: string; sourceKey: string }> {
  const suffix = fresh()
  const slug = options.slug ?? `talks-${suffix}`
  const sourceKey = `${slug}-draft`
  await importCase(db, cliActor, {
    format: 'parley-case/1',
    negotiation: {
      slug,
      title: options.title ?? `Talks ${suffix}`,
      summary: 'Talks made for a test.',
      startedOn: options.startedOn ?? '2026-01-01',
    },
    sources: [{ key: sourceKey, url: `https://gov.example.org/${slug}/draft`, publisher: 'North' }],
    actors: [{ key: 'north', name: 'North', kind: 'state' }],
    parties: [
      { actor: 'north', roles: [{ role: 'principal', from: '2026-01-01', to: null, sources: [] }] },
    ],
    documents: [
      {
        key: 'draft',
        title: 'Draft',
        date: options.startedOn ?? '2026-01-01',
        sources: [sourceKey],
        provisions: [
          { number: 1, topic: 'ceasefire', text: 'Guns fall silent.', sources: [sourceKey] },
        ],
      },
    ],
  })
  return { slug, sourceKey }
}

/** A draft written at the desk and published, as `parley article publish` does. */
export async function publishedArticle(
  db: Db,
  options: {
    title?: string
    body?: string
    slug?: string
    now?: Date
    site?: { url: string }
    author?: { id: number | null; name: string }
  } = {},
): Promise<PublishResult & { draft: Article }> {
  const now = options.now ?? new Date()
  const draft = await addArticle(
    db,
    cliActor,
    {
      title: options.title ?? `An article ${fresh()}`,
      body: options.body ?? 'Talks went on.',
      ...(options.slug ? { slug: options.slug } : {}),
    },
    options.author ?? { id: null, name: 'Desk' },
    now,
  )
  const published = await publishArticle(db, cliActor, draft.id, {
    now,
    site: options.site ?? { url: 'https://parley.example' },
  })
  return { ...published, draft }
}
