import { z } from 'zod'

/** A quote as staff submit it: the words (with optional context), or offsets, or both. */
export const NewQuoteBody = z
  .object({
    /** The snapshot to quote; the source's newest when absent. */
    snapshotId: z.coerce.number().int().positive().optional(),
    exact: z.string().min(1, 'the quoted words are empty').max(5000).optional(),
    prefix: z.string().max(500).optional(),
    suffix: z.string().max(500).optional(),
    start: z.coerce.number().int().min(0).optional(),
    end: z.coerce.number().int().min(1).optional(),
    note: z.string().trim().max(2000).optional(),
  })
  .strict()
  .refine((q) => q.exact !== undefined || (q.start !== undefined && q.end !== undefined), {
    message: 'give the quoted words (exact), or start and end offsets',
    path: ['exact'],
  })
  .refine((q) => q.start === undefined || q.end === undefined || q.end > q.start, {
    message: 'end must be after start',
    path: ['end'],
  })
export type NewQuoteBody = z.infer<typeof NewQuoteBody>
