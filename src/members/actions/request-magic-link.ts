import type { Db } from '../../platform/db/client.ts'
import { sha256Hex } from '../../platform/ids.ts'
import type { Logger } from '../../platform/logger.ts'
import type { Mailer } from '../../platform/mailer.ts'
import { hitRateLimit } from '../../platform/web/rate-limit.repository.ts'
import { sendMagicLink } from './send-magic-link.ts'

/** Links asked for from one address (IP) and for one e-mail address, per hour. */
export const LINKS_PER_IP = { limit: 10, windowMs: 3_600_000 }
export const LINKS_PER_ADDRESS = { limit: 3, windowMs: 3_600_000 }

/**
 * A magic link asked for through the sign-up or sign-in form, under the per-client and
 * per-address limits. Throws `unavailable` when mail cannot be sent.
 */
export async function requestMagicLink(
  deps: { db: Db; mailer?: Mailer | undefined; logger: Logger },
  input: { email: string; returnTo: string; origin: string; ip: string; now: Date },
): Promise<{ outcome: 'sent' } | { outcome: 'too_many'; retryAfter: number }> {
  const { email, ip, now } = input
  const byIp = await hitRateLimit(deps.db, `member-link:ip:${ip}`, LINKS_PER_IP, now)
  // A request refused by address writes no per-address row: a flood of made-up addresses from
  // one client adds one row to the limits table, not one per address.
  if (!byIp.allowed) return { outcome: 'too_many', retryAfter: byIp.retryAfter }
  // The bucket names the address by its hash: the limits table keeps no e-mail addresses.
  const byAddress = await hitRateLimit(
    deps.db,
    `member-link:address:${sha256Hex(email)}`,
    LINKS_PER_ADDRESS,
    now,
  )
  if (!byAddress.allowed) return { outcome: 'too_many', retryAfter: byAddress.retryAfter }
  await sendMagicLink(deps, { email, returnTo: input.returnTo, origin: input.origin, now })
  return { outcome: 'sent' }
}
