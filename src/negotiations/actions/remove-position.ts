import type { Db } from '../../platform/db/client.ts'
import { notFound } from '../../platform/errors.ts'
import { type Actor, recordAudit } from '../../staff/audit.repository.ts'
import type { NegotiationRow } from '../negotiations.repository.ts'
import { deletePosition } from '../tracker.repository.ts'
import { loadTrackerData } from './load-progress.ts'

/** Deletes a position of this negotiation; the audit log keeps what it said. */
export async function removePosition(
  db: Db,
  actor: Actor,
  negotiation: NegotiationRow,
  id: number,
): Promise<void> {
  await db.transaction(async (tx) => {
    const data = await loadTrackerData(tx, negotiation)
    const position = data.positions.find((p) => p.id === id)
    if (!position) throw notFound(`position ${id}`)
    await deletePosition(tx, id)
    await recordAudit(tx, actor, {
      action: 'delete',
      entity: 'position',
      entityId: id,
      before: {
        document: position.documentKey,
        point: position.number,
        party: position.actorKey,
        on: position.statedOn,
        level: position.level,
        sources: position.sources.map((s) => s.key),
      },
    })
  })
}
