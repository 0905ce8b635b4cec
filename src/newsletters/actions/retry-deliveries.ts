import type { Db } from '../../platform/db/client.ts'
import { notFound } from '../../platform/errors.ts'
import { type Actor, recordAudit } from '../../staff/audit.repository.ts'
import { findIssue, requeueFailed } from '../newsletters.repository.ts'

/** Queues an issue's failed deliveries again, with an audit entry; returns how many. */
export async function retryDeliveries(
  db: Db,
  actor: Actor,
  issueId: number,
  now: Date,
): Promise<number> {
  const issue = await findIssue(db, issueId)
  if (!issue) throw notFound('newsletter')
  return db.transaction(async (tx) => {
    const count = await requeueFailed(tx, issue.id, now)
    await recordAudit(tx, actor, {
      action: 'newsletter-retry',
      entity: 'newsletter',
      entityId: issue.id,
      after: { requeued: count },
    })
    return count
  })
}
