import type { Db } from '../../platform/db/client.ts'
import { deleteMember } from '../members.repository.ts'
import type { Member } from '../members.ts'

/** What else goes when a member deletes their account; `app/` passes it in. */
export type MemberDeleted = (tx: Db, member: Member) => Promise<void>

/**
 * Deletes a member and, in the same transaction, whatever later domains keep about them (the
 * mail the embedded inbox caught for their address), so nothing of them is left half-deleted.
 */
export async function deleteAccount(
  deps: { db: Db; memberDeleted: MemberDeleted },
  member: Member,
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await deleteMember(tx, member)
    await deps.memberDeleted(tx, member)
  })
}
