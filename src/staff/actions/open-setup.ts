import type { Db } from '../../platform/db/client.ts'
import { randomToken } from '../../platform/ids.ts'
import { countStaff, insertSetupToken } from '../staff.repository.ts'

/** How long the one-time setup link stays valid. */
export const SETUP_LINK_HOURS = 24

/**
 * While there is no staff account, a one-time token for creating the owner (/staff/setup);
 * undefined once staff exist.
 */
export async function openSetup(db: Db, now: Date): Promise<string | undefined> {
  if ((await countStaff(db)) !== 0) return undefined
  const token = randomToken(32)
  await insertSetupToken(db, token, new Date(now.getTime() + SETUP_LINK_HOURS * 3_600_000))
  return token
}
