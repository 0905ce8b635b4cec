import type { Db } from '../../platform/db/client.ts'
import { invalidInput } from '../../platform/errors.ts'
import { type Actor, recordAudit } from '../../staff/audit.repository.ts'
import { insertActors, type NegotiationRow } from '../negotiations.repository.ts'
import { parseChange, RoleBody } from '../tracker.inputs.ts'
import { insertRoles } from '../tracker.repository.ts'
import { checkNoOverlap } from '../tracker-checks.ts'
import { loadTrackerData } from './load-progress.ts'
import { requireSourceIds } from './require-source-ids.ts'

/** Adds a role period; a new actor is created when a name and kind are given for an unknown key. */
export async function addRole(
  db: Db,
  actor: Actor,
  negotiation: NegotiationRow,
  value: unknown,
): Promise<{ id: number }> {
  const body = parseChange(RoleBody, value)
  return db.transaction(async (tx) => {
    const data = await loadTrackerData(tx, negotiation)
    let party = data.actors.find((a) => a.key === body.actor)
    if (!party) {
      if (body.name === null || body.kind === undefined) {
        throw invalidInput('unknown party', [
          {
            path: 'actor',
            message: `unknown actor "${body.actor}" (give a name and a kind to add it)`,
          },
        ])
      }
      ;[party] = await insertActors(tx, [
        {
          negotiationId: negotiation.id,
          key: body.actor,
          name: body.name,
          kind: body.kind,
          representsKey: null,
          role: null,
        },
      ])
      await recordAudit(tx, actor, {
        action: 'create',
        entity: 'actor',
        entityId: `${negotiation.slug}/${body.actor}`,
        after: { key: body.actor, name: body.name, kind: body.kind },
      })
    }
    const actorId = party!.id
    checkNoOverlap(data, actorId, { from: body.from, to: body.to })
    const sourceIds = await requireSourceIds(tx, body.sources)
    const [id] = (await insertRoles(tx, [
      {
        negotiationId: negotiation.id,
        actorId,
        role: body.role,
        fromOn: body.from,
        toOn: body.to,
        note: body.note,
        sourceIds,
      },
    ])) as [number]
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'party_role',
      entityId: id,
      after: { negotiation: negotiation.slug, ...body },
    })
    return { id }
  })
}
