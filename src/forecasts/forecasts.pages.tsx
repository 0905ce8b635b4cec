import * as Plot from '@observablehq/plot'
import { raw } from 'hono/html'
import type { SourceAccess } from '../platform/web/auth.ts'
import { renderChart } from '../platform/web/chart.ts'
import { htmlDocument, Layout } from '../platform/web/layout.tsx'
import { Day } from '../platform/web/ui.tsx'
import { SourceList } from '../sources/source-links.tsx'
import type { StaffUser } from '../staff/staff.ts'
import {
  formatProbability,
  type QuestionData,
  type QuestionSummary,
  Resolutions,
  resolutionLabels,
} from './forecasts.ts'
import type { MurphyDecomposition } from './scoring.ts'

const day = (d: string) => new Date(`${d}T00:00:00Z`)
const dayFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
})
const formatDay = (d: string) => dayFormat.format(day(d))

/** What the headline number means, in words, wherever it is shown. */
export function headlineMeaning(summary: QuestionSummary): string {
  const n = summary.aggregates.forecasters
  if (n === 0) return 'no forecast yet'
  const whose = n === 1 ? '1 forecaster’s latest forecast' : `${n} forecasters’ latest forecasts`
  return `chance of yes: the recency-weighted median of ${whose}`
}

export function statusLabel(summary: QuestionSummary, question: QuestionData): string {
  switch (summary.status) {
    case 'open':
      return `open until ${formatDay(question.closeOn)}`
    case 'closed':
      return `closed ${formatDay(question.closeOn)}, awaiting resolution`
    default:
      return `${resolutionLabels[summary.status]} on ${formatDay(question.resolvedOn!)}`
  }
}

/**
 * The forecasts over time as an SVG: each forecast a dot, the headline aggregate a step line.
 * `compact` draws the small version an article embeds.
 */
export function forecastChart(
  question: QuestionData,
  summary: QuestionSummary,
  options: { id: string; compact?: boolean },
): string {
  const from = question.criteria[0]?.datedOn ?? summary.forecasts[0]?.madeOn ?? summary.at
  // The later of the first date and the earlier of `at` and the close (dates as strings).
  const end = [from, [summary.at, question.closeOn].sort()[0]!].sort()[1]!
  const points = summary.forecasts
  const line =
    summary.series.length > 0 ? [...summary.series, { ...summary.series.at(-1)!, date: end }] : []
  const description =
    points.length === 0
      ? `No forecast on this question by ${formatDay(summary.at)}.`
      : `${points.length} forecast${points.length === 1 ? '' : 's'} by ${summary.aggregates.forecasters} forecaster${summary.aggregates.forecasters === 1 ? '' : 's'} between ${formatDay(points[0]!.madeOn)} and ${formatDay(points.at(-1)!.madeOn)}, from ${formatProbability(Math.min(...points.map((p) => p.probability)))} to ${formatProbability(Math.max(...points.map((p) => p.probability)))}; the line is the recency-weighted median, ${formatProbability(summary.headline!)} on ${formatDay(summary.at)}.`
  return renderChart(
    {
      width: options.compact ? 480 : 640,
      height: options.compact ? 160 : 240,
      marginLeft: 44,
      marginRight: 16,
      x: { type: 'utc', label: null, domain: [day(from), day(end)] },
      y: { label: 'Chance of yes', domain: [0, 1], grid: true, tickFormat: '.0%' },
      marks: [
        Plot.ruleY([0.5], { stroke: 'currentColor', strokeOpacity: 0.3, strokeDasharray: '2,3' }),
        Plot.line(line, {
          x: (p: (typeof line)[number]) => day(p.date),
          y: 'value',
          curve: 'step-after',
          stroke: '#0b5cad',
          strokeWidth: 2,
        }),
        Plot.dot(points, {
          x: (f: (typeof points)[number]) => day(f.madeOn),
          y: 'probability',
          r: 3.5,
          stroke: 'currentColor',
          fill: 'none',
        }),
      ],
    },
    { id: options.id, title: `Forecasts on “${question.title}”`, description },
  )
}

