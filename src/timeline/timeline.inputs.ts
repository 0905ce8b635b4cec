import { z } from 'zod'
import { MISSILE_ATTACKS_DATASET } from './datasets.ts'
import { DEFAULT_ALPHA } from './dyad.ts'
import { isCalendarDate } from './kyiv-time.ts'

/** The query strings of the timeline's pages and JSON/CSV endpoints. */

export const day = z.string().refine(isCalendarDate, 'expected a date YYYY-MM-DD')
export const datasetKey = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,79}$/, 'expected a data set key')
export const csvFlag = z.enum(['json', 'csv']).default('json')

export const RangeQuery = z.object({ from: day.optional(), to: day.optional() })

export const MEASURES = ['total', 'drones', 'missiles'] as const

export const NightsQuery = z.object({
  dataset: datasetKey.default(MISSILE_ATTACKS_DATASET.key),
  from: day.optional(),
  to: day.optional(),
  format: csvFlag,
})

export const IntensityQuery = z
  .object({
    dataset: datasetKey.default(MISSILE_ATTACKS_DATASET.key),
    night: day.optional(),
    window: z.coerce.number().int().min(1).max(3660).optional(),
    ending: day.optional(),
    measure: z.enum(MEASURES).default('total'),
    format: csvFlag,
  })
  .refine((q) => (q.night === undefined) !== (q.window === undefined), {
    message: 'give either night, or window with ending',
    path: ['night'],
  })
  .refine((q) => q.window === undefined || q.ending !== undefined, {
    message: 'a window needs its ending night',
    path: ['ending'],
  })

export const DyadQuery = z.object({
  a: z.string().regex(/^[A-Za-z]{3}$/, 'expected a three-letter country code'),
  b: z.string().regex(/^[A-Za-z]{3}$/, 'expected a three-letter country code'),
  from: day.optional(),
  to: day.optional(),
  dataset: datasetKey.optional(),
  alpha: z.coerce.number().gt(0).max(1).default(DEFAULT_ALPHA),
  directed: z.enum(['0', '1']).default('0'),
  format: csvFlag,
})
