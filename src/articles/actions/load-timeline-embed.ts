import * as Plot from '@observablehq/plot'
import { EventKinds } from '../../negotiations/event-kinds.ts'
import { listNegotiationEvents } from '../../negotiations/events.repository.ts'
import { findNegotiationBySlug } from '../../negotiations/negotiations.repository.ts'
import type { Db } from '../../platform/db/client.ts'
import { notFound } from '../../platform/errors.ts'
import { renderChart } from '../../platform/web/chart.ts'
import { MISSILE_ATTACKS_DATASET } from '../../timeline/datasets.ts'
import { type NightlySeries, rankWindow, talksWindowRatio } from '../../timeline/intensity.ts'
import { findNightlySeries } from '../../timeline/strikes.repository.ts'
import { ordinal } from '../../timeline/views.ts'
import type { EmbedContext, EmbedResult } from '../embed-context.ts'
import type { TimelineEmbedParams } from '../embeds.ts'
import { escapeHtml, formatDay } from '../html.ts'

// Every event of the talks that the chart marks: all kinds but strikes (the bars show them) and
// statements (on the negotiation's page), so that a ceasefire taking effect, a signing, a deadline
// or a territorial change (#13) is marked as the timeline page marks it.
const DIPLOMATIC: ReadonlySet<string> = new Set(
  EventKinds.filter((kind) => kind !== 'strike' && kind !== 'statement'),
)
const day = (d: string) => new Date(`${d}T00:00:00Z`)

interface Marked {
  n: number
  key: string
  date: string
  end: string | null
  kind: string
  title: string
}

/**
 * A window of the timeline: the nightly strike intensity (when the strike data set is loaded)
 * with the rounds of talks laid over it, numbered, and each round's talks-window ratio and the rank
 * of the week before it. Without strike data it draws the dated events alone and says so.
 */
