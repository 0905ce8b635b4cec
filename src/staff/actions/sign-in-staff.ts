import type { Db } from '../../platform/db/client.ts'
import { randomToken, sha256Hex } from '../../platform/ids.ts'
import type { Logger } from '../../platform/logger.ts'
import type { Clock } from '../../platform/time.ts'
import { STAFF_SESSION_DAYS } from '../../platform/web/auth.ts'
import { hitRateLimit, peekRateLimit } from '../../platform/web/rate-limit.repository.ts'
import { decoyHash, verifyPassword } from '../password.ts'
import { findStaffByEmail, insertSession } from '../staff.repository.ts'

/** Sign-in attempts from one address, right or wrong. */
const LOGIN_BY_IP = { limit: 20, windowMs: 15 * 60_000 }
/** Failed sign-ins for one account from one address. */
const LOGIN_FAILURES_BY_ACCOUNT_AND_IP = { limit: 5, windowMs: 15 * 60_000 }

/** How a sign-in ended: a session token to set as the cookie, too many attempts, or refused. */
export type StaffSignIn =
  | { outcome: 'signed_in'; token: string }
  | { outcome: 'too_many'; retryAfter: number }
  | { outcome: 'refused' }

/** Checks an e-mail and password under the sign-in rate limits and opens a session on success. */
export async function signInStaff(
  deps: { db: Db; clock: Clock; logger: Logger },
  input: { email: string; password: string; ip: string },
): Promise<StaffSignIn> {
  const { email, password, ip } = input
  const now = deps.clock.now()
  // Every attempt counts against the address it comes from. One refused here writes nothing
  // else, so a flood from one address grows the table by one row, not one per attempt.
  const byIp = await hitRateLimit(deps.db, `staff-login:ip:${ip}`, LOGIN_BY_IP, now)
  if (!byIp.allowed) return { outcome: 'too_many', retryAfter: byIp.retryAfter }
  // Failures count per account *and* address: guessing one account's password from one address
  // stops after five, while the owner signing in from elsewhere is never locked out by a
  // stranger. The bucket names the account by hash, so the table keeps no addresses.
  const failures = `staff-login:failures:${sha256Hex(email)}:${ip}`
  const byPair = await peekRateLimit(deps.db, failures, LOGIN_FAILURES_BY_ACCOUNT_AND_IP, now)
  if (!byPair.allowed) return { outcome: 'too_many', retryAfter: byPair.retryAfter }
  const account = await findStaffByEmail(deps.db, email)
  const ok = await verifyPassword(account?.passwordHash ?? (await decoyHash()), password)
  if (!account || !ok || account.disabledAt) {
    await hitRateLimit(deps.db, failures, LOGIN_FAILURES_BY_ACCOUNT_AND_IP, now)
    deps.logger.warn('staff sign-in refused', { email })
    return { outcome: 'refused' }
  }
  const token = randomToken(32)
  await insertSession(
    deps.db,
    token,
    account.id,
    new Date(now.getTime() + STAFF_SESSION_DAYS * 86_400_000),
  )
  return { outcome: 'signed_in', token }
}
