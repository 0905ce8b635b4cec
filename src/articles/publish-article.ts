import { type Config, linkOrigin } from '../platform/config.ts'
import type { Db } from '../platform/db/client.ts'
import {
  AppError,
  type ErrorDetail,
  invalidInput,
  isAppError,
  notFound,
} from '../platform/errors.ts'
import { sha256Hex } from '../platform/ids.ts'
import { archivePath } from '../sources/sources.ts'
import { type Actor, recordAudit, systemActor } from '../staff/audit.repository.ts'
import { type Article, type ArticleVersion, approvedTextHash, differsFrom } from './article.ts'
import { articlePage } from './articles.pages.tsx'
import {
  bumpRenderRev,
  findLatestVersion,
  findRender,
  insertCorrection,
  insertVersion,
  listCitedSources,
  listCorrections,
  listLedgerUrlsOnHosts,
  listServedVersions,
  lockArticle,
  type StoredRender,
  updateArticleState,
  upsertRender,
} from './articles.repository.ts'
import { diffRenderedVersions, diffVersions, type RenderedVersion } from './corrections.ts'
import type { EmbedDependency } from './embeds.ts'
import { linkHost } from './links.ts'
import { loadEmbeds } from './load-embeds.ts'
import { linkTargetsOf, type MarkdownProblem, prepareMarkdown } from './markdown.ts'
import { articleJsonLd, openGraph } from './metadata.ts'
import { type CitedSource, memberNote, publicNote } from './notes.ts'
import {
  checkArticle,
  gatedLinkRule,
  linkTargetsInHtml,
  type RenderedArticle,
  renderArticle,
  unknownKeysMessage,
} from './render.ts'
import { forgetServedArticle } from './render-cache.repository.ts'

/** Where the site lives, for the absolute addresses in feeds, OpenGraph and JSON-LD. */
export interface Site {
  url: string
}

/** PUBLIC_URL when set (it should be in production), else the address the server listens on. */
export function siteOf(config: Pick<Config, 'publicUrl' | 'host' | 'port'>): Site {
  return { url: linkOrigin(config) }
}

/** An archived copy is kept on this site; its address is for members only. */
export function archiveUrlOf(source: { key: string }, snapshot: { id: number }): string {
  return archivePath(source.key, snapshot.id)
}

/** The text and dates a render is made from. */
interface RenderInput {
  article: Pick<Article, 'id' | 'slug' | 'byline'>
  text: { title: string; summary: string; body: string }
  firstPublishedAt: Date
  publishedAt: Date
}

type Built =
  | { ok: false; problems: MarkdownProblem[]; unknownKeys: string[] }
  | {
      ok: true
      rendered: RenderedArticle
      citedKeys: string[]
      dependencies: EmbedDependency[]
    }

/** Parses, checks against the ledger, draws the embeds and renders both variants. */
async function build(db: Db, text: { body: string }, publishedOn: string): Promise<Built> {
  const prepared = prepareMarkdown(text.body)
  const cited = await listCitedSources(db, prepared.citedKeys, archiveUrlOf, publishedOn)
  const sources = new Map<string, CitedSource>(cited.map((s) => [s.key, s]))
  const checked = checkArticle(text.body, prepared, new Set(sources.keys()))
  const embeds = await loadEmbeds(db, prepared.embeds, checked.embeds, publishedOn)
  const problems = [...checked.problems, ...embeds.problems].sort((a, b) => a.line - b.line)
  if (problems.length > 0) {
    const unknownKeys = prepared.citedKeys.filter((key) => !sources.has(key))
    return { ok: false, problems, unknownKeys }
  }
  const hrefs = [...linkTargetsOf(prepared), ...embeds.html.flatMap(linkTargetsInHtml)]
  const hosts = hrefs.map(linkHost).filter((h): h is string => h !== undefined)
  const ledgerUrls = await listLedgerUrlsOnHosts(db, hosts)
  const hide = gatedLinkRule([...ledgerUrls, ...cited.map((s) => s.url)])
  const rendered = renderArticle(prepared, sources, embeds.html, hide)
  const dependencies = new Map<string, EmbedDependency>()
  for (const check of checked.embeds) {
    if (check.ok) for (const d of check.dependencies) dependencies.set(`${d.kind}:${d.key}`, d)
  }
  return {
    ok: true,
    rendered,
    citedKeys: prepared.citedKeys,
    dependencies: [...dependencies.values()],
  }
}