function Headline(props: { summary: QuestionSummary; id?: string }) {
  const { summary } = props
  return (
    <div class="figure" id={props.id}>
      <span class="value">
        {summary.headline === undefined ? '—' : formatProbability(summary.headline)}
      </span>
      <span class="label">{headlineMeaning(summary)}</span>
    </div>
  )
}

export interface QuestionListEntry {
  question: QuestionData
  summary: QuestionSummary
}

export function forecastsPage(props: {
  entries: QuestionListEntry[]
  calibration: MurphyDecomposition | undefined
  staff?: StaffUser | undefined
}) {
  // Three groups by the question's status today (#13): a question past its close date is no
  // longer open, and one with an outcome is resolved whatever its close date.
  const open = props.entries.filter((e) => e.summary.status === 'open')
  const awaiting = props.entries.filter((e) => e.summary.status === 'closed')
  const resolved = props.entries.filter(
    (e) => e.summary.status !== 'open' && e.summary.status !== 'closed',
  )
  const resolvedYesOrNo = resolved.some(
    (e) => e.summary.status === 'yes' || e.summary.status === 'no',
  )
  const Card = (p: { entry: QuestionListEntry }) => {
    const { question: q, summary: s } = p.entry
    return (
      <li>
        <h3>
          <a href={`/forecasts/${q.key}`}>{q.title}</a>
        </h3>
        <div class="figures">
          <Headline summary={s} />
        </div>
        <p class="meta">
          {statusLabel(s, q)}
          {q.negotiation ? (
            <>
              {' · '}
              <a href={`/negotiations/${q.negotiation.slug}`}>{q.negotiation.title}</a>
            </>
          ) : null}
        </p>
      </li>
    )
  }
  return htmlDocument(
    <Layout
      title="Forecasts"
      staff={props.staff}
      description="Will the talks produce a deal? Questions with resolution criteria, dated forecasts and their scores."
    >
      <h1>Forecasts</h1>
      <p class="prose">
        A breakthrough is a question, not a progress bar: each question has criteria that say what
        counts, a close date, and dated forecasts by named forecasters with their reasons. The large
        number is the chance of yes — the median of each forecaster's latest forecast, weighted
        towards the newer ones. When a question resolves, every forecast is scored.{' '}
        <a href="#method">How these are computed</a>.
      </p>
      {props.staff ? (
        <p class="meta">
          <a href="/staff/forecasts">Ask a question or record a forecast (staff)</a>
        </p>
      ) : null}
      <h2 id="open">Open questions</h2>
      {open.length === 0 ? <p>No open question.</p> : null}
      <ul class="cards">
        {open.map((e) => (
          <Card entry={e} />
        ))}
      </ul>
      {awaiting.length > 0 ? (
        <>
          <h2 id="closed">Closed, awaiting resolution</h2>
          <p>Past their close date; the desk has not yet said how they resolved.</p>
          <ul class="cards">
            {awaiting.map((e) => (
              <Card entry={e} />
            ))}
          </ul>
        </>
      ) : null}
      <h2 id="resolved">Resolved questions</h2>
      {resolved.length === 0 ? <p>No question has resolved yet.</p> : null}
      <ul class="cards">
        {resolved.map((e) => (
          <Card entry={e} />
        ))}
      </ul>
      <h2 id="calibration">Calibration</h2>
      {props.calibration ? (
        <CalibrationTable calibration={props.calibration} />
      ) : resolvedYesOrNo ? (
        <p>
          Calibration needs forecasts on questions that resolved yes or no: the questions resolved
          so far had none, so there is nothing to compare yet.
        </p>
      ) : (
        <p>
          Calibration needs resolved questions: none has resolved yes or no yet, so there is nothing
          to compare the forecasts with.
        </p>
      )}
      <h2 id="method">How the numbers are computed</h2>
      <ul class="prose">
        <li>
          Each forecaster counts once, with their latest forecast. The headline is the median of
          those forecasts with weights e<sup>√n − √N</sup> (n = 1 the oldest, N the newest).
        </li>
        <li>
          Also shown on each question: the plain median, the geometric mean of the odds, and — from
          five forecasters on — the extremized mean of the log-odds (factor 1.7).
        </li>
        <li>
          Scores when a question resolves: Brier (p − o)², lower is better; log score ln p(outcome),
          closer to 0 is better; baseline score 100 · log₂(p(outcome) / 0.5), positive beats a coin
          toss.
        </li>
      </ul>
    </Layout>,
  )
}

