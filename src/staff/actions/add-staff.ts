import type { Db } from '../../platform/db/client.ts'
import { AppError, detailsFromZod, invalidInput } from '../../platform/errors.ts'
import { type Actor, recordAudit } from '../audit.repository.ts'
import { hashPassword } from '../password.ts'
import { findStaffByEmail, insertStaff } from '../staff.repository.ts'
import { NewStaff, type StaffUser } from '../staff.ts'

/** Creates a staff account (validated, argon2id-hashed, audited) inside `db`'s transaction. */
export async function addStaff(db: Db, actor: Actor, input: unknown): Promise<StaffUser> {
  const parsed = NewStaff.safeParse(input)
  if (!parsed.success)
    throw invalidInput('invalid staff account', detailsFromZod(parsed.error.issues))
  const { password, ...account } = parsed.data
  if (await findStaffByEmail(db, account.email)) {
    throw new AppError('conflict', `a staff account for ${account.email} already exists`)
  }
  const created = await insertStaff(db, { ...account, passwordHash: await hashPassword(password) })
  await recordAudit(db, actor, {
    action: 'create',
    entity: 'staff',
    entityId: created.id,
    after: created,
  })
  return created
}