function problemsError(built: Extract<Built, { ok: false }>): AppError {
  const details: ErrorDetail[] = built.problems.map((p) => ({
    path: p.line > 0 ? `line ${p.line}` : 'text',
    message: p.message,
  }))
  const message =
    built.unknownKeys.length > 0
      ? unknownKeysMessage(built.unknownKeys)
      : `Cannot publish: ${built.problems.length} problem${built.problems.length === 1 ? '' : 's'} in the text.`
  return invalidInput(message, details)
}

/** The page and fragments to store for a version. */
async function renderForVersion(
  db: Db,
  input: RenderInput,
  site: Site,
  renderedAt: Date,
  prebuilt?: Built,
): Promise<{ built: Built; render?: Omit<StoredRender, 'versionId'> }> {
  const built =
    prebuilt ?? (await build(db, input.text, input.publishedAt.toISOString().slice(0, 10)))
  if (!built.ok) return { built }
  const { rendered } = built
  const corrections = await listCorrections(db, { articleId: input.article.id })
  const meta = {
    slug: input.article.slug,
    title: input.text.title,
    summary: input.text.summary,
    byline: input.article.byline,
    firstPublishedAt: input.firstPublishedAt,
    modifiedAt: input.publishedAt,
  }
  const publicNotes = rendered.notes.map(publicNote)
  const publicPage = articlePage({
    siteUrl: site.url,
    ...meta,
    fragment: rendered.publicFragment,
    sourceSummary: rendered.summary,
    corrections: corrections.map((c) => ({
      id: c.id,
      correctedAt: c.correctedAt,
      reason: c.reason,
    })),
    jsonLd: articleJsonLd(site.url, meta, publicNotes),
    openGraph: openGraph(site.url, meta),
    variant: 'public',
  })
  const notes = rendered.notes.map(memberNote)
  const outputHash = sha256Hex(
    JSON.stringify([publicPage, rendered.publicFragment, rendered.memberFragment, notes]),
  )
  return {
    built,
    render: {
      renderedAt,
      outputHash,
      publicPage,
      publicEtag: `"${sha256Hex(publicPage).slice(0, 32)}"`,
      publicFragment: rendered.publicFragment,
      memberFragment: rendered.memberFragment,
      notes,
      sourceSummary: rendered.summary,
    },
  }
}

export interface Preview {
  problems: MarkdownProblem[]
  unknownKeys: string[]
  /** What members will see (staff see that), when the text can be rendered. */
  memberFragment?: string
  /** What every other reader will see. */
  publicFragment?: string
  sourceSummary?: string
}

