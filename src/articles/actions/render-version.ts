import type { Db } from '../../platform/db/client.ts'
import { type AppError, type ErrorDetail, invalidInput } from '../../platform/errors.ts'
import { sha256Hex } from '../../platform/ids.ts'
import type { Article } from '../article.ts'
import { articlePage } from '../articles.pages.tsx'
import {
  listCitedSources,
  listCorrections,
  listLedgerUrlsOnHosts,
  type StoredRender,
} from '../articles.repository.ts'
import type { EmbedDependency } from '../embeds.ts'
import { linkHost } from '../links.ts'
import { linkTargetsOf, type MarkdownProblem, prepareMarkdown } from '../markdown.ts'
import { articleJsonLd, openGraph } from '../metadata.ts'
import { type CitedSource, memberNote, publicNote } from '../notes.ts'
import {
  checkArticle,
  gatedLinkRule,
  linkTargetsInHtml,
  type RenderedArticle,
  renderArticle,
  unknownKeysMessage,
} from '../render.ts'
import { archiveUrlOf, type Site } from '../site.ts'
import { loadEmbeds } from './load-embeds.ts'

/** The text and dates a render is made from. */
export interface RenderInput {
  article: Pick<Article, 'id' | 'slug' | 'byline'>
  text: { title: string; summary: string; body: string }
  firstPublishedAt: Date
  publishedAt: Date
}

export type Built =
  | { ok: false; problems: MarkdownProblem[]; unknownKeys: string[] }
  | {
      ok: true
      rendered: RenderedArticle
      citedKeys: string[]
      dependencies: EmbedDependency[]
    }

/** Parses, checks against the ledger, draws the embeds and renders both variants. */
export async function build(db: Db, text: { body: string }, publishedOn: string): Promise<Built> {
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

export function problemsError(built: Extract<Built, { ok: false }>): AppError {
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
export async function renderForVersion(
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
