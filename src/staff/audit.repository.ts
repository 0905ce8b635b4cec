import { and, desc, eq } from 'drizzle-orm'
import type { Db } from '../platform/db/client.ts'
import { auditLog } from './staff.tables.ts'

/** Who did something: a signed-in staff member, or the CLI / system acting for the operator. */
export interface Actor {
  staffId: number | null
  label: string
}

export const systemActor: Actor = { staffId: null, label: 'system' }
export const cliActor: Actor = { staffId: null, label: 'cli' }

export interface AuditEntry {
  action: string
  entity: string
  entityId?: string | number | null
  before?: unknown
  after?: unknown
}

/** Records a staff write. Call it inside the write's transaction so both land or neither does. */
export async function recordAudit(db: Db, actor: Actor, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    staffId: actor.staffId,
    actor: actor.label,
    action: entry.action,
    entity: entry.entity,
    entityId:
      entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
    before: entry.before ?? null,
    after: entry.after ?? null,
  })
}

export interface AuditRow {
  id: number
  at: Date
  actor: string
  action: string
  entity: string
  entityId: string | null
  before: unknown
  after: unknown
}

export async function listAudit(
  db: Db,
  filter: { entity?: string; entityId?: string; limit?: number } = {},
): Promise<AuditRow[]> {
  const conditions = [
    filter.entity === undefined ? undefined : eq(auditLog.entity, filter.entity),
    filter.entityId === undefined ? undefined : eq(auditLog.entityId, filter.entityId),
  ].filter((c) => c !== undefined)
  return db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actor: auditLog.actor,
      action: auditLog.action,
      entity: auditLog.entity,
      entityId: auditLog.entityId,
      before: auditLog.before,
      after: auditLog.after,
    })
    .from(auditLog)
    .where(conditions.length === 0 ? undefined : and(...conditions))
    .orderBy(desc(auditLog.id))
    .limit(filter.limit ?? 200)
}
