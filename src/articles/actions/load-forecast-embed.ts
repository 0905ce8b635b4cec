import { forecastChart, headlineMeaning, statusLabel } from '../../forecasts/forecasts.pages.tsx'
import { findQuestionData } from '../../forecasts/forecasts.repository.ts'
import { formatProbability, summarizeQuestion } from '../../forecasts/forecasts.ts'
import type { Db } from '../../platform/db/client.ts'
import { notFound } from '../../platform/errors.ts'
import type { EmbedContext, EmbedResult } from '../embed-context.ts'
import type { ForecastEmbedParams } from '../embeds.ts'
import { escapeHtml, formatDay } from '../html.ts'

/**
 * A forecasting question (src/forecasts): its title, the aggregate chance of yes as a large
 * number with what it means, and a small chart of the forecasts over time. Without `at` it shows
 * the question as its data stands (every forecast recorded), so a new forecast or the resolution
 * reaches the article when it is rendered again. Links go to Parley's own pages only.
 */
export async function drawForecastEmbed(
  db: Db,
  params: ForecastEmbedParams,
  context: EmbedContext,
): Promise<EmbedResult> {
  const question = await findQuestionData(db, params.question)
  if (!question) throw notFound(`forecasting question "${params.question}"`)
  const at =
    params.at ??
    [
      context.publishedOn,
      question.forecasts.at(-1)?.madeOn ?? '',
      question.resolvedOn ?? '',
    ].sort()[2]!
  const summary = summarizeQuestion(question, { today: at, at })
  const chart = forecastChart(question, summary, { id: `${context.id}-chart`, compact: true })
  const value = summary.headline === undefined ? '—' : formatProbability(summary.headline)
  const resolution =
    summary.scores?.aggregate !== undefined
      ? ` The aggregate's Brier score: ${summary.scores.aggregate.brier.toFixed(3)} (0 is perfect, 0.25 a coin toss).`
      : ''
  const html = [
    `<p class="embed-title"><strong><a href="/forecasts/${escapeHtml(question.key)}">${escapeHtml(question.title)}</a></strong></p>`,
    `<div class="figures"><div class="figure" id="${context.id}-aggregate"><span class="value">${escapeHtml(value)}</span><span class="label">${escapeHtml(headlineMeaning(summary))}, on <time datetime="${summary.at}">${escapeHtml(formatDay(summary.at))}</time></span></div></div>`,
    `<figure class="chart">${chart}</figure>`,
    `<p class="meta">${escapeHtml(statusLabel(summary, question))}.${escapeHtml(resolution)} <a href="/forecasts/${escapeHtml(question.key)}#criteria">The resolution criteria, every forecast with its reasons, and the evidence</a></p>`,
  ].join('')
  return { ok: true, html }
}
