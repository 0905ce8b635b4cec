import type { Db } from '../../platform/db/client.ts'
import { AppError, invalidInput, notFound } from '../../platform/errors.ts'
import { type Actor, recordAudit } from '../../staff/audit.repository.ts'
import { type Article, type ArticleVersion, differsFrom } from '../article.ts'
import {
  findLatestVersion,
  findRender,
  insertCorrection,
  insertVersion,
  lockArticle,
  updateArticleState,
  upsertRender,
} from '../articles.repository.ts'
import { diffRenderedVersions, diffVersions, type RenderedVersion } from '../corrections.ts'
import { forgetServedArticle } from '../render-cache.ts'
import type { Site } from '../site.ts'
import { type Built, build, problemsError, renderForVersion } from './render-version.ts'

export interface PublishOptions {
  now: Date
  site: Site
  /** Why the published text changes; required once a version is out (the corrections log). */
  reason?: string | undefined
}

export interface PublishResult {
  article: Article
  version: ArticleVersion
  /** Set when this publication corrected an earlier version. */
  correctionId?: number
}

/**
 * Publishes the working copy: a new version (kept for good), its render in the cache, and — when
 * an earlier version was out — a correction with the diff and the reason. Refused, with every
 * problem listed by line, when a citation key is unknown or an embed cannot be drawn.
 */
export async function publishArticle(
  db: Db,
  actor: Actor,
  articleId: number,
  options: PublishOptions,
): Promise<PublishResult> {
  const result = await db.transaction(async (tx) => {
    const article = await lockArticle(tx, articleId)
    if (!article) throw notFound('article')
    return publishLocked(tx, actor, article, options)
  })
  forgetServedArticle(db, result.article.slug)
  return result
}

/** The publication itself, for an article row already locked by the caller's transaction. */
export async function publishLocked(
  tx: Db,
  actor: Actor,
  article: Article,
  options: PublishOptions,
): Promise<PublishResult> {
  const latest = await findLatestVersion(tx, article.id)
  const changed = differsFrom(article, latest)
  if (!changed && latest && article.publishedVersionId === latest.id) {
    throw new AppError('conflict', 'this text is already published; edit it first')
  }
  if (changed && latest && !options.reason) {
    throw invalidInput('say why the published text changes: it goes to the corrections log', [
      { path: 'reason', message: 'required once a version has been published' },
    ])
  }
  const firstPublishedAt = article.firstPublishedAt ?? options.now
  let version: ArticleVersion
  let correctionId: number | undefined
  let check: Built | undefined
  if (changed) {
    // Check before writing anything, so that a refused publication leaves no trace.
    check = await build(tx, article, options.now.toISOString().slice(0, 10))
    if (!check.ok) throw problemsError(check)
    version = await insertVersion(tx, {
      articleId: article.id,
      number: (latest?.number ?? 0) + 1,
      title: article.title,
      summary: article.summary,
      body: article.body,
      publishedAt: options.now,
      publishedBy: actor.label,
      citedKeys: check.citedKeys,
      dependencies: check.dependencies,
    })
    if (latest) {
      const diffs = diffRenderedVersions(
        await renderedVersion(tx, latest, options.now),
        renderedText(article, check),
      )
      correctionId = await insertCorrection(tx, {
        articleId: article.id,
        fromVersionId: latest.id,
        toVersionId: version.id,
        correctedAt: options.now,
        reason: options.reason!,
        actor: actor.label,
        diff: diffVersions(latest, article),
        ...diffs,
      })
    }
  } else {
    // Back out after a withdrawal, unchanged: the same version, no correction.
    version = latest!
  }
  const { built, render } = await renderForVersion(
    tx,
    { article, text: version, firstPublishedAt, publishedAt: version.publishedAt },
    options.site,
    options.now,
    check,
  )
  if (!built.ok || !render) throw problemsError(built as Extract<Built, { ok: false }>)
  await upsertRender(tx, { versionId: version.id, ...render })
  const updated = await updateArticleState(tx, article.id, {
    status: 'published',
    scheduledFor: null,
    publishedVersionId: version.id,
    firstPublishedAt,
    at: options.now,
  })
  await recordAudit(tx, actor, {
    action: correctionId ? 'correct' : 'publish',
    entity: 'article',
    entityId: article.id,
    before: latest ? { version: latest.number } : null,
    after: { version: version.number, slug: article.slug, reason: options.reason ?? null },
  })
  return { article: updated, version, ...(correctionId ? { correctionId } : {}) }
}

function renderedText(
  text: { title: string; summary: string },
  built: Extract<Built, { ok: true }>,
): RenderedVersion {
  return {
    title: text.title,
    summary: text.summary,
    publicFragment: built.rendered.publicFragment,
    memberFragment: built.rendered.memberFragment,
  }
}

/**
 * A published version as readers were last served it: its stored render. A version without one
 * (it cannot happen through publishing, which stores it) is rendered again, or taken as empty.
 */
async function renderedVersion(
  db: Db,
  version: ArticleVersion,
  now: Date,
): Promise<RenderedVersion> {
  const stored = await findRender(db, version.id)
  if (stored) return { ...version, ...stored }
  const built = await build(db, version, now.toISOString().slice(0, 10))
  if (built.ok) return renderedText(version, built)
  return { title: version.title, summary: version.summary, publicFragment: '', memberFragment: '' }
}
