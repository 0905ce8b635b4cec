import { and, asc, desc, eq, inArray, isNotNull, lte, sql } from 'drizzle-orm'
import type { PgSelect } from 'drizzle-orm/pg-core'
import type { Db } from '../platform/db/client.ts'
import { type Capture, captureOn, quotePath } from '../sources/captures.ts'
import { listSourceCaptures } from '../sources/snapshots.repository.ts'
import { sourceQuotes, sources } from '../sources/sources.tables.ts'
import type { Article, ArticleStatus, ArticleVersion } from './article.ts'
import { articleCorrections, articleRenders, articles, articleVersions } from './articles.tables.ts'
import { type FieldDiff, isFieldDiffList } from './corrections.ts'
import type { CitedSource, MemberNote, SourceSummary } from './notes.ts'

// ---- articles (the working copy) ----

export async function insertArticle(
  db: Db,
  values: {
    slug: string
    title: string
    summary: string
    body: string
    byline: string
    authorId: number | null
    at: Date
  },
): Promise<Article> {
  const { at, ...rest } = values
  const [row] = await db
    .insert(articles)
    .values({ ...rest, createdAt: at, updatedAt: at })
    .returning()
  return row!
}

export async function findArticleById(db: Db, id: number): Promise<Article | undefined> {
  const [row] = await db.select().from(articles).where(eq(articles.id, id))
  return row
}

export async function findArticleBySlug(db: Db, slug: string): Promise<Article | undefined> {
  const [row] = await db.select().from(articles).where(eq(articles.slug, slug))
  return row
}

/** Reads an article and holds its row until the transaction ends: one writer at a time. */
export async function lockArticle(db: Db, id: number): Promise<Article | undefined> {
  const [row] = await db.select().from(articles).where(eq(articles.id, id)).for('update')
  return row
}

export async function updateArticleText(
  db: Db,
  id: number,
  values: { slug: string; title: string; summary: string; body: string; at: Date },
): Promise<Article> {
  const { at, ...rest } = values
  const [row] = await db
    .update(articles)
    .set({ ...rest, updatedAt: at })
    .where(eq(articles.id, id))
    .returning()
  return row!
}

/** Sets state and publication pointers; `renderRev` goes up so that page caches refresh. */
export async function updateArticleState(
  db: Db,
  id: number,
  values: {
    status: ArticleStatus
    scheduledFor: Date | null
    /** The approved text of a schedule; cleared by every other change of state. */
    scheduledHash?: string | undefined
    publishedVersionId: number | null
    firstPublishedAt?: Date | undefined
    at: Date
  },
): Promise<Article> {
  const [row] = await db
    .update(articles)
    .set({
      status: values.status,
      scheduledFor: values.scheduledFor,
      scheduledHash: values.scheduledHash ?? null,
      publishedVersionId: values.publishedVersionId,
      ...(values.firstPublishedAt ? { firstPublishedAt: values.firstPublishedAt } : {}),
      updatedAt: values.at,
      renderRev: sql`${articles.renderRev} + 1`,
    })
    .where(eq(articles.id, id))
    .returning()
  return row!
}

export async function bumpRenderRev(db: Db, id: number): Promise<void> {
  await db
    .update(articles)
    .set({ renderRev: sql`${articles.renderRev} + 1` })
    .where(eq(articles.id, id))
}

export interface ArticleListItem {
  id: number
  slug: string
  title: string
  status: ArticleStatus
  scheduledFor: Date | null
  byline: string
  updatedAt: Date
  firstPublishedAt: Date | null
  publishedVersionNumber: number | null
  /** The working copy differs from what readers get. */
  pendingChanges: boolean
}

/** Every article for the desk, most recently changed first. */
export async function listArticlesForDesk(db: Db): Promise<ArticleListItem[]> {
  const rows = await db
    .select({
      id: articles.id,
      slug: articles.slug,
      title: articles.title,
      status: articles.status,
      scheduledFor: articles.scheduledFor,
      byline: articles.byline,
      updatedAt: articles.updatedAt,
      firstPublishedAt: articles.firstPublishedAt,
      publishedVersionNumber: articleVersions.number,
      pendingChanges: sql<boolean>`(${articleVersions.id} is not null and (${articleVersions.title} <> ${articles.title} or ${articleVersions.summary} <> ${articles.summary} or ${articleVersions.body} <> ${articles.body}))`,
    })
    .from(articles)
    .leftJoin(articleVersions, eq(articleVersions.id, articles.publishedVersionId))
    .orderBy(desc(articles.updatedAt), desc(articles.id))
  return rows.map((r) => ({ ...r, pendingChanges: Boolean(r.pendingChanges) }))
}

