import { htmlDocument, Layout } from '../platform/web/layout.tsx'
import type { StaffUser } from '../staff/staff.ts'
import { type QuestionListEntry, statusLabel } from './forecasts.pages.tsx'

/** The forecasting desk: the staff pages that ask, change, resolve and correct questions. */

export interface FormError {
  form: string
  message: string
  details: { path?: string; message: string }[]
}

/** A refused form's message and the fields it names, shown above that form only. */
export function ErrorBox(props: { error: FormError | undefined; form: string }) {
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
