import { z } from 'zod'
import { isIsoDate } from './time.ts'

/** Value types shared by every section of a case file (docs/case-file.md, "Common value types"). */

export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine(isIsoDate, 'not a calendar date')

export const Key = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'expected a key of lower-case letters, digits, ".", "_" or "-"')

export const Slug = z
  .string()
  .min(1)
  .max(80)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected a slug of lower-case words joined by "-"')

/**
 * A share from 0 to 1, written as a fraction (`0.85`) or as a percentage with its sign (`"85%"`,
 * read as 0.85). A bare number above 1 is refused rather than divided by 100: `1.5` could be a
 * typo as well as a percentage, and the message says which two forms are wanted (#13).
 */
export function shareOf(field: string) {
  return z.union([z.number(), z.string()]).transform((value, ctx) => {
    const share = typeof value === 'number' ? value : percentage(value)
    if (share !== undefined && share >= 0 && share <= 1) return share
    const written = typeof value === 'number' ? String(value) : JSON.stringify(value)
    ctx.addIssue({
      code: 'custom',
      message: `${field} is a fraction from 0 to 1 (0.85) or a percentage written with % ("85%"); ${written} is neither`,
    })
    return z.NEVER
  })
}

/** `"85%"` → 0.85; undefined for anything that is not a number followed by `%`. */
function percentage(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(text)
  return match ? Number(match[1]) / 100 : undefined
}
