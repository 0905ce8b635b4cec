import { z } from 'zod'

export const StaffRoles = ['owner', 'editor', 'analyst'] as const
export type StaffRole = (typeof StaffRoles)[number]

export interface StaffUser {
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

export const Email = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email({ error: 'expected an e-mail address' }))
  .transform((email) => email.toLowerCase())

export const Password = z
  .string()
  .min(12, 'a password needs at least 12 characters')
  .max(1024, 'a password may have at most 1024 characters')

export const NewStaff = z.object({
  email: Email,
  name: z.string().trim().min(1, 'a name is required').max(200),
  role: z.enum(StaffRoles, { error: 'expected owner, editor or analyst' }),
  password: Password,
})
export type NewStaff = z.infer<typeof NewStaff>
