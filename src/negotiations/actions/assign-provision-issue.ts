import type { Db } from '../../platform/db/client.ts'
import { invalidInput } from '../../platform/errors.ts'
import { type Actor, recordAudit } from '../../staff/audit.repository.ts'
import type { NegotiationRow } from '../negotiations.repository.ts'
import { ProvisionIssueBody, parseChange } from '../tracker.inputs.ts'
import { updateProvisionIssue } from '../tracker.repository.ts'
import { requireProvision } from '../tracker-checks.ts'
import { loadTrackerData } from './load-progress.ts'

/** Puts a point of a version under an issue, or under none. */
export async function assignProvisionIssue(
  db: Db,
  actor: Actor,
  negotiation: NegotiationRow,
  value: unknown,
): Promise<void> {
  const body = parseChange(ProvisionIssueBody, value)
  await db.transaction(async (tx) => {
    const data = await loadTrackerData(tx, negotiation)
    const { provision } = requireProvision(data, body.document, body.point)
    const issue = body.issue === null ? null : data.issues.find((i) => i.key === body.issue)
    if (issue === undefined) {
      throw invalidInput('unknown issue', [
        { path: 'issue', message: `unknown issue "${body.issue}"` },
      ])
    }
    await updateProvisionIssue(tx, provision.id, issue?.id ?? null)
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'provision',
      entityId: `${negotiation.slug}/${body.document}#${body.point}`,
      before: { issue: provision.issueKey },
      after: { issue: body.issue },
    })
  })
}
