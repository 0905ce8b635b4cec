import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import type { Db } from '../../platform/db/client.ts'
import { detailsFromZod, invalidInput } from '../../platform/errors.ts'
import { munitions } from '../intensity.ts'
import { isCalendarDate } from '../kyiv-time.ts'
import { countStrikeNights, upsertDataset, upsertStrikeNights } from '../strikes.repository.ts'

/** The demo's derived nightly strike table (see scripts/derive-strikes-nightly.ts). */
export const DEMO_STRIKES_PATH = fileURLToPath(
  new URL('../../../cases/russia-ukraine-2025.strikes-nightly.json', import.meta.url),
)

const count = z.number().int().min(0)

/** A bundled table of nightly totals: derived figures with the attribution of their data set. */
export const BundledNights = z
  .object({
    format: z.literal('parley-strike-nights/1'),
    dataset: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,79}$/),
    title: z.string().min(1),
    attribution: z.string().min(1),
    url: z.url().nullable(),
    derivation: z.string().min(1),
    window: z.object({ from: z.string(), to: z.string() }),
    columns: z.tuple([
      z.literal('night'),
      z.literal('dronesLaunched'),
      z.literal('missilesLaunched'),
      z.literal('dronesDestroyed'),
      z.literal('missilesDestroyed'),
    ]),
    nights: z.array(
      z.tuple([
        z.string().refine(isCalendarDate, 'expected a date YYYY-MM-DD'),
        count,
        count,
        count,
        count,
      ]),
    ),
  })
  .strict()
export type BundledNights = z.infer<typeof BundledNights>

/**
 * Loads the bundled nightly totals once, into a database whose data set has no nights yet, so that
 * a fresh `npm start` shows the timeline. Nights imported later from the full file replace them.
 */
export async function loadDemoStrikesIfEmpty(db: Db, file = DEMO_STRIKES_PATH): Promise<number> {
  const parsed = BundledNights.safeParse(JSON.parse(await readFile(file, 'utf8')))
  if (!parsed.success)
    throw invalidInput(`${file} is not a nightly strike table`, detailsFromZod(parsed.error.issues))
  const table = parsed.data
  return db.transaction(async (tx) => {
    if ((await countStrikeNights(tx, table.dataset)) > 0) return 0
    await upsertDataset(tx, {
      key: table.dataset,
      kind: 'strikes',
      title: table.title,
      attribution: table.attribution,
      url: table.url,
    })
    await upsertStrikeNights(
      tx,
      table.dataset,
      table.nights.map(([night, dl, ml, dd, md]) => ({
        night,
        launched: munitions(dl, ml),
        destroyed: munitions(dd, md),
      })),
      'bundled',
    )
    return table.nights.length
  })
}
