import { z } from 'zod'
import { isIsoDate } from '../shared/time.ts'

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
