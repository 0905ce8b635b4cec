import type { Db } from '../../platform/db/client.ts'
import { randomToken } from '../../platform/ids.ts'
import {
  consumeLink,
  findMemberByEmail,
  insertMemberSession,
  type LinkView,
  touchSignIn,
  upsertMember,
} from '../members.repository.ts'
import { MEMBER_SESSION_DAYS, type Member } from '../members.ts'

/**
 * The button behind a magic link: uses the link, creates the member (sign-up) or finds them
 * (sign-in), and opens a session. Undefined when the link is unknown, used, expired, or signs in
 * an account deleted since.
 */
export async function confirmMagicLink(
  db: Db,
  input: { token: string; now: Date },
): Promise<{ member: Member; link: LinkView; session: string } | undefined> {
  const { token, now } = input
  const session = randomToken(32)
  // Using the link, creating the member and opening the session land together or not at all.
  return db.transaction(async (tx) => {
    const link = token ? await consumeLink(tx, token, now) : undefined
    if (!link) return undefined
    const member =
      link.purpose === 'signup'
        ? await upsertMember(tx, link.email, now)
        : await findMemberByEmail(tx, link.email)
    // A sign-in link for an account deleted since it was sent opens nothing.
    if (!member) return undefined
    await touchSignIn(tx, member.id, now)
    await insertMemberSession(
      tx,
      session,
      member.id,
      new Date(now.getTime() + MEMBER_SESSION_DAYS * 86_400_000),
    )
    return { member, link, session }
  })
}