/** Scheduled articles whose time has come. */
export async function listDueArticleIds(db: Db, now: Date): Promise<number[]> {
  const rows = await db
    .select({ id: articles.id })
    .from(articles)
    .where(and(eq(articles.status, 'scheduled'), lte(articles.scheduledFor, now)))
    .orderBy(asc(articles.scheduledFor))
  return rows.map((r) => r.id)
}

// ---- versions ----

export async function insertVersion(
  db: Db,
  values: Omit<ArticleVersion, 'id'>,
): Promise<ArticleVersion> {
  const [row] = await db.insert(articleVersions).values(values).returning()
  return row!
}

export async function findVersion(db: Db, id: number): Promise<ArticleVersion | undefined> {
  const [row] = await db.select().from(articleVersions).where(eq(articleVersions.id, id))
  return row
}

export async function findLatestVersion(
  db: Db,
  articleId: number,
): Promise<ArticleVersion | undefined> {
  const [row] = await db
    .select()
    .from(articleVersions)
    .where(eq(articleVersions.articleId, articleId))
    .orderBy(desc(articleVersions.number))
    .limit(1)
  return row
}

export async function listVersions(db: Db, articleId: number): Promise<ArticleVersion[]> {
  return db
    .select()
    .from(articleVersions)
    .where(eq(articleVersions.articleId, articleId))
    .orderBy(asc(articleVersions.number))
}

/** The versions readers are served right now: the ones to render again when data changes. */
export async function listServedVersions(
  db: Db,
  dependency?: { kind: string; key: string },
): Promise<{ article: Article; version: ArticleVersion }[]> {
  const rows = await db
    .select({ article: articles, version: articleVersions })
    .from(articles)
    .innerJoin(articleVersions, eq(articleVersions.id, articles.publishedVersionId))
    .where(
      and(
        eq(articles.status, 'published'),
        dependency
          ? sql`${articleVersions.dependencies} @> ${JSON.stringify([dependency])}::jsonb`
          : undefined,
      ),
    )
    .orderBy(asc(articles.id))
  return rows
}

// ---- renders (the cache) ----

export interface StoredRender {
  versionId: number
  renderedAt: Date
  outputHash: string
  publicPage: string
  publicEtag: string
  publicFragment: string
  memberFragment: string
  notes: MemberNote[]
  sourceSummary: SourceSummary
}

export async function findRender(db: Db, versionId: number): Promise<StoredRender | undefined> {
  const [row] = await db
    .select()
    .from(articleRenders)
    .where(eq(articleRenders.versionId, versionId))
  return row ? asRender(row) : undefined
}

export async function upsertRender(db: Db, render: StoredRender): Promise<void> {
  const { versionId, ...rest } = render
  await db
    .insert(articleRenders)
    .values(render)
    .onConflictDoUpdate({ target: articleRenders.versionId, set: rest })
}

function asRender(row: typeof articleRenders.$inferSelect): StoredRender {
  return {
    ...row,
    notes: row.notes as MemberNote[],
    sourceSummary: row.sourceSummary as SourceSummary,
  }
}

export interface ServedArticle {
  article: Article
  version: ArticleVersion
  render: StoredRender
}

/** A published article with the version and render readers get. */
export async function findServedArticle(db: Db, slug: string): Promise<ServedArticle | undefined> {
  const [row] = await db
    .select({ article: articles, version: articleVersions, render: articleRenders })
    .from(articles)
    .innerJoin(articleVersions, eq(articleVersions.id, articles.publishedVersionId))
    .innerJoin(articleRenders, eq(articleRenders.versionId, articleVersions.id))
    .where(and(eq(articles.slug, slug), eq(articles.status, 'published')))
  return row ? { ...row, render: asRender(row.render) } : undefined
}

/** The cache-check query: one indexed lookup, no page text. */
export async function findRenderRev(db: Db, slug: string): Promise<number | undefined> {
  const [row] = await db
    .select({ rev: articles.renderRev })
    .from(articles)
    .where(eq(articles.slug, slug))
  return row?.rev
}

export interface PublishedSummary {
  id: number
  slug: string
  title: string
  summary: string
  byline: string
  firstPublishedAt: Date
  /** When the served version was published. */
  modifiedAt: Date
  versionNumber: number
  sourceSummary: SourceSummary
}

