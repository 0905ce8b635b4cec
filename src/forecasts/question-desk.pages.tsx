import { htmlDocument, Layout } from '../platform/web/layout.tsx'
import type { StaffUser } from '../staff/staff.ts'
import { ErrorBox, type FormError } from './forecast-desk.pages.tsx'
import { statusLabel } from './forecasts.pages.tsx'
import {
  formatProbability,
  type QuestionData,
  type QuestionSummary,
  Resolutions,
  resolutionLabels,
} from './forecasts.ts'

/** A question's desk page: a form for each change, each giving back what was refused. */
export function deskQuestionPage(props: {
  question: QuestionData
  summary: QuestionSummary
  staff: StaffUser
  notice?: string | undefined
  error?: FormError | undefined
  values?: Record<string, string> | undefined
}) {
  const { question: q, staff } = props
  const current = q.criteria.at(-1)
  const desk = deskForms(props)
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

      <ForecastForm desk={desk} />

      <EvidenceForm desk={desk} />

      <QuestionForm desk={desk} />

      <Withdrawals desk={desk} />

      <h2 id="resolve">Resolve</h2>
      <ErrorBox error={props.error} form="resolution" />
      {q.resolution ? <CorrectionForms desk={desk} /> : <ResolutionForm desk={desk} />}
    </Layout>,
  )
}

/** What every form on a question's desk page needs: where it posts, and what to fill back in. */
interface DeskForms {
  question: QuestionData
  staff: StaffUser
  base: string
  error: FormError | undefined
  /** A field's value as last sent, when that form was refused; else the fallback. */
  v: (form: string, field: string, fallback?: string) => string
  /** A refused withdrawal gives its reason back only to the row it was meant for. */
  reasonFor: (form: string, id: number) => string
}

function deskForms(props: {
  question: QuestionData
  staff: StaffUser
  error?: FormError | undefined
  values?: Record<string, string> | undefined
}): DeskForms {
  const v = (form: string, field: string, fallback = '') =>
    props.error?.form === form ? (props.values?.[field] ?? fallback) : fallback
  return {
    question: props.question,
    staff: props.staff,
    base: `/staff/forecasts/${props.question.key}`,
    error: props.error,
    v,
    reasonFor: (form, id) => (props.values?.id === String(id) ? v(form, 'reason') : ''),
  }
}

/** Records a forecast: per cent on the form, a probability in the API. */
function ForecastForm(props: { desk: DeskForms }) {
  const { staff, base, error, v } = props.desk
  return (
    <>
      <h2 id="forecast">Record a forecast</h2>
      <ErrorBox error={error} form="forecast" />
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
    </>
  )
}

/** Adds a likelihood ratio tied to a source or a claim. */
function EvidenceForm(props: { desk: DeskForms }) {
  const { base, error, v } = props.desk
  return (
    <>
      <h2 id="evidence">Add evidence</h2>
      <ErrorBox error={error} form="evidence" />
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
    </>
  )
}

/** Changes the title, close date or criteria (a new version once forecasts rest on them). */
function QuestionForm(props: { desk: DeskForms }) {
  const { question: q, base, error, v } = props.desk
  const current = q.criteria.at(-1)
  const frozen = q.forecasts.length > 0
  return (
    <>
      <h2 id="question">Change the question</h2>
      <p class="prose">
        {frozen
          ? `Forecasts rest on the criteria: new criteria are recorded as version ${(current?.version ?? 0) + 1}, and need a reason.`
          : 'No forecast yet: new criteria replace the current text.'}
      </p>
      <ErrorBox error={error} form="question" />
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
    </>
  )
}

/** Withdraws forecasts and evidence recorded by mistake, each with its reason. */
function Withdrawals(props: { desk: DeskForms }) {
  const { question: q, base, error, reasonFor } = props.desk
  return (
    <>
      <h2 id="recorded">Recorded forecasts and evidence</h2>
      <p class="prose">
        Withdraw an entry recorded by mistake. The audit log keeps the whole entry and the reason;
        the aggregates and scores stop counting it at once.
      </p>
      <ErrorBox error={error} form="withdraw-forecast" />
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
      <ErrorBox error={error} form="withdraw-evidence" />
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
    </>
  )
}

/** A resolved question: what it resolved to, and the forms that correct or undo it. */
function CorrectionForms(props: { desk: DeskForms }) {
  const { question: q, base, error, v } = props.desk
  if (q.resolution === null) return null
  return (
    <>
      <p>
        {resolutionLabels[q.resolution]} on {q.resolvedOn}
        {q.resolutionSource ? ` (source ${q.resolutionSource.key})` : ''}
        {q.resolutionNote ? `: ${q.resolutionNote}` : ''}.
      </p>
      <h3 id="correct-resolution">Correct the resolution</h3>
      <ErrorBox error={error} form="correct-resolution" />
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
      <ErrorBox error={error} form="reopen" />
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
  )
}

/** An open question: the form that resolves it. */
function ResolutionForm(props: { desk: DeskForms }) {
  const { base, v } = props.desk
  return (
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
  )
}
