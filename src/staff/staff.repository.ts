import { and, count, eq, gt, isNull, lt } from 'drizzle-orm'
import type { Db } from '../platform/db/client.ts'
import { sha256Hex } from '../platform/ids.ts'
import { setupTokens, staff, staffSessions } from './staff.tables.ts'
import type { StaffRole, StaffUser } from './staff.ts'

const publicColumns = { id: staff.id, email: staff.email, name: staff.name, role: staff.role }

export async function countStaff(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(staff)
  return row?.n ?? 0
}

export async function insertStaff(
  db: Db,
  values: { email: string; name: string; role: StaffRole; passwordHash: string },
): Promise<StaffUser> {
  const [row] = await db.insert(staff).values(values).returning(publicColumns)
  return row!
}

export async function findStaffByEmail(
  db: Db,
  email: string,
): Promise<(StaffUser & { passwordHash: string; disabledAt: Date | null }) | undefined> {
  const [row] = await db
    .select({ ...publicColumns, passwordHash: staff.passwordHash, disabledAt: staff.disabledAt })
    .from(staff)
    .where(eq(staff.email, email.toLowerCase()))
  return row
}

export async function listStaff(db: Db): Promise<StaffUser[]> {
  return db.select(publicColumns).from(staff).orderBy(staff.id)
}

export async function insertSession(
  db: Db,
  token: string,
  staffId: number,
  expiresAt: Date,
): Promise<void> {
  await db.insert(staffSessions).values({ tokenHash: sha256Hex(token), staffId, expiresAt })
}

export async function findSessionStaff(
  db: Db,
  token: string,
  now: Date,
): Promise<StaffUser | undefined> {
  const [row] = await db
    .select(publicColumns)
    .from(staffSessions)
    .innerJoin(staff, eq(staff.id, staffSessions.staffId))
    .where(
      and(
        eq(staffSessions.tokenHash, sha256Hex(token)),
        gt(staffSessions.expiresAt, now),
        isNull(staff.disabledAt),
      ),
    )
  return row
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.delete(staffSessions).where(eq(staffSessions.tokenHash, sha256Hex(token)))
}

export async function deleteExpiredSessions(db: Db, now: Date): Promise<void> {
  await db.delete(staffSessions).where(lt(staffSessions.expiresAt, now))
}

export async function insertSetupToken(db: Db, token: string, expiresAt: Date): Promise<void> {
  await db.insert(setupTokens).values({ tokenHash: sha256Hex(token), expiresAt })
}

/** Marks a setup token used; true only for the one caller that consumed a valid, unused token. */
export async function consumeSetupToken(db: Db, token: string, now: Date): Promise<boolean> {
  const used = await db
    .update(setupTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(setupTokens.tokenHash, sha256Hex(token)),
        isNull(setupTokens.usedAt),
        gt(setupTokens.expiresAt, now),
      ),
    )
    .returning({ tokenHash: setupTokens.tokenHash })
  return used.length === 1
}

export async function isSetupTokenValid(db: Db, token: string, now: Date): Promise<boolean> {
  const [row] = await db
    .select({ tokenHash: setupTokens.tokenHash })
    .from(setupTokens)
    .where(
      and(
        eq(setupTokens.tokenHash, sha256Hex(token)),
        isNull(setupTokens.usedAt),
        gt(setupTokens.expiresAt, now),
      ),
    )
  return row !== undefined
}