export async function drawTimelineEmbed(
  db: Db,
  params: TimelineEmbedParams,
  context: EmbedContext,
): Promise<EmbedResult> {
  const negotiation = await findNegotiationBySlug(db, params.negotiation)
  if (!negotiation) throw notFound(`negotiation "${params.negotiation}"`)
  // Talks and strikes; statements would crowd the window and are on the negotiation's page.
  const events = (await listNegotiationEvents(db, negotiation.id)).filter(
    (e) =>
      e.kind !== 'statement' &&
      e.occurredOn <= params.to &&
      (e.endedOn ?? e.occurredOn) >= params.from,
  )
  const series = await findNightlySeries(db, MISSILE_ATTACKS_DATASET.key)
  const marked: Marked[] = events.map((e, i) => ({
    n: i + 1,
    key: e.key,
    date: e.occurredOn,
    end: e.endedOn,
    kind: e.kind,
    title: e.title,
  }))
  const talks = marked.filter((m) => DIPLOMATIC.has(m.kind))
  const strikes = marked.filter((m) => m.kind === 'strike')
  const nights = series?.nights.filter((n) => n.night >= params.from && n.night <= params.to) ?? []

  const id = `${context.id}-chart`
  const span = `${formatDay(params.from)} to ${formatDay(params.to)}`
  const marks: Plot.Markish[] = []
  let description: string
  if (nights.length > 0) {
    const peak = nights.reduce((a, b) => (b.launched.total > a.launched.total ? b : a))
    marks.push(
      Plot.rectY(nights, {
        x: (n: (typeof nights)[number]) => day(n.night),
        y: (n: (typeof nights)[number]) => n.launched.total,
        interval: 'day',
        fill: 'currentColor',
        fillOpacity: 0.55,
      }),
      Plot.ruleY([0], { stroke: 'currentColor' }),
    )
    description = `Missiles and drones launched per night, ${span}, with ${talks.length} dated diplomatic events marked by number. The heaviest night in the window was ${formatDay(peak.night)}, with ${peak.launched.total} launched.`
  } else {
    marks.push(
      Plot.dot(strikes, {
        x: (m: Marked) => day(m.date),
        y: () => 'Strikes',
        r: 5,
        fill: 'currentColor',
      }),
      Plot.dot(talks, {
        x: (m: Marked) => day(m.date),
        y: () => 'Talks',
        r: 5,
        stroke: 'currentColor',
        fill: 'none',
      }),
    )
    description = `Dated events, ${span}: ${talks.length} diplomatic and ${strikes.length} strikes, numbered as in the list below.`
  }
  marks.push(
    Plot.ruleX(talks, {
      x: (m: Marked) => day(m.date),
      stroke: 'currentColor',
      strokeDasharray: '3,3',
      strokeOpacity: 0.7,
    }),
    // Rounds a day or two apart would print their numbers on top of each other: three rows.
    ...[0, 1, 2].map((row) =>
      Plot.text(
        talks.filter((_, i) => i % 3 === row),
        {
          x: (m: Marked) => day(m.date),
          text: (m: Marked) => String(m.n),
          frameAnchor: 'top',
          dy: -20 + row * 10,
          fontWeight: 'bold',
          fill: 'currentColor',
        },
      ),
    ),
  )
  const svg = renderChart(
    {
      width: 640,
      height: nights.length > 0 ? 240 : 150,
      marginTop: 36,
      marginLeft: 56,
      x: { type: 'utc', label: null, domain: [day(params.from), day(params.to)] },
      y:
        nights.length > 0
          ? { label: 'Launched per night', grid: true }
          : { label: null, domain: ['Talks', 'Strikes'] },
      marks,
    },
    { id, title: `Talks and strikes, ${span}`, description },
  )

  const items = marked.map((m) => {
    const when =
      m.end && m.end !== m.date ? `${formatDay(m.date)} – ${formatDay(m.end)}` : formatDay(m.date)
    const extra = DIPLOMATIC.has(m.kind) ? intensityNote(series, m.date) : ''
    return `<li value="${m.n}"><time datetime="${m.date}">${escapeHtml(when)}</time> <span class="tag">${escapeHtml(m.kind)}</span> <a href="/negotiations/${escapeHtml(negotiation.slug)}#event-${escapeHtml(m.key)}">${escapeHtml(m.title)}</a>${extra}</li>`
  })
  const dataNote = series
    ? `Nightly launches: ${escapeHtml(MISSILE_ATTACKS_DATASET.title)}, Ukrainian air force figures (the claims of one party to the war).`
    : 'The nightly strike figures are not loaded on this site, so only the dated events are drawn.'
  const html = [
    `<figure class="chart">${svg}</figure>`,
    `<ol class="embed-events">${items.join('')}</ol>`,
    `<p class="meta">${dataNote} <a href="/negotiations/${escapeHtml(negotiation.slug)}/timeline?from=${params.from}&amp;to=${params.to}">The full timeline for these dates</a></p>`,
  ].join('')
  return { ok: true, html }
}

/** "Launches in the week around it 2.1× the four weeks before; the 7 nights before it the 3rd-heaviest of 187 …" */
function intensityNote(series: NightlySeries | undefined, date: string): string {
  if (!series) return ''
  const parts: string[] = []
  const ratio = talksWindowRatio(series, date)
  if (ratio.ratio !== null) {
    parts.push(
      `launches in the week around it ${ratio.ratio.toFixed(1)}× the four weeks before (R)`,
    )
  }
  const before = rankWindow(series, 7, dayBefore(date))
  if (before.ok) {
    parts.push(
      `the 7 nights before it the ${ordinal(before.window.rank)}-heaviest of ${before.window.of.toLocaleString('en-GB')} such windows since ${formatDay(series.first)}`,
    )
  }
  return parts.length > 0 ? ` <span class="meta">— ${escapeHtml(parts.join('; '))}</span>` : ''
}

function dayBefore(date: string): string {
  const d = day(date)
  d.setUTCDate(d.getUTCDate() - 1)
  return d.toISOString().slice(0, 10)
}
