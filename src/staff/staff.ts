import { z } from 'zod'
import { StaffRoles, type StaffViewer } from '../platform/web/viewer.ts'

// The roles and their order are defined where the web frame checks them (platform/web/viewer.ts);
// domains keep naming them from here.
export { roleAtLeast, type StaffRole, StaffRoles } from '../platform/web/viewer.ts'

/** A staff member: who signs in to the desk. */
export type StaffUser = StaffViewer

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
