import type { Db } from '../../platform/db/client.ts'
import { AppError } from '../../platform/errors.ts'
import { randomToken } from '../../platform/ids.ts'
import type { Logger } from '../../platform/logger.ts'
import type { Mailer } from '../../platform/mailer.ts'
import { magicLinkMail } from '../link-mail.ts'
import { findMemberByEmail, insertMemberLink, pruneMemberLinks } from '../members.repository.ts'
import { LINK_TTL_MS, type LinkPurpose } from '../members.ts'

/** Bytes of randomness in a magic link's token; only their SHA-256 is stored. */
export const LINK_TOKEN_BYTES = 32

/**
 * Sends a magic link to `email`: a sign-in link to a member, a confirmation link to anyone else
 * (who becomes a member only by clicking it). The caller shows the same page either way, so the
 * form does not reveal who is a member.
 */
export async function sendMagicLink(
  deps: { db: Db; mailer?: Mailer | undefined; logger: Logger },
  input: { email: string; returnTo: string; origin: string; now: Date },
): Promise<{ purpose: LinkPurpose }> {
  if (!deps.mailer) throw new AppError('unavailable', 'mail is not set up on this server')
  // Addresses that never confirmed are personal data with no purpose: forget them a day after
  // their link expired. Done here, where links are made, so no scheduler is needed.
  await pruneMemberLinks(deps.db, new Date(input.now.getTime() - LINK_TTL_MS))
  const member = await findMemberByEmail(deps.db, input.email)
  const purpose: LinkPurpose = member ? 'signin' : 'signup'
  const token = randomToken(LINK_TOKEN_BYTES)
  await insertMemberLink(deps.db, {
    token,
    email: input.email,
    purpose,
    returnTo: input.returnTo,
    expiresAt: new Date(input.now.getTime() + LINK_TTL_MS),
  })
  const url = `${input.origin}/members/verify?token=${token}`
  try {
    await deps.mailer.send(magicLinkMail({ to: input.email, purpose, url }))
  } catch (error) {
    deps.logger.error('magic link not sent', { purpose, error: String(error) })
    throw new AppError('unavailable', 'the e-mail could not be sent; try again in a few minutes')
  }
  return { purpose }
}
