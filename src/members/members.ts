import { z } from 'zod'
import { safeLocalPath } from '../platform/web/safe-redirect.ts'
import type { MemberViewer } from '../platform/web/viewer.ts'

/**
 * A reader who confirmed their address. Members exist only once a sign-up link was clicked. The
 * shape is the web frame's (platform/web/viewer.ts), which shows who is signed in on every page.
 */
export type Member = MemberViewer

/** What a magic link does when clicked: create the member (double opt-in) or sign one in. */
export type LinkPurpose = 'signup' | 'signin'

/** Magic links and pending sign-ups expire after this long. */
export const LINK_TTL_MS = 24 * 3_600_000

/** Member sessions last this long from sign-in. */
export const MEMBER_SESSION_DAYS = 30

/** An address as typed in a form: trimmed, lower-cased, checked. */
export const EmailAddress = z
  .string({ error: 'enter your e-mail address' })
  .trim()
  .toLowerCase()
  .min(1, 'enter your e-mail address')
  .max(254, 'an e-mail address has at most 254 characters')
  .pipe(z.email({ error: 'this is not an e-mail address (expected name@example.org)' }))

/** The sign-up and sign-in forms. `website` is a honeypot: people leave it empty, bots fill it. */
export const LinkRequestForm = z.object({
  email: EmailAddress,
  website: z.string().optional(),
  returnTo: z.string().max(500).optional(),
})

/**
 * Only a path on this site, so the sign-up form cannot be used to bounce a reader elsewhere.
 * Anything else falls back to `fallback`.
 */
export function safeReturnPath(value: string | undefined, fallback = '/account'): string {
  return safeLocalPath(value, fallback)
}

/** "Subscribe free to unlock direct links to all 14 sources" — the call to action's wording. */
export function unlockPhrase(sourceCount: number | undefined): string {
  if (sourceCount === undefined || sourceCount < 1)
    return 'Subscribe free to unlock direct links to every source'
  if (sourceCount === 1) return 'Subscribe free to unlock the direct link to its source'
  return `Subscribe free to unlock direct links to all ${sourceCount} sources`
}
