import { type CheckedEmbed, checkEmbed } from './embeds.ts'
import { escapeHtml } from './html.ts'
import { isArchiveLink, linkKey } from './links.ts'
import {
  finishMarkdown,
  lineOfKey,
  type MarkdownProblem,
  type PreparedMarkdown,
} from './markdown.ts'
import {
  type CitedSource,
  type Note,
  notesHtml,
  type SourceSummary,
  summarizeSources,
} from './notes.ts'

/**
 * Everything that stops an article from being published, each with its line: unknown citation
 * keys (listed together, so the author fixes them in one pass) and embeds that cannot be drawn.
 */
export function checkArticle(
  markdown: string,
  prepared: PreparedMarkdown,
  knownKeys: ReadonlySet<string>,
): { problems: MarkdownProblem[]; embeds: CheckedEmbed[] } {
  const problems: MarkdownProblem[] = [...prepared.problems]
  const unknown = prepared.citedKeys.filter((key) => !knownKeys.has(key))
  for (const key of unknown) {
    problems.push({
      line: lineOfKey(markdown, key),
      message: `unknown citation key "${key}": no source in the ledger has this key`,
    })
  }
  const embeds = prepared.embeds.map((directive) => {
    const checked = directive.kind === '' ? undefined : checkEmbed(directive)
    if (checked && !checked.ok) problems.push({ line: directive.line, message: checked.message })
    return checked ?? { ok: false as const, message: 'not an embed' }
  })
  problems.sort((a, b) => a.line - b.line)
  return { problems, embeds }
}

/** The one-line message an editor sees when publishing is refused for unknown keys. */
export function unknownKeysMessage(keys: readonly string[]): string {
  return keys.length === 1
    ? `Cannot publish: the citation key ${keys[0]} is not in the ledger.`
    : `Cannot publish: ${keys.length} citation keys are not in the ledger: ${keys.join(', ')}.`
}

/**
 * Decides which links a reader without access may not be given: any address of a ledger source
 * and any archived copy kept on this site, each compared after resolving it the way a browser
 * and the router would (links.ts), so that another spelling of the same address is caught too.
 */
export function gatedLinkRule(
  sourceUrls: Iterable<string>,
  isArchiveAddress: (href: string) => boolean = isArchiveLink,
): (href: string) => boolean {
  const gated = new Set<string>()
  for (const url of sourceUrls) {
    const key = linkKey(url)
    if (key) gated.add(key)
  }
  return (href) => {
    if (isArchiveAddress(href)) return true
    const key = linkKey(href)
    return key !== undefined && gated.has(key)
  }
}

export interface RenderedArticle {
  /** Text, source summary and notes without any address: every reader, feeds, API, e-mail. */
  publicFragment: string
  /** Text and notes with links, archived copies and quoted passages. */
  memberFragment: string
  notes: Note[]
  summary: SourceSummary
}

/** Renders both variants from one parse. Every cited key must be in `sources` (checked before). */
export function renderArticle(
  prepared: PreparedMarkdown,
  sources: ReadonlyMap<string, CitedSource>,
  embedHtml: readonly string[],
  hideLink: (href: string) => boolean,
): RenderedArticle {
  const member = finishMarkdown(prepared, { embedHtml })
  const open = finishMarkdown(prepared, { embedHtml, hideLink })
  const notes: Note[] = prepared.citedKeys.map((key, i) => ({
    number: i + 1,
    source: sources.get(key)!,
    citedAt: member.citedAt.get(i + 1) ?? [],
  }))
  const summary = summarizeSources(notes.map((n) => n.source))
  const summaryLine = `<p class="source-summary">${escapeHtml(summary.text)}</p>`
  return {
    publicFragment: `<div class="article-body">${open.html}</div>${summaryLine}${notesHtml(notes, 'public')}`,
    memberFragment: `<div class="article-body">${member.html}</div>${summaryLine}${notesHtml(notes, 'member')}`,
    notes,
    summary,
  }
}

/** Every link target in trusted HTML (an embed's), to look up which are ledger sources. */
export function linkTargetsInHtml(html: string): string[] {
  return [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'))
}
