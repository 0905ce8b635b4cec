import {
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core'
import { staff } from '../staff/staff.tables.ts'

export const ArticleStatuses = ['draft', 'scheduled', 'published'] as const

/**
 * An article: the working copy staff edit, its state, and which published version readers get.
 * The working copy may run ahead of the published version until an editor publishes again.
 */
export const articles = pgTable(
  'articles',
  {
    id: serial('id').primaryKey(),
    slug: text('slug').notNull().unique(),
    title: text('title').notNull(),
    /** One or two sentences for lists, feeds, search engines and link previews. */
    summary: text('summary').notNull().default(''),
    /** Markdown with Pandoc-style citations and embeds (docs/publishing.md). */
    body: text('body').notNull().default(''),
    status: text('status', { enum: ArticleStatuses }).notNull().default('draft'),
    /** When a scheduled article goes out. */
    scheduledFor: timestamp('scheduled_for', { withTimezone: true }),
    /**
     * The text the editor approved when scheduling (`approvedTextHash`): the job publishes exactly
     * that or nothing, and an edit to a scheduled article cancels its schedule.
     */
    scheduledHash: text('scheduled_hash'),
    authorId: integer('author_id').references(() => staff.id, { onDelete: 'set null' }),
    /** The name printed on the article, kept when the account is gone. */
    byline: text('byline').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** The version readers are served; null while not published. */
    publishedVersionId: integer('published_version_id'),
    firstPublishedAt: timestamp('first_published_at', { withTimezone: true }),
    /**
     * Goes up by one whenever what readers are served changes (publication, correction,
     * withdrawal, a new render): page caches compare it to know they are stale.
     */
    renderRev: integer('render_rev').notNull().default(0),
  },
  (t) => [index('articles_status_idx').on(t.status, t.firstPublishedAt)],
)

/** A published text, kept for good: corrections are diffs between these. */
export const articleVersions = pgTable(
  'article_versions',
  {
    id: serial('id').primaryKey(),
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'restrict' }),
    /** 1 for the first publication, then 2, 3, … */
    number: integer('number').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    body: text('body').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
    publishedBy: text('published_by').notNull(),
    /** Source keys in note order. */
    citedKeys: jsonb('cited_keys').$type<string[]>().notNull(),
    /** What the embeds read, as [{ kind, key }]: a change there renders the version again. */
    dependencies: jsonb('dependencies').$type<{ kind: string; key: string }[]>().notNull(),
  },
  (t) => [
    unique('article_versions_number').on(t.articleId, t.number),
    index('article_versions_dependencies_idx').using('gin', t.dependencies),
  ],
)

/**
 * The render cache: each published version rendered once into what every reader gets (no source
 * or archive address anywhere) and what members get, rendered again only when its inputs change.
 */
export const articleRenders = pgTable('article_renders', {
  versionId: integer('version_id')
    .primaryKey()
    .references(() => articleVersions.id, { onDelete: 'cascade' }),
  renderedAt: timestamp('rendered_at', { withTimezone: true }).notNull(),
  /** SHA-256 of everything rendered: an unchanged render is not written again. */
  outputHash: text('output_hash').notNull(),
  /** The whole page for readers without access to the sources, served as is. */
  publicPage: text('public_page').notNull(),
  publicEtag: text('public_etag').notNull(),
  /** Text, notes and source summary without addresses: feeds, API, e-mail. */
  publicFragment: text('public_fragment').notNull(),
  /** Text and notes with links, archived copies and quoted passages. */
  memberFragment: text('member_fragment').notNull(),
  /** The notes with everything in them; gated when read. */
  notes: jsonb('notes').notNull(),
  sourceSummary: jsonb('source_summary').notNull(),
})

/** The public corrections log. Append-only: there is no update or delete path. */
export const articleCorrections = pgTable(
  'article_corrections',
  {
    id: serial('id').primaryKey(),
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'restrict' }),
    fromVersionId: integer('from_version_id')
      .notNull()
      .references(() => articleVersions.id, { onDelete: 'restrict' }),
    toVersionId: integer('to_version_id')
      .notNull()
      .references(() => articleVersions.id, { onDelete: 'restrict' }),
    correctedAt: timestamp('corrected_at', { withTimezone: true }).notNull(),
    /** Why, in the editor's words, shown to readers. */
    reason: text('reason').notNull(),
    actor: text('actor').notNull(),
    /**
     * What changed in the Markdown source, field by field: a record for the desk's audit only.
     * Never served: the source holds link targets that readers without access may not see.
     */
    diff: jsonb('diff').notNull(),
    /**
     * What changed in the text every reader was shown (the rendered public variant, as plain
     * text): the diff served to readers without access. Null for corrections made before diffs
     * were taken of the rendered text; those show their reason only.
     */
    publicDiff: jsonb('public_diff'),
    /** What changed in the members' variant, links included: members and staff only. */
    memberDiff: jsonb('member_diff'),
  },
  (t) => [
    index('article_corrections_article_idx').on(t.articleId),
    index('article_corrections_at_idx').on(t.correctedAt),
  ],
)
