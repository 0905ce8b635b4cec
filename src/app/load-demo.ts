import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import type { Site } from '../articles/site.ts'
import { type CaseImportReport, importCase } from '../casefile/import-case.ts'
import { countNegotiations } from '../negotiations/negotiations.repository.ts'
import type { Db } from '../platform/db/client.ts'
import { systemActor } from '../staff/audit.repository.ts'
import { loadDemoStrikesIfEmpty } from '../timeline/actions/load-demo-strikes.ts'
import { publishDemoArticle } from './load-demo-article.ts'

export const DEMO_CASE_PATH = fileURLToPath(
  new URL('../../cases/russia-ukraine-2025.json', import.meta.url),
)

/** Loads the bundled demo case into an empty database; does nothing once any negotiation exists. */
export async function loadDemoIfEmpty(
  db: Db,
  options: { site?: Site } = {},
): Promise<CaseImportReport | undefined> {
  // The demo's nightly strike totals (a derived table) load once, whether or not the case is new.
  await loadDemoStrikesIfEmpty(db)
  if ((await countNegotiations(db)) > 0) return undefined
  const file = JSON.parse(await readFile(DEMO_CASE_PATH, 'utf8')) as unknown
  // The demo's sources are not fetched unasked: they are held until the owner queues them.
  const report = await importCase(db, systemActor, file, { archive: 'hold' })
  // The demo analysis article (cases/russia-ukraine-2025.article.md) goes out with its case.
  await publishDemoArticle(db, options.site ?? { url: 'http://localhost:3000' })
  return report
}
