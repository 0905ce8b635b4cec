import { loadNegotiationProgress } from '../../negotiations/actions/load-progress.ts'
import { progressChart } from '../../negotiations/tracker.pages.tsx'
import type { Db } from '../../platform/db/client.ts'
import type { EmbedContext, EmbedResult } from '../embed-context.ts'
import type { ProgressEmbedParams } from '../embeds.ts'
import { escapeHtml, formatDay } from '../html.ts'

const pct = (share: number) => `${(share * 100).toFixed(1)}%`

/**
 * The progress of a framework at a date, as the tracker measures it (src/negotiations): the count
 * share beside the stake-weighted and gated shares, the principals, whose weights, the flags, and
 * the latest claim of a progress figure on or before the date. Links go to Parley's own pages.
 */
export async function drawProgressEmbed(
  db: Db,
  params: ProgressEmbedParams,
  context: EmbedContext,
): Promise<EmbedResult> {
  const at = params.at ?? context.publishedOn
  const progress = await loadNegotiationProgress(db, params.negotiation, {
    at,
    framework: params.document,
    today: context.publishedOn,
  })
  const { answer, data } = progress
  // The tracker's chart carries one fixed id; an article may hold several progress embeds.
  const chart = progressChart(progress).replaceAll('progress-chart', `${context.id}-chart`)
  const slug = data.negotiation.slug
  const principals = answer.principals.map((p) => p.name).join(', ') || 'none'
  const weights =
    answer.weights.source === 'published'
      ? `weights set by ${answer.weights.setBy} on ${formatDay(answer.weights.setOn)}`
      : 'every point weighted the same (no weights published)'
  const claim = answer.claims.filter((c) => c.statedOn <= answer.at).at(-1)
  const figure = (id: string, value: number, name: string, meaning: string) =>
    `<div class="figure" id="${context.id}-${id}"><span class="value">${pct(value)}</span><span class="label"><strong>${name}</strong> — ${meaning}</span></div>`
  const figures = [
    figure(
      'c',
      answer.countShare,
      'Count share C',
      'points every principal has agreed in verifiable text',
    ),
    figure(
      'p',
      answer.stakeWeighted,
      'Stake-weighted P',
      'share of what is at stake that is agreed',
    ),
    figure('g', answer.gated, 'Gated G', 'falls towards zero while a heavy point is open'),
    claim
      ? `<div class="figure claim"><span class="value">${Math.round(claim.statedShare * 100)}%</span><span class="label"><strong>Claimed</strong> by ${escapeHtml(claim.claimant)}, ${escapeHtml(formatDay(claim.statedOn))}</span></div>`
      : '',
  ].join('')
  const flags = answer.flags
    .map((flag) =>
      flag.kind === 'open_indivisible'
        ? `<li>${escapeHtml(flag.title)}: an indivisible issue still open</li>`
        : `<li>${escapeHtml(flag.title)}: the parties' bottom lines do not overlap</li>`,
    )
    .join('')
  const issueTitle = new Map(data.issues.map((i) => [i.key, i.title]))
  const blockers = answer.blockers
    .slice(0, 3)
    .map(
      (b) =>
        `point ${b.point} (${escapeHtml((b.issue ? issueTitle.get(b.issue) : undefined) ?? b.topic)}, ${Math.round(b.weight * 100)}% of the stake, ${pct(b.status)} agreed)`,
    )
    .join('; ')
  const html = [
    `<p class="embed-title"><strong>${escapeHtml(answer.framework.title)}</strong> (${answer.framework.points} points), measured on <time datetime="${answer.at}">${escapeHtml(formatDay(answer.at))}</time></p>`,
    `<div class="figures">${figures}</div>`,
    `<figure class="chart">${chart}</figure>`,
    `<p class="meta">Principals on this date: ${escapeHtml(principals)}; ${escapeHtml(weights)}.${blockers ? ` Most of the open stake: ${blockers}.` : ''}</p>`,
    flags ? `<ul class="meta flags">${flags}</ul>` : '',
    `<p class="meta"><a href="/negotiations/${escapeHtml(slug)}?at=${answer.at}#progress">How these are computed, and every position behind them</a></p>`,
  ].join('')
  return { ok: true, html }
}
