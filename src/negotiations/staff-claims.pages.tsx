import { Field, type FormProblem, Notice, Problem, type Values } from '../platform/web/forms.tsx'
import { htmlDocument, Layout } from '../platform/web/layout.tsx'
import type { StaffUser } from '../staff/staff.ts'
import { StatusTag } from './claims.pages.tsx'
import type { ClaimView } from './claims.repository.ts'
import { ClaimStatuses, claimStatusLabels, credibilityLabels, Stances } from './claims.ts'

export function newClaimPage(props: {
  staff: StaffUser
  values?: Values
  problem?: FormProblem | undefined
}) {
  const v = props.values ?? {}
  return htmlDocument(
    <Layout title="Record a claim" staff={props.staff}>
      <p class="meta">
        <a href="/claims">Claims</a> · <a href="/staff/sources">Desk ledger</a>
      </p>
      <h1>Record a claim</h1>
      <Problem problem={props.problem} />
      <form method="post" action="/staff/claims" class="stack">
        <label>
          What was claimed
          <textarea name="text" rows={3} required>
            {v.text ?? ''}
          </textarea>
        </label>
        <Field name="claimant" label="Who made it" value={v.claimant} required />
        <Field
          name="claimantActorKey"
          label="Their actor key (optional)"
          value={v.claimantActorKey}
        />
        <Field name="statedOn" label="When" type="date" value={v.statedOn} required />
        <Field name="source" label="Where: the source's citation key" value={v.source} required />
        <Field name="negotiation" label="Negotiation slug (optional)" value={v.negotiation} />
        <Field
          name="statedShare"
          label="For a progress claim, the share claimed (0.9 for 90%)"
          value={v.statedShare}
        />
        <Field
          name="key"
          label="Key (left empty: made from claimant, date and words)"
          value={v.key}
        />
        <button type="submit">Record</button>
      </form>
    </Layout>,
  )
}

export function staffClaimPage(props: {
  claim: ClaimView
  staff: StaffUser
  notice?: string | undefined
  problem?: FormProblem | undefined
}) {
  const c = props.claim
  const base = `/staff/claims/${encodeURIComponent(c.key)}`
  return htmlDocument(
    <Layout title={`Desk: claim ${c.key}`} staff={props.staff}>
      <p class="meta">
        <a href={`/claims/${encodeURIComponent(c.key)}`}>Public page</a> ·{' '}
        <a href="/staff/sources">Desk ledger</a>
      </p>
      <h1>“{c.text}”</h1>
      <p class="meta">
        {c.claimant}, {c.statedOn} · <StatusTag status={c.status} /> · appeared in{' '}
        <a href={`/staff/sources/${encodeURIComponent(c.source.key)}`}>{c.source.key}</a>
      </p>
      <Notice text={props.notice} />
      <Problem problem={props.problem} />
      <h2 id="review">Review</h2>
      <form method="post" action={`${base}/review`} class="stack">
        <label>
          Status
          <select name="status">
            {ClaimStatuses.map((s) => (
              <option value={s} selected={c.status === s}>
                {claimStatusLabels[s]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Credibility (Admiralty)
          <select name="credibility">
            <option value="">not assessed</option>
            {[1, 2, 3, 4, 5, 6].map((n) => (
              <option value={String(n)} selected={c.credibility === n}>
                {n} — {credibilityLabels[n]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Why (shown to readers and in ClaimReview)
          <textarea name="verdict" rows={4}>
            {c.verdict ?? ''}
          </textarea>
        </label>
        <Field name="reviewedOn" label="Reviewed on" type="date" value={c.reviewedOn ?? ''} />
        <Field
          name="statedShare"
          label="Share claimed (0–1)"
          value={c.statedShare === null ? '' : String(Number(c.statedShare.toPrecision(6)))}
        />
        <button type="submit">Save the review</button>
      </form>
      <h2 id="evidence">Evidence</h2>
      <ul>
        {c.evidence.map((e) => (
          <li>
            {e.stance}:{' '}
            <a href={`/staff/sources/${encodeURIComponent(e.source.key)}`}>{e.source.key}</a>
            {e.quote ? ` — quote ${e.quote.id}: “${e.quote.exact}”` : ''}
          </li>
        ))}
      </ul>
      <form method="post" action={`${base}/evidence`} class="stack">
        <label>
          Stance
          <select name="stance">
            {Stances.map((s) => (
              <option value={s}>{s}</option>
            ))}
          </select>
        </label>
        <Field name="source" label="Source key" required />
        <Field name="quoteId" label="Quote number (optional, from that source)" />
        <Field name="note" label="Note" />
        <button type="submit">Add evidence</button>
      </form>
    </Layout>,
  )
}
