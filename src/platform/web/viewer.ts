import type { Db } from '../db/client.ts'

/*
 * Who is reading, as the web frame sees it. The platform checks roles, gates source links and draws
 * the page header for every domain, so these shapes live here; `staff/` and `members/` name them
 * (`StaffUser`, `Member`) and `app/` passes in the lookups that find them, so that the platform
 * imports no domain.
 */

export const StaffRoles = ['owner', 'editor', 'analyst'] as const
export type StaffRole = (typeof StaffRoles)[number]

/** A signed-in staff member. */
export interface StaffViewer {
  id: number
  email: string
  name: string
  role: StaffRole
}

// Owners do everything; editors publish and edit; analysts edit the ledger and the tracker.
const rank: Record<StaffRole, number> = { analyst: 1, editor: 2, owner: 3 }

/** True when `role` carries at least the rights of `needed`. */
export function roleAtLeast(role: StaffRole, needed: StaffRole): boolean {
  return rank[role] >= rank[needed]
}

/** A signed-in reader who confirmed their address. */
export interface MemberViewer {
  id: number
  email: string
  /** Whether they receive the newsletter; signing in and the unlocked links do not depend on it. */
  newsletter: boolean
  createdAt: Date
}

/** Finds the viewer a session cookie belongs to, if the session is live at `now`. */
export type SessionLookup<Viewer> = (
  db: Db,
  token: string,
  now: Date,
) => Promise<Viewer | undefined>

/** One archived copy of a source: the snapshot's id and when it was fetched. */
export interface ArchivedCopy {
  snapshotId: number
  capturedAt: Date
}

/** Whether a source's original address is alive or dead, and its archived copies, oldest first. */
export type SourceCapturesLookup = (
  db: Db,
  keys: readonly string[],
) => Promise<ReadonlyMap<string, { linkStatus: string; captures: readonly ArchivedCopy[] }>>
