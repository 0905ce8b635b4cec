import type { Db } from '../../platform/db/client.ts'
import { notFound } from '../../platform/errors.ts'
import { type Actor, recordAudit } from '../../staff/audit.repository.ts'
import type { NegotiationRow } from '../negotiations.repository.ts'
import { parseChange, RolePatchBody } from '../tracker.inputs.ts'
import { updateRole } from '../tracker.repository.ts'
import { checkNoOverlap } from '../tracker-checks.ts'
import { loadTrackerData } from './load-progress.ts'
import { requireSourceIds } from './require-source-ids.ts'

/** Changes a role period (its end date, most often), keeping one role per party at a time. */
export async function changeRole(
  db: Db,
  actor: Actor,
  negotiation: NegotiationRow,
  id: number,
  value: unknown,
): Promise<void> {
  const body = parseChange(RolePatchBody, value)
  await db.transaction(async (tx) => {
    const data = await loadTrackerData(tx, negotiation)
    const role = data.roles.find((r) => r.id === id)
    if (!role) throw notFound(`role ${id}`)
    const next = {
      role: body.role ?? role.role,
      fromOn: body.from ?? role.fromOn,
      toOn: body.to === undefined ? role.toOn : body.to,
      note: body.note === undefined ? role.note : body.note,
    }
    checkNoOverlap(data, role.actorId, { from: next.fromOn, to: next.toOn }, id)
    const sourceIds = body.sources ? await requireSourceIds(tx, body.sources) : undefined
    await updateRole(tx, id, next, sourceIds)
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'party_role',
      entityId: id,
      before: { role: role.role, fromOn: role.fromOn, toOn: role.toOn, note: role.note },
      after: next,
    })
  })
}