const summaryColumns = {
  id: articles.id,
  slug: articles.slug,
  title: articleVersions.title,
  summary: articleVersions.summary,
  byline: articles.byline,
  firstPublishedAt: articles.firstPublishedAt,
  modifiedAt: articleVersions.publishedAt,
  versionNumber: articleVersions.number,
  sourceSummary: articleRenders.sourceSummary,
}

function asSummary<T extends { firstPublishedAt: Date | null; sourceSummary: unknown }>(row: T) {
  return {
    ...row,
    firstPublishedAt: row.firstPublishedAt!,
    sourceSummary: row.sourceSummary as SourceSummary,
  }
}

/** Narrows a select from `articles` to published ones and their served versions, newest first. */
function publishedNewestFirst<Query extends PgSelect>(query: Query, limit: number) {
  return query
    .innerJoin(articleVersions, eq(articleVersions.id, articles.publishedVersionId))
    .innerJoin(articleRenders, eq(articleRenders.versionId, articleVersions.id))
    .where(and(eq(articles.status, 'published'), isNotNull(articles.firstPublishedAt)))
    .orderBy(desc(articles.firstPublishedAt), desc(articles.id))
    .limit(limit)
}

/** Published articles, newest first: lists, the sitemap, the API's index. */
export async function listPublishedSummaries(
  db: Db,
  options: { limit?: number } = {},
): Promise<PublishedSummary[]> {
  const rows = await publishedNewestFirst(
    db.select(summaryColumns).from(articles).$dynamic(),
    options.limit ?? 1000,
  )
  return rows.map(asSummary)
}

export interface FrontPageArticle extends PublishedSummary {
  /** Words in the served version's text (Markdown source, split on white space). */
  wordCount: number
}

/** The newest published articles with their length: the front page's latest analysis. */
export async function listFrontPageArticles(db: Db, limit: number): Promise<FrontPageArticle[]> {
  const rows = await publishedNewestFirst(
    db
      .select({
        ...summaryColumns,
        // Counted in the database so the bodies never cross to this process; an empty body splits
        // into one empty word, hence the nullif.
        wordCount: sql<number>`coalesce(array_length(regexp_split_to_array(nullif(btrim(${articleVersions.body}), ''), '\\s+'), 1), 0)`,
      })
      .from(articles)
      .$dynamic(),
    limit,
  )
  return rows.map((row) => ({ ...asSummary(row), wordCount: Number(row.wordCount) }))
}

/** The newest published articles with their public text and notes: the feeds. */
export async function listFeedEntries(
  db: Db,
  limit: number,
): Promise<(PublishedSummary & { html: string })[]> {
  const rows = await publishedNewestFirst(
    db
      .select({ ...summaryColumns, html: articleRenders.publicFragment })
      .from(articles)
      .$dynamic(),
    limit,
  )
  return rows.map(asSummary)
}

// ---- corrections (append-only: insert and read, nothing else) ----

export interface CorrectionRow {
  id: number
  articleId: number
  articleSlug: string
  articleTitle: string
  fromVersion: number
  toVersion: number
  correctedAt: Date
  reason: string
  /** What every reader was shown change; null for a correction made before these were kept. */
  publicDiff: FieldDiff[] | null
  /** The same in the members' variant, links included: members and staff only. */
  memberDiff: FieldDiff[] | null
}

export async function insertCorrection(
  db: Db,
  values: {
    articleId: number
    fromVersionId: number
    toVersionId: number
    correctedAt: Date
    reason: string
    actor: string
    /** The Markdown source's diff: kept for the record, never served. */
    diff: FieldDiff[]
    publicDiff: FieldDiff[]
    memberDiff: FieldDiff[]
  },
): Promise<number> {
  const [row] = await db
    .insert(articleCorrections)
    .values(values)
    .returning({ id: articleCorrections.id })
  return row!.id
}

/**
 * Corrections, newest first; for one article or site-wide. Site-wide, only articles that are
 * published now are listed: a withdrawn article's log stays in the database.
 */
