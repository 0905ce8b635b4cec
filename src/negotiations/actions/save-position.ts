import type { Db } from '../../platform/db/client.ts'
import { invalidInput } from '../../platform/errors.ts'
import { type Actor, recordAudit } from '../../staff/audit.repository.ts'
import type { NegotiationRow } from '../negotiations.repository.ts'
import { PositionBody, parseChange } from '../tracker.inputs.ts'
import { findPositionRow, insertPositions, updatePosition } from '../tracker.repository.ts'
import { requireProvision } from '../tracker-checks.ts'
import { loadTrackerData } from './load-progress.ts'
import { requireSourceIds } from './require-source-ids.ts'

/** Records (or replaces, for the same party, point and date) a position. */
export async function savePosition(
  db: Db,
  actor: Actor,
  negotiation: NegotiationRow,
  value: unknown,
): Promise<{ id: number; replaced: boolean }> {
  const body = parseChange(PositionBody, value)
  return db.transaction(async (tx) => {
    const data = await loadTrackerData(tx, negotiation)
    const { provision } = requireProvision(data, body.document, body.point)
    const party = data.actors.find((a) => a.key === body.party)
    if (!party || !data.roles.some((r) => r.actorId === party.id)) {
      throw invalidInput('unknown party', [
        { path: 'party', message: `unknown party "${body.party}" (give it a role first)` },
      ])
    }
    const sourceIds = await requireSourceIds(tx, body.sources)
    const existing = await findPositionRow(tx, provision.id, party.id, body.on)
    const after = { ...body, negotiation: negotiation.slug }
    let id: number
    if (existing) {
      await updatePosition(tx, existing.id, { level: body.level, note: body.note }, sourceIds)
      id = existing.id
    } else {
      ;[id] = (await insertPositions(tx, [
        {
          provisionId: provision.id,
          actorId: party.id,
          statedOn: body.on,
          level: body.level,
          note: body.note,
          sourceIds,
        },
      ])) as [number]
    }
    await recordAudit(tx, actor, {
      action: existing ? 'update' : 'create',
      entity: 'position',
      entityId: id,
      before: existing ? { level: existing.level, note: existing.note } : null,
      after,
    })
    return { id, replaced: existing !== undefined }
  })
}