function CalibrationTable(props: { calibration: MurphyDecomposition }) {
  const m = props.calibration
  const f3 = (x: number) => x.toFixed(3)
  return (
    <>
      <p class="prose">
        Every forecaster's last forecast on each resolved question, grouped by probability. Mean
        Brier score {f3(m.brier)} = reliability {f3(m.reliability)} − resolution {f3(m.resolution)}{' '}
        + uncertainty {f3(m.uncertainty)}
        {Math.abs(m.withinBin) > 5e-4 ? ` + ${f3(m.withinBin)} from the spread within bins` : ''}.
      </p>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Forecast</th>
              <th scope="col">Forecasts</th>
              <th scope="col">Mean forecast</th>
              <th scope="col">Resolved yes</th>
            </tr>
          </thead>
          <tbody>
            {m.bins.map((b) => (
              <tr>
                <td>
                  {Math.round(b.from * 100)}–{Math.round(b.to * 100)}%
                </td>
                <td>{b.count}</td>
                <td>{formatProbability(b.meanForecast)}</td>
                <td>{Math.round(b.observed * 100)}%</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  )
}

export function questionPage(props: {
  question: QuestionData
  summary: QuestionSummary
  access: SourceAccess | undefined
  staff?: StaffUser | undefined
}) {
  const { question: q, summary: s, access } = props
  const a = s.aggregates
  return htmlDocument(
    <Layout title={q.title} staff={props.staff} description={`${q.title} — ${headlineMeaning(s)}.`}>
      <p class="meta">
        <a href="/forecasts">Forecasts</a>
        {q.negotiation ? (
          <>
            {' · '}
            <a href={`/negotiations/${q.negotiation.slug}`}>{q.negotiation.title}</a>
          </>
        ) : null}
        {props.staff ? (
          <>
            {' · '}
            <a href={`/staff/forecasts/${q.key}`}>Edit (staff)</a>
          </>
        ) : null}
      </p>
      <h1>{q.title}</h1>
      <p class="meta">
        {statusLabel(s, q)} · as of <Day date={s.at} />
      </p>
      <div class="figures">
        <Headline summary={s} id="headline" />
        {a.median !== undefined ? (
          <div class="figure">
            <span class="value">{formatProbability(a.median)}</span>
            <span class="label">plain median</span>
          </div>
        ) : null}
        {a.geometricMeanOfOdds !== undefined ? (
          <div class="figure">
            <span class="value">{formatProbability(a.geometricMeanOfOdds)}</span>
            <span class="label">geometric mean of the odds</span>
          </div>
        ) : null}
        {a.extremized.ok ? (
          <div class="figure">
            <span class="value">{formatProbability(a.extremized.value)}</span>
            <span class="label">extremized mean of log-odds (d = {a.extremized.d})</span>
          </div>
        ) : null}
      </div>
      {!a.extremized.ok && a.forecasters > 0 ? (
        <p class="meta">No extremized aggregate: {a.extremized.reason}.</p>
      ) : null}
      <figure class="chart">{raw(forecastChart(q, s, { id: 'forecast-chart' }))}</figure>

      {s.scores ? (
        <section aria-labelledby="scores">
          <h2 id="scores">Resolution and scores</h2>
          <ResolutionNote question={q} access={access} />
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Forecaster</th>
                  <th scope="col">Last forecast</th>
                  <th scope="col">Brier</th>
                  <th scope="col">Log</th>
                  <th scope="col">Baseline</th>
                </tr>
              </thead>
              <tbody>
                {s.scores.forecasters.map((f) => (
                  <tr>
                    <td>{f.forecaster}</td>
                    <td>
                      {formatProbability(f.probability)}, <Day date={f.madeOn} />
                    </td>
                    <td>{f.brier.toFixed(3)}</td>
                    <td>{f.log.toFixed(3)}</td>
                    <td>{f.baseline.toFixed(1)}</td>
                  </tr>
                ))}
                {s.scores.aggregate ? (
                  <tr>
                    <td>
                      <strong>Aggregate</strong> (recency-weighted median)
                    </td>
                    <td>{formatProbability(s.scores.aggregate.probability)}</td>
                    <td>{s.scores.aggregate.brier.toFixed(3)}</td>
                    <td>{s.scores.aggregate.log.toFixed(3)}</td>
                    <td>{s.scores.aggregate.baseline.toFixed(1)}</td>
                  </tr>
                ) : null}
              </tbody>
            </table>
          </div>
          <p class="meta">
            Scored on the last forecast of each forecaster up to <Day date={s.scores.scoredAt} />.
            Brier: lower is better, 0.25 is a coin toss. Log: closer to 0 is better. Baseline: above
            0 beats a coin toss.
          </p>
        </section>
      ) : q.resolution === 'annulled' ? (
        <section aria-labelledby="scores">
          <h2 id="scores">Annulled</h2>
          <ResolutionNote question={q} access={access} />
          <p>An annulled question is not scored.</p>
        </section>
      ) : null}

      <h2 id="criteria">Resolution criteria</h2>
      <ol class="points">
        {[...q.criteria].reverse().map((c) => (
          <li value={c.version} id={`criteria-${c.version}`}>
            <p class="meta">
              Version {c.version}, from <Day date={c.datedOn} />
              {c.version === s.criteria?.version ? ' (in force)' : ''}
            </p>
            <p class="prose">{c.text}</p>
            {c.reason ? <p class="meta">Why it changed: {c.reason}</p> : null}
          </li>
        ))}
      </ol>

      <h2 id="forecasts">Forecasts</h2>
      {s.forecasts.length === 0 ? <p>No forecast yet.</p> : null}
      <ol class="points">
        {[...s.forecasts].reverse().map((f) => (
          <li id={`forecast-${f.id}`}>
            <p>
              <strong>{formatProbability(f.probability)}</strong> — {f.forecaster},{' '}
              <Day date={f.madeOn} />{' '}
              <span class="meta">(criteria version {f.criteriaVersion})</span>
            </p>
            <p class="prose">{f.rationale}</p>
            <SourceList sources={f.sources} access={access} at={f.madeOn} />
          </li>
        ))}
      </ol>

      <h2 id="evidence">Evidence</h2>
      {q.prior === null ? (
        <p class="prose">
          No prior is recorded for this question, so the evidence is listed without a running
          probability.
        </p>
      ) : (
        <p class="prose">
          The desk's prior: <strong>{formatProbability(q.prior)}</strong>
          {q.priorNote ? ` — ${q.priorNote}` : ''}. Each piece of evidence multiplies the odds by
          its likelihood ratio LR = P(evidence | yes) / P(evidence | no): logit p = logit prior + Σ
          ln LR.
        </p>
      )}
      {q.evidence.length === 0 ? <p>No evidence recorded.</p> : null}
      <ol class="points">
        {q.evidence.map((e, i) => {
          const step = s.evidence?.steps[i]
          const source = e.source
          return (
            <li id={`evidence-${e.id}`}>
              <p>
                <Day date={e.notedOn} /> · LR <strong>{e.likelihoodRatio}</strong>
                {step && e.notedOn <= s.at ? ` → ${formatProbability(step.posterior)}` : ''}
              </p>
              <p class="prose">{e.description}</p>
              {e.claim ? (
                <p class="meta">
                  Claim: <a href={`/claims/${e.claim.key}`}>“{e.claim.text}”</a>
                </p>
              ) : null}
              {source ? <SourceList sources={[source]} access={access} at={e.notedOn} /> : null}
            </li>
          )
        })}
      </ol>
      {s.evidence && q.evidence.length > 0 ? (
        <p>
          After the evidence to <Day date={s.at} />:{' '}
          <strong>{formatProbability(s.evidence.posterior)}</strong> (the odds ×{' '}
          {s.evidence.combinedRatio.toFixed(2)}). The evidence ledger is the desk's reasoning; the
          headline above is the forecasters'.
        </p>
      ) : null}
    </Layout>,
  )
}

function ResolutionNote(props: { question: QuestionData; access: SourceAccess | undefined }) {
  const q = props.question
  if (q.resolution === null) return null
  return (
    <>
      <p>
        <strong>{resolutionLabels[q.resolution]}</strong> on <Day date={q.resolvedOn} />
        {q.resolutionNote ? ` — ${q.resolutionNote}` : ''}
      </p>
      {q.resolutionSource ? (
        <SourceList sources={[q.resolutionSource]} access={props.access} at={q.resolvedOn} />
      ) : null}
    </>
  )
}

// ——— The desk ———

export interface FormError {
  form: string
  message: string
  details: { path?: string; message: string }[]
}

function ErrorBox(props: { error: FormError | undefined; form: string }) {
  const e = props.error
  if (e?.form !== props.form) return null
  return (
    <div class="error" role="alert">
      <p>{e.message}</p>
      <ul>
        {e.details.map((d) => (
          <li>
            {d.path ? <strong>{d.path}</strong> : null}
            {d.path ? ': ' : ''}
            {d.message}
          </li>
        ))}
      </ul>
    </div>
  )
}

export function deskForecastsPage(props: {
  entries: QuestionListEntry[]
  negotiations: { slug: string; title: string }[]
  staff: StaffUser
  error?: FormError | undefined
  values?: Record<string, string> | undefined
}) {
  const v = (field: string) =>
    props.error?.form === 'question' ? (props.values?.[field] ?? '') : ''
  return htmlDocument(
    <Layout title="Forecasts — desk" staff={props.staff}>
      <h1>Forecasts</h1>
      <p class="meta">
        <a href="/staff">Desk</a> · <a href="/forecasts">Public page</a> — every change is recorded
        in the audit log.
      </p>
      <ul>
        {props.entries.map(({ question: q, summary: s }) => (
          <li>
            <a href={`/staff/forecasts/${q.key}`}>{q.title}</a>{' '}
            <span class="meta">
              {q.key} · {statusLabel(s, q)} · {q.forecasts.length} forecasts
            </span>
          </li>
        ))}
      </ul>
      <h2 id="new">Ask a question</h2>
      <ErrorBox error={props.error} form="question" />
      <form method="post" action="/staff/forecasts" class="stack">
        <label>
          Key (lower-case, e.g. ceasefire-by-2026-06-30)
          <input name="key" required value={v('key')} />
        </label>
        <label>
          Question
          <input name="title" required value={v('title')} />
        </label>
        <label>
          Negotiation
          <select name="negotiation">
            <option value="">none</option>
            {props.negotiations.map((n) => (
              <option value={n.slug} selected={v('negotiation') === n.slug}>
                {n.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          Closes on (YYYY-MM-DD)
          <input name="closeOn" required value={v('closeOn')} />
        </label>
        <label>
          Resolution criteria
          <textarea name="criteria" rows={5} required>
            {v('criteria')}
          </textarea>
        </label>
        <label>
          Prior for the evidence ledger (0–1, optional)
          <input name="prior" value={v('prior')} />
        </label>
        <label>
          Why this prior
          <input name="priorNote" value={v('priorNote')} />
        </label>
        <button type="submit">Ask</button>
      </form>
    </Layout>,
  )
}

export function deskQuestionPage(props: {
  question: QuestionData
  summary: QuestionSummary
  staff: StaffUser
  notice?: string | undefined
  error?: FormError | undefined
  values?: Record<string, string> | undefined
}) {
  const { question: q, staff } = props
  const base = `/staff/forecasts/${q.key}`
  const v = (form: string, field: string, fallback = '') =>
    props.error?.form === form ? (props.values?.[field] ?? fallback) : fallback
  // A refused withdrawal gives its reason back only to the row it was meant for.
  const reasonFor = (form: string, id: number) =>
    props.values?.id === String(id) ? v(form, 'reason') : ''
  const current = q.criteria.at(-1)
  const frozen = q.forecasts.length > 0
  return htmlDocument(
    <Layout title={`Edit — ${q.title}`} staff={staff}>
      <p class="meta">
        <a href="/staff/forecasts">Forecasts desk</a> ·{' '}
        <a href={`/forecasts/${q.key}`}>Public page</a>
      </p>
      <h1>{q.title}</h1>
      <p class="meta">
        {statusLabel(props.summary, q)} · {q.forecasts.length} forecasts · criteria version{' '}
        {current?.version ?? '—'}
      </p>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}

      <h2 id="forecast">Record a forecast</h2>
      <ErrorBox error={props.error} form="forecast" />
      <form method="post" action={`${base}/forecast`} class="stack">
        <label>
          Forecaster (empty: you, {staff.name})
          <input name="forecaster" value={v('forecast', 'forecaster')} />
        </label>
        <label>
          Chance of yes, per cent (strictly between 0 and 100)
          <input
            name="percent"
            type="number"
            step="any"
            required
            value={v('forecast', 'percent')}
          />
        </label>
        <label>
          Made on (YYYY-MM-DD; empty: today)
          <input name="madeOn" value={v('forecast', 'madeOn')} />
        </label>
        <label>
          Rationale
          <textarea name="rationale" rows={4} required>
            {v('forecast', 'rationale')}
          </textarea>
        </label>
        <label>
          Source keys (comma-separated)
          <input name="sources" value={v('forecast', 'sources')} />
        </label>
        <button type="submit">Record forecast</button>
      </form>

      <h2 id="evidence">Add evidence</h2>
      <ErrorBox error={props.error} form="evidence" />
      <form method="post" action={`${base}/evidence`} class="stack">
        <label>
          On (YYYY-MM-DD; empty: today)
          <input name="on" value={v('evidence', 'on')} />
        </label>
        <label>
          What it is
          <textarea name="description" rows={3} required>
            {v('evidence', 'description')}
          </textarea>
        </label>
        <label>
          Likelihood ratio P(E | yes) / P(E | no)
          <input name="likelihoodRatio" required value={v('evidence', 'likelihoodRatio')} />
        </label>
        <label>
          Source key
          <input name="source" value={v('evidence', 'source')} />
        </label>
        <label>
          or claim key
          <input name="claim" value={v('evidence', 'claim')} />
        </label>
        <button type="submit">Add evidence</button>
      </form>

      <h2 id="question">Change the question</h2>
      <p class="prose">
        {frozen
          ? `Forecasts rest on the criteria: new criteria are recorded as version ${(current?.version ?? 0) + 1}, and need a reason.`
          : 'No forecast yet: new criteria replace the current text.'}
      </p>
      <ErrorBox error={props.error} form="question" />
      <form method="post" action={`${base}/question`} class="stack">
        <label>
          Question
          <input name="title" value={v('question', 'title', q.title)} />
        </label>
        <label>
          Closes on
          <input name="closeOn" value={v('question', 'closeOn', q.closeOn)} />
        </label>
        <label>
          Resolution criteria
          <textarea name="criteria" rows={6}>
            {v('question', 'criteria', current?.text ?? '')}
          </textarea>
        </label>
        <label>
          New version from (YYYY-MM-DD; empty: today)
          <input name="criteriaOn" value={v('question', 'criteriaOn')} />
        </label>
        <label>
          Why the criteria change
          <input name="reason" value={v('question', 'reason')} />
        </label>
        <button type="submit">Save</button>
      </form>

      <h2 id="recorded">Recorded forecasts and evidence</h2>
      <p class="prose">
        Withdraw an entry recorded by mistake. The audit log keeps the whole entry and the reason;
        the aggregates and scores stop counting it at once.
      </p>
      <ErrorBox error={props.error} form="withdraw-forecast" />
      {q.forecasts.length === 0 ? <p>No forecasts yet.</p> : null}
      <ul class="withdrawals">
        {q.forecasts.map((f) => (
          <li id={`forecast-${f.id}`}>
            {f.madeOn} · {f.forecaster} · {formatProbability(f.probability)} · {f.rationale}
            <form method="post" action={`${base}/withdraw-forecast`} class="inline-form">
              <input type="hidden" name="id" value={String(f.id)} />
              <label>
                Reason
                <input name="reason" required value={reasonFor('withdraw-forecast', f.id)} />
              </label>
              <button type="submit" class="secondary">
                Withdraw forecast
              </button>
            </form>
          </li>
        ))}
      </ul>
      <ErrorBox error={props.error} form="withdraw-evidence" />
      {q.evidence.length === 0 ? <p>No evidence yet.</p> : null}
      <ul class="withdrawals">
        {q.evidence.map((e) => (
          <li id={`evidence-${e.id}`}>
            {e.notedOn} · LR {e.likelihoodRatio} · {e.description}
            <form method="post" action={`${base}/withdraw-evidence`} class="inline-form">
              <input type="hidden" name="id" value={String(e.id)} />
              <label>
                Reason
                <input name="reason" required value={reasonFor('withdraw-evidence', e.id)} />
              </label>
              <button type="submit" class="secondary">
                Withdraw evidence
              </button>
            </form>
          </li>
        ))}
      </ul>

      <h2 id="resolve">Resolve</h2>
      <ErrorBox error={props.error} form="resolution" />
      {q.resolution ? (
        <>
          <p>
            {resolutionLabels[q.resolution]} on {q.resolvedOn}
            {q.resolutionSource ? ` (source ${q.resolutionSource.key})` : ''}
            {q.resolutionNote ? `: ${q.resolutionNote}` : ''}.
          </p>
          <h3 id="correct-resolution">Correct the resolution</h3>
          <ErrorBox error={props.error} form="correct-resolution" />
          <form method="post" action={`${base}/correct-resolution`} class="stack">
            <label>
              Outcome
              <select name="outcome">
                {Resolutions.map((r) => (
                  <option
                    value={r}
                    selected={v('correct-resolution', 'outcome', q.resolution ?? '') === r}
                  >
                    {r}
                  </option>
                ))}
              </select>
            </label>
            <label>
              On (YYYY-MM-DD)
              <input name="on" required value={v('correct-resolution', 'on', q.resolvedOn ?? '')} />
            </label>
            <label>
              Source key (required for yes or no)
              <input
                name="source"
                value={v('correct-resolution', 'source', q.resolutionSource?.key ?? '')}
              />
            </label>
            <label>
              Note
              <input name="note" value={v('correct-resolution', 'note', q.resolutionNote ?? '')} />
            </label>
            <label>
              Why the resolution is corrected
              <input name="reason" required value={v('correct-resolution', 'reason')} />
            </label>
            <button type="submit">Correct resolution</button>
          </form>
          <h3 id="reopen">Reopen</h3>
          <ErrorBox error={props.error} form="reopen" />
          <form method="post" action={`${base}/reopen`} class="stack">
            <label>
              Why the question is reopened
              <input name="reason" required value={v('reopen', 'reason')} />
            </label>
            <button type="submit" class="secondary">
              Reopen (back to unresolved)
            </button>
          </form>
        </>
      ) : (
        <form method="post" action={`${base}/resolution`} class="stack">
          <label>
            Outcome
            <select name="outcome">
              {Resolutions.map((r) => (
                <option value={r} selected={v('resolution', 'outcome') === r}>
                  {r}
                </option>
              ))}
            </select>
          </label>
          <label>
            On (YYYY-MM-DD)
            <input name="on" required value={v('resolution', 'on')} />
          </label>
          <label>
            Source key (required for yes or no)
            <input name="source" value={v('resolution', 'source')} />
          </label>
          <label>
            Note
            <input name="note" value={v('resolution', 'note')} />
          </label>
          <button type="submit">Resolve</button>
        </form>
      )}
    </Layout>,
  )
}
