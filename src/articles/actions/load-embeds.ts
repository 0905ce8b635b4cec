import type { Db } from '../../platform/db/client.ts'
import { isAppError } from '../../platform/errors.ts'
import type { EmbedContext, EmbedResult } from '../embed-context.ts'
import type { CheckedEmbed, EmbedDirective, EmbedKindName } from '../embeds.ts'
import { escapeHtml } from '../html.ts'
import { drawForecastEmbed } from './load-forecast-embed.ts'
import { drawProgressEmbed } from './load-progress-embed.ts'
import { drawTimelineEmbed } from './load-timeline-embed.ts'

/**
 * Draws one embed kind from the data as it is now. The HTML is trusted (it is not sanitized
 * again) and must carry no source address: it is shown to every reader. Link to Parley's own
 * pages instead.
 */
export type EmbedLoader = (db: Db, params: never, context: EmbedContext) => Promise<EmbedResult>

/** The registry: one loader per kind declared in embeds.ts. */
export const embedLoaders: Record<EmbedKindName, EmbedLoader> = {
  progress: drawProgressEmbed,
  timeline: drawTimelineEmbed,
  forecast: drawForecastEmbed,
}

/**
 * Draws every embed of an article. Returns the HTML by index, or the problems (with their line)
 * that keep the article from being published.
 */
export async function loadEmbeds(
  db: Db,
  directives: readonly EmbedDirective[],
  checked: readonly CheckedEmbed[],
  publishedOn: string,
): Promise<{ html: string[]; problems: { line: number; message: string }[] }> {
  const html: string[] = []
  const problems: { line: number; message: string }[] = []
  for (const [index, directive] of directives.entries()) {
    const check = checked[index]
    if (!check?.ok) {
      html.push('')
      continue
    }
    const loader = embedLoaders[check.kind] as (
      db: Db,
      params: unknown,
      context: EmbedContext,
    ) => Promise<EmbedResult>
    let result: EmbedResult
    try {
      result = await loader(db, check.params, { publishedOn, id: `embed-${index + 1}` })
    } catch (error) {
      // A measure that refuses its input (an unknown framework key, say) names the problem.
      if (!isAppError(error)) throw error
      result = { ok: false, message: error.message }
    }
    if (!result.ok) {
      problems.push({ line: directive.line, message: `${check.kind}: ${result.message}` })
      html.push('')
      continue
    }
    const caption = directive.caption
      ? `<figcaption>${escapeHtml(directive.caption)}</figcaption>`
      : ''
    html.push(
      `<figure class="embed embed-${check.kind}" id="embed-${index + 1}">${result.html}${caption}</figure>`,
    )
  }
  return { html, problems }
}
