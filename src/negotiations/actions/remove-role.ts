import type { Db } from '../../platform/db/client.ts'
import { notFound } from '../../platform/errors.ts'
import { type Actor, recordAudit } from '../../staff/audit.repository.ts'
import type { NegotiationRow } from '../negotiations.repository.ts'
import { deleteRole, findRole } from '../tracker.repository.ts'

/** Deletes a role period of this negotiation; the audit log keeps what it was. */
export async function removeRole(
  db: Db,
  actor: Actor,
  negotiation: NegotiationRow,
  id: number,
): Promise<void> {
  await db.transaction(async (tx) => {
    const role = await findRole(tx, negotiation.id, id)
    if (!role) throw notFound(`role ${id}`)
    await deleteRole(tx, id)
    await recordAudit(tx, actor, {
      action: 'delete',
      entity: 'party_role',
      entityId: id,
      before: role,
    })
  })
}
