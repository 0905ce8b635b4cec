import type { Db } from '../../platform/db/client.ts'
import type { Article, ArticleVersion } from '../article.ts'
import {
  bumpRenderRev,
  findRender,
  listServedVersions,
  upsertRender,
} from '../articles.repository.ts'
import type { EmbedDependency } from '../embeds.ts'
import type { MarkdownProblem } from '../markdown.ts'
import { forgetServedArticle } from '../render-cache.ts'
import type { Site } from '../site.ts'
import { renderForVersion } from './render-version.ts'

export type RerenderOutcome = 'unchanged' | 'updated' | 'failed'

/**
 * Renders a served version again from the data as it is now; stores it only when the output
 * changed. A version that no longer renders (a source's key was changed in the ledger, say)
 * keeps its last good render, and the outcome says so.
 */
export async function rerenderServedVersion(
  db: Db,
  served: { article: Article; version: ArticleVersion },
  site: Site,
  now: Date,
): Promise<{ outcome: RerenderOutcome; problems?: MarkdownProblem[] }> {
  const { article, version } = served
  const { built, render } = await renderForVersion(
    db,
    {
      article,
      text: version,
      firstPublishedAt: article.firstPublishedAt ?? version.publishedAt,
      publishedAt: version.publishedAt,
    },
    site,
    now,
  )
  if (!built.ok || !render) return { outcome: 'failed', problems: built.ok ? [] : built.problems }
  const stored = await findRender(db, version.id)
  if (stored?.outputHash === render.outputHash) return { outcome: 'unchanged' }
  await db.transaction(async (tx) => {
    await upsertRender(tx, { versionId: version.id, ...render })
    await bumpRenderRev(tx, article.id)
  })
  forgetServedArticle(db, article.slug)
  return { outcome: 'updated' }
}

export interface RerenderReport {
  checked: number
  updated: string[]
  failed: { slug: string; problems: MarkdownProblem[] }[]
}

/**
 * Renders again every published article whose embeds read `kind`/`key` — or every published
 * article when no dependency is given. Other modules call it after writing what articles embed
 * (e.g. `rerenderArticlesEmbedding(db, 'negotiation', slug)` after a position changes).
 */
export async function rerenderArticlesEmbedding(
  db: Db,
  kind: EmbedDependency['kind'] | undefined,
  key: string | undefined,
  options: { site: Site; now: Date },
): Promise<RerenderReport> {
  const served = await listServedVersions(
    db,
    kind !== undefined && key !== undefined ? { kind, key } : undefined,
  )
  const report: RerenderReport = { checked: served.length, updated: [], failed: [] }
  for (const item of served) {
    const { outcome, problems } = await rerenderServedVersion(db, item, options.site, options.now)
    if (outcome === 'updated') report.updated.push(item.article.slug)
    if (outcome === 'failed')
      report.failed.push({ slug: item.article.slug, problems: problems ?? [] })
  }
  return report
}
