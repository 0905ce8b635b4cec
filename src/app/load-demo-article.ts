import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { publishArticleFile } from '../articles/actions/publish-article-file.ts'
import type { Site } from '../articles/site.ts'
import type { Db } from '../platform/db/client.ts'

export const DEMO_ARTICLE_PATH = fileURLToPath(
  new URL('../../cases/russia-ukraine-2025.article.md', import.meta.url),
)

/** The demo article about the demo case, published with the case on first start. */
export async function publishDemoArticle(
  db: Db,
  site: Site,
): Promise<{ slug: string; version: number } | undefined> {
  return publishArticleFile(db, await readFile(DEMO_ARTICLE_PATH, 'utf8'), site)
}
