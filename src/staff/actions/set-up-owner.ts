import type { Db } from '../../platform/db/client.ts'
import { AppError } from '../../platform/errors.ts'
import { randomToken } from '../../platform/ids.ts'
import type { Clock } from '../../platform/time.ts'
import { STAFF_SESSION_DAYS } from '../../platform/web/auth.ts'
import { consumeSetupToken, countStaff, insertSession } from '../staff.repository.ts'
import type { StaffUser } from '../staff.ts'
import { addStaff } from './add-staff.ts'

/**
 * Creates the first account, an owner, with the one-time setup link, and opens its session.
 * Throws `forbidden` once staff exist or the link is used or expired, `invalid_input` for a bad
 * account.
 */
export async function setUpOwner(
  deps: { db: Db; clock: Clock },
  input: { token: string; email: string; name: string; password: unknown },
): Promise<{ owner: StaffUser; session: string }> {
  const { token, ...account } = input
  const owner = await deps.db.transaction(async (tx) => {
    // Staff count and token are checked in the same transaction that creates the owner.
    if ((await countStaff(tx)) !== 0 || !(await consumeSetupToken(tx, token, deps.clock.now()))) {
      throw new AppError('forbidden', 'setup closed')
    }
    return addStaff(tx, { staffId: null, label: 'setup link' }, { ...account, role: 'owner' })
  })
  const session = randomToken(32)
  await insertSession(
    deps.db,
    session,
    owner.id,
    new Date(deps.clock.now().getTime() + STAFF_SESSION_DAYS * 86_400_000),
  )
  return { owner, session }
}
