import type { Db } from '../../platform/db/client.ts'
import { type Actor, recordAudit } from '../../staff/audit.repository.ts'
import type { NegotiationRow } from '../negotiations.repository.ts'
import { IssueBody, parseChange } from '../tracker.inputs.ts'
import { insertIssue, updateIssue } from '../tracker.repository.ts'
import { loadTrackerData } from './load-progress.ts'

/** Creates an issue, or updates the one with the same key. */
export async function saveIssue(
  db: Db,
  actor: Actor,
  negotiation: NegotiationRow,
  value: unknown,
): Promise<{ created: boolean }> {
  const body = parseChange(IssueBody, value)
  return db.transaction(async (tx) => {
    const data = await loadTrackerData(tx, negotiation)
    const existing = data.issues.find((i) => i.key === body.key)
    const values = {
      title: body.title,
      summary: body.summary,
      statusLatest: body.statusLatest,
      core: body.core,
      divisible: body.divisible,
    }
    if (existing) await updateIssue(tx, existing.id, values)
    else
      await insertIssue(tx, {
        negotiationId: negotiation.id,
        key: body.key,
        position: data.issues.length,
        ...values,
      })
    await recordAudit(tx, actor, {
      action: existing ? 'update' : 'create',
      entity: 'issue',
      entityId: `${negotiation.slug}/${body.key}`,
      before: existing
        ? {
            title: existing.title,
            summary: existing.summary,
            statusLatest: existing.statusLatest,
            core: existing.core,
            divisible: existing.divisible,
          }
        : null,
      after: values,
    })
    return { created: existing === undefined }
  })
}
