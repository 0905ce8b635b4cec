import { and, eq, gt, isNull, lt, or, sql } from 'drizzle-orm'
import type { Db } from '../platform/db/client.ts'
import { sha256Hex } from '../platform/ids.ts'
import { memberLinks, memberSessions, members } from './members.tables.ts'
import type { LinkPurpose, Member } from './members.ts'

const memberColumns = {
  id: members.id,
  email: members.email,
  newsletter: members.newsletter,
  createdAt: members.createdAt,
}

export async function findMemberByEmail(db: Db, email: string): Promise<Member | undefined> {
  const [row] = await db.select(memberColumns).from(members).where(eq(members.email, email))
  return row
}

export async function findMemberById(db: Db, id: number): Promise<Member | undefined> {
  const [row] = await db.select(memberColumns).from(members).where(eq(members.id, id))
  return row
}

/** Creates the member, or returns the existing one (a second sign-up link clicked later). */
export async function upsertMember(db: Db, email: string, now: Date): Promise<Member> {
  const [created] = await db
    .insert(members)
    .values({ email, createdAt: now })
    .onConflictDoNothing({ target: members.email })
    .returning(memberColumns)
  if (created) return created
  const existing = await findMemberByEmail(db, email)
  return existing!
}

export async function updateNewsletter(db: Db, memberId: number, on: boolean): Promise<void> {
  await db.update(members).set({ newsletter: on }).where(eq(members.id, memberId))
}

export async function touchSignIn(db: Db, memberId: number, now: Date): Promise<void> {
  await db.update(members).set({ lastSignInAt: now }).where(eq(members.id, memberId))
}

/**
 * Removes the member and everything that names them: sessions (by cascade) and links, used or
 * not. Returns false when there was no such member.
 */
export async function deleteMember(db: Db, member: Pick<Member, 'id' | 'email'>): Promise<boolean> {
  await db.delete(memberLinks).where(eq(memberLinks.email, member.email))
  const gone = await db
    .delete(members)
    .where(eq(members.id, member.id))
    .returning({ id: members.id })
  return gone.length === 1
}

export async function insertMemberLink(
  db: Db,
  values: { token: string; email: string; purpose: LinkPurpose; returnTo: string; expiresAt: Date },
): Promise<void> {
  await db.insert(memberLinks).values({
    tokenHash: sha256Hex(values.token),
    email: values.email,
    purpose: values.purpose,
    returnTo: values.returnTo,
    expiresAt: values.expiresAt,
  })
}

export interface LinkView {
  email: string
  purpose: LinkPurpose
  returnTo: string | null
}

/** A link that is unused and unexpired, without using it (the page with the confirm button). */
export async function findUsableLink(
  db: Db,
  token: string,
  now: Date,
): Promise<LinkView | undefined> {
  const [row] = await db
    .select({
      email: memberLinks.email,
      purpose: memberLinks.purpose,
      returnTo: memberLinks.returnTo,
    })
    .from(memberLinks)
    .where(usable(token, now))
  return row
}

/**
 * Marks a link used and returns it; undefined when it is unknown, used or expired. One
 * conditional update, so of two clicks racing only one gets the link.
 */
export async function consumeLink(db: Db, token: string, now: Date): Promise<LinkView | undefined> {
  const [row] = await db
    .update(memberLinks)
    .set({ usedAt: now })
    .where(usable(token, now))
    .returning({
      email: memberLinks.email,
      purpose: memberLinks.purpose,
      returnTo: memberLinks.returnTo,
    })
  return row
}

function usable(token: string, now: Date) {
  return and(
    eq(memberLinks.tokenHash, sha256Hex(token)),
    isNull(memberLinks.usedAt),
    gt(memberLinks.expiresAt, now),
  )
}

/** Forgets links that expired or were used before `before` (the address goes with them). */
export async function pruneMemberLinks(db: Db, before: Date): Promise<number> {
  const gone = await db
    .delete(memberLinks)
    .where(or(lt(memberLinks.expiresAt, before), lt(memberLinks.usedAt, before)))
    .returning({ tokenHash: memberLinks.tokenHash })
  return gone.length
}

export async function insertMemberSession(
  db: Db,
  token: string,
  memberId: number,
  expiresAt: Date,
): Promise<void> {
  await db.insert(memberSessions).values({ tokenHash: sha256Hex(token), memberId, expiresAt })
}

export async function findSessionMember(
  db: Db,
  token: string,
  now: Date,
): Promise<Member | undefined> {
  const [row] = await db
    .select(memberColumns)
    .from(memberSessions)
    .innerJoin(members, eq(members.id, memberSessions.memberId))
    .where(and(eq(memberSessions.tokenHash, sha256Hex(token)), gt(memberSessions.expiresAt, now)))
  return row
}

export async function deleteMemberSession(db: Db, token: string): Promise<void> {
  await db.delete(memberSessions).where(eq(memberSessions.tokenHash, sha256Hex(token)))
}

export async function countMembers(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(members)
  return Number(row?.n ?? 0)
}