/** Renders a working copy without storing anything: the editor's preview. */
export async function previewArticle(
  db: Db,
  text: { body: string },
  publishedOn: string,
): Promise<Preview> {
  const built = await build(db, text, publishedOn)
  if (!built.ok) return { problems: built.problems, unknownKeys: built.unknownKeys }
  return {
    problems: [],
    unknownKeys: [],
    memberFragment: built.rendered.memberFragment,
    publicFragment: built.rendered.publicFragment,
    sourceSummary: built.rendered.summary.text,
  }
}

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
async function publishLocked(
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

export type DueOutcome =
  | { outcome: 'published'; slug: string }
  | { outcome: 'skipped' }
  | { outcome: 'refused'; error: AppError }
  | { outcome: 'cancelled' }

/** Called when a schedule is cancelled, in its transaction: a newsletter asked for it goes too. */
export type OnScheduleCancelled = (tx: Db, articleId: number) => Promise<void>

/**
 * Cancels the schedule of a locked article whose text is no longer the one the editor approved:
 * back to draft, with an audit entry the desk shows. Nothing is published and nothing is mailed
 * until an editor approves the text again.
 */
export async function cancelChangedSchedule(
  tx: Db,
  actor: Actor,
  article: Article,
  now: Date,
  onCancelled?: OnScheduleCancelled,
): Promise<Article> {
  const updated = await updateArticleState(tx, article.id, {
    status: 'draft',
    scheduledFor: null,
    publishedVersionId: article.publishedVersionId,
    at: now,
  })
  await recordAudit(tx, actor, {
    action: 'schedule-cancelled',
    entity: 'article',
    entityId: article.id,
    before: { status: 'scheduled', scheduledFor: article.scheduledFor },
    after: { status: 'draft', reason: 'the text changed after an editor scheduled it' },
  })
  await onCancelled?.(tx, article.id)
  return updated
}

/**
 * Publishes a scheduled article whose time has come. The row is checked again under its lock:
 * another server process may have published it, or an editor cancelled the schedule, since the
 * list of due articles was read. A text that no longer passes (a cited key was renamed) goes back
 * to the desk as a draft, with the reason in the audit log, rather than being retried every minute.
 */
export async function publishIfDue(
  db: Db,
  articleId: number,
  options: { now: Date; site: Site; onCancelled?: OnScheduleCancelled | undefined },
): Promise<DueOutcome> {
  const outcome = await db.transaction(async (tx): Promise<DueOutcome> => {
    const article = await lockArticle(tx, articleId)
    const due =
      article?.status === 'scheduled' &&
      article.scheduledFor !== null &&
      article.scheduledFor.getTime() <= options.now.getTime()
    if (!article || !due) return { outcome: 'skipped' }
    // Only the text the editor approved goes out. A schedule made before approvals were recorded
    // (no hash) is cancelled too: nobody can say which text was approved.
    if (article.scheduledHash !== approvedTextHash(article)) {
      await cancelChangedSchedule(tx, systemActor, article, options.now, options.onCancelled)
      return { outcome: 'cancelled' }
    }
    try {
      // In a savepoint: a refused publication undoes its own writes, not the refusal below.
      const result = await tx.transaction((sp) =>
        publishLocked(sp, { staffId: null, label: 'schedule' }, article, {
          now: options.now,
          site: options.site,
        }),
      )
      return { outcome: 'published', slug: result.article.slug }
    } catch (error) {
      if (!isAppError(error)) throw error
      await updateArticleState(tx, article.id, {
        status: 'draft',
        scheduledFor: null,
        publishedVersionId: null,
        at: options.now,
      })
      await recordAudit(tx, systemActor, {
        action: 'schedule-refused',
        entity: 'article',
        entityId: article.id,
        after: { message: error.message, details: error.details },
      })
      return { outcome: 'refused', error }
    }
  })
  if (outcome.outcome === 'published') forgetServedArticle(db, outcome.slug)
  return outcome
}

/**
 * Sets a first publication for later. Only an article with no published version can be
 * scheduled: a change to a published text is a correction and goes out at once, with its reason.
 */
export async function scheduleArticle(
  db: Db,
  actor: Actor,
  articleId: number,
  options: { at: Date; now: Date },
): Promise<Article> {
  if (options.at.getTime() <= options.now.getTime()) {
    throw invalidInput('choose a time in the future, or publish now', [
      { path: 'at', message: 'this time has passed' },
    ])
  }
  return db.transaction(async (tx) => {
    const article = await lockArticle(tx, articleId)
    if (!article) throw notFound('article')
    if (await findLatestVersion(tx, article.id)) {
      throw new AppError(
        'conflict',
        'this article has been published before: publish the change now, with its reason',
      )
    }
    const check = await build(tx, article, options.at.toISOString().slice(0, 10))
    if (!check.ok) throw problemsError(check)
    const scheduledHash = approvedTextHash(article)
    const updated = await updateArticleState(tx, article.id, {
      status: 'scheduled',
      scheduledFor: options.at,
      scheduledHash,
      publishedVersionId: null,
      at: options.now,
    })
    await recordAudit(tx, actor, {
      action: 'schedule',
      entity: 'article',
      entityId: article.id,
      before: { status: article.status, scheduledFor: article.scheduledFor },
      after: { status: 'scheduled', scheduledFor: options.at, text: scheduledHash },
    })
    return updated
  })
}

/** Takes an article off the site (or cancels its schedule). Its versions and corrections stay. */
export async function unpublishArticle(
  db: Db,
  actor: Actor,
  articleId: number,
  now: Date,
): Promise<Article> {
  const updated = await db.transaction(async (tx) => {
    const article = await lockArticle(tx, articleId)
    if (!article) throw notFound('article')
    if (article.status === 'draft') throw new AppError('conflict', 'this article is not published')
    const result = await updateArticleState(tx, article.id, {
      status: 'draft',
      scheduledFor: null,
      publishedVersionId: null,
      at: now,
    })
    await recordAudit(tx, actor, {
      action: article.status === 'scheduled' ? 'unschedule' : 'unpublish',
      entity: 'article',
      entityId: article.id,
      before: { status: article.status, publishedVersionId: article.publishedVersionId },
      after: { status: 'draft' },
    })
    return result
  })
  forgetServedArticle(db, updated.slug)
  return updated
}

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
