import { raw } from 'hono/html'
import type { SourceAccess } from '../platform/web/auth.ts'
import { htmlDocument, Layout } from '../platform/web/layout.tsx'
import { Day } from '../platform/web/ui.tsx'
import { SourceList } from '../sources/source-links.tsx'
import type { StaffUser } from '../staff/staff.ts'
import { forecastChart, Headline, headlineMeaning, statusLabel } from './forecasts.pages.tsx'
import {
  formatProbability,
  type QuestionData,
  type QuestionSummary,
  resolutionLabels,
} from './forecasts.ts'

/** A question's public page: the aggregates, the scores once resolved, criteria, forecasts, evidence. */
export function questionPage(props: {
  question: QuestionData
  summary: QuestionSummary
  access: SourceAccess | undefined
  staff?: StaffUser | undefined
}) {
  const { question: q, summary: s, access } = props
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
      <AggregateFigures summary={s} />
      <figure class="chart">{raw(forecastChart(q, s, { id: 'forecast-chart' }))}</figure>

      <ScoresSection question={q} summary={s} access={access} />

      <CriteriaAndForecasts question={q} summary={s} access={access} />

      <EvidenceSection question={q} summary={s} access={access} />
    </Layout>,
  )
}

/** The headline and the other aggregates beside it, with why one is missing. */
function AggregateFigures(props: { summary: QuestionSummary }) {
  const s = props.summary
  const a = s.aggregates
  return (
    <>
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
    </>
  )
}

/** A resolved question's scores, or why an annulled one has none. */
function ScoresSection(props: {
  question: QuestionData
  summary: QuestionSummary
  access: SourceAccess | undefined
}) {
  const { question: q, summary: s, access } = props
  if (s.scores)
    return (
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
          Brier: lower is better, 0.25 is a coin toss. Log: closer to 0 is better. Baseline: above 0
          beats a coin toss.
        </p>
      </section>
    )
  if (q.resolution !== 'annulled') return null
  return (
    <section aria-labelledby="scores">
      <h2 id="scores">Annulled</h2>
      <ResolutionNote question={q} access={access} />
      <p>An annulled question is not scored.</p>
    </section>
  )
}

/** The criteria by version, newest first, and the forecasts made under them. */
function CriteriaAndForecasts(props: {
  question: QuestionData
  summary: QuestionSummary
  access: SourceAccess | undefined
}) {
  const { question: q, summary: s, access } = props
  return (
    <>
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
    </>
  )
}

/** The desk's prior and the evidence that moves it, step by step. */
function EvidenceSection(props: {
  question: QuestionData
  summary: QuestionSummary
  access: SourceAccess | undefined
}) {
  const { question: q, summary: s, access } = props
  return (
    <>
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
    </>
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