export async function listCorrections(
  db: Db,
  filter: { articleId?: number; limit?: number } = {},
): Promise<CorrectionRow[]> {
  const fromV = sql`(select number from article_versions where id = ${articleCorrections.fromVersionId})`
  const rows = await db
    .select({
      id: articleCorrections.id,
      articleId: articleCorrections.articleId,
      articleSlug: articles.slug,
      articleTitle: articles.title,
      fromVersion: sql<number>`${fromV}`,
      toVersion: articleVersions.number,
      correctedAt: articleCorrections.correctedAt,
      reason: articleCorrections.reason,
      publicDiff: articleCorrections.publicDiff,
      memberDiff: articleCorrections.memberDiff,
    })
    .from(articleCorrections)
    .innerJoin(articles, eq(articles.id, articleCorrections.articleId))
    .innerJoin(articleVersions, eq(articleVersions.id, articleCorrections.toVersionId))
    .where(
      filter.articleId === undefined
        ? eq(articles.status, 'published')
        : eq(articleCorrections.articleId, filter.articleId),
    )
    .orderBy(desc(articleCorrections.correctedAt), desc(articleCorrections.id))
    .limit(filter.limit ?? 500)
  return rows.map((r) => ({
    ...r,
    fromVersion: Number(r.fromVersion),
    publicDiff: isFieldDiffList(r.publicDiff) ? r.publicDiff : null,
    memberDiff: isFieldDiffList(r.memberDiff) ? r.memberDiff : null,
  }))
}

// ---- the ledger, as articles cite it ----

/**
 * The ledger sources with these keys, each with the archived copy that stood on `day` (the
 * article's date: the newest captured on or before it), its link status and its quoted passages,
 * each quote linked to the capture it was anchored in. Keys that are not in the ledger are simply
 * absent from the answer.
 */
export async function listCitedSources(
  db: Db,
  keys: readonly string[],
  archiveUrl: (source: { key: string }, snapshot: { id: number }) => string,
  day: string,
): Promise<CitedSource[]> {
  if (keys.length === 0) return []
  const rows = await db
    .select({
      id: sources.id,
      key: sources.key,
      url: sources.url,
      title: sources.title,
      publisher: sources.publisher,
      author: sources.author,
      publishedOn: sources.publishedOn,
      kind: sources.kind,
      linkStatus: sources.linkStatus,
    })
    .from(sources)
    .where(inArray(sources.key, [...keys]))
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.id)
  const captures = await listSourceCaptures(
    db,
    rows.map((r) => r.key),
  )
  const quotes = await db
    .select({
      id: sourceQuotes.id,
      sourceId: sourceQuotes.sourceId,
      snapshotId: sourceQuotes.snapshotId,
      exact: sourceQuotes.exact,
      note: sourceQuotes.note,
    })
    .from(sourceQuotes)
    .where(inArray(sourceQuotes.sourceId, ids))
    .orderBy(asc(sourceQuotes.id))
  const copy = (row: { key: string }, c: Capture) => ({
    url: archiveUrl(row, { id: c.snapshotId }),
    capturedAt: c.capturedAt.toISOString(),
  })
  return rows.map(({ id, linkStatus, ...row }) => {
    const choice = captureOn(captures.get(row.key)?.captures ?? [], day)
    return {
      ...row,
      archive: choice.capture ? copy(row, choice.capture) : undefined,
      noCaptureBy: choice.earliest ? { day, earliest: copy(row, choice.earliest) } : undefined,
      laterCaptures: choice.capture ? choice.later.length : 0,
      dead: linkStatus === 'dead',
      quotes: quotes
        .filter((q) => q.sourceId === id)
        .map((q) => ({
          exact: q.exact,
          note: q.note,
          url: quotePath(row.key, q.snapshotId, q.id),
        })),
    }
  })
}

/** Every ledger key, for the editor's list of what can be cited. */
export async function listLedgerKeys(
  db: Db,
): Promise<{ key: string; publisher: string | null; title: string | null }[]> {
  return db
    .select({ key: sources.key, publisher: sources.publisher, title: sources.title })
    .from(sources)
    .orderBy(asc(sources.key))
}

/**
 * The addresses of every ledger source on these hosts (lower case, port included). The caller
 * compares them with its links in resolved form (links.ts): a link may spell a source's address
 * differently from the ledger (scheme, escapes, dot segments), so an exact lookup would miss it.
 */
export async function listLedgerUrlsOnHosts(db: Db, hosts: readonly string[]): Promise<string[]> {
  if (hosts.length === 0) return []
  const hostOf = sql<string>`split_part(split_part(${sources.normalizedUrl}, '://', 2), '/', 1)`
  const rows = await db
    .select({ url: sources.normalizedUrl })
    .from(sources)
    .where(inArray(hostOf, [...new Set(hosts)]))
  return rows.map((r) => r.url)
}
