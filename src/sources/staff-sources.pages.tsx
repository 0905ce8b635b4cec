import { Field, type FormProblem, Notice, Problem, type Values } from '../platform/web/forms.tsx'
import { htmlDocument, Layout } from '../platform/web/layout.tsx'
import { roleAtLeast, type StaffUser } from '../staff/staff.ts'
import type { CitingClaim } from './actions/load-source-view.ts'
import type { ArchiveProgress } from './archive-queue.repository.ts'
import { type ArchiveState, archiveStateLine } from './archive-queue.ts'
import type { QuoteRow } from './quotes.repository.ts'
import type { LinkCheckRow, SnapshotMeta } from './snapshots.repository.ts'
import {
  archivePath,
  LinkStatusTag,
  QuoteList,
  SnapshotTable,
  sentence,
} from './source-parts.pages.tsx'
import type { SourceRow } from './sources.repository.ts'
import { kindLabels, Reliabilities, reliabilityLabels, SourceKinds } from './sources.ts'

function KindSelect(props: { value: string }) {
  return (
    <label>
      Kind
      <select name="kind">
        {SourceKinds.map((k) => (
          <option value={k} selected={props.value === k}>
            {kindLabels[k]}
          </option>
        ))}
      </select>
    </label>
  )
}

function ReliabilitySelect(props: { value: string }) {
  return (
    <label>
      Reliability (Admiralty)
      <select name="reliability">
        {Reliabilities.map((r) => (
          <option value={r} selected={props.value === r}>
            {r} — {reliabilityLabels[r]}
          </option>
        ))}
      </select>
    </label>
  )
}

/** The form that adds a source; it archives the page unless told not to. */
export function AddSourceForm(props: { values?: Values; problem?: FormProblem | undefined }) {
  const v = props.values ?? {}
  return (
    <section aria-labelledby="add-source" class="panel">
      <h2 id="add-source">Add a source</h2>
      <Problem problem={props.problem} />
      <form method="post" action="/staff/sources" class="stack">
        <Field name="url" label="Address (http or https)" type="url" value={v.url} required />
        <Field
          name="key"
          label="Citation key (left empty: made from publisher, date and title)"
          value={v.key}
          placeholder="axios-2025-11-20-28-points"
        />
        <KindSelect value={v.kind ?? 'secondary'} />
        <ReliabilitySelect value={v.reliability ?? 'F'} />
        <Field name="title" label="Title (left empty: the page's own)" value={v.title} />
        <Field name="publisher" label="Publisher" value={v.publisher} />
        <Field name="author" label="Author(s), separated by ;" value={v.author} />
        <Field name="published" label="Published on" type="date" value={v.published} />
        <label>
          Note
          <textarea name="note" rows={2}>
            {v.note ?? ''}
          </textarea>
        </label>
        <label class="check">
          <input type="checkbox" name="noArchive" value="1" checked={v.noArchive === '1'} />
          Record without archiving (the page cannot be fetched now)
        </label>
        <button type="submit">Add and archive</button>
      </form>
    </section>
  )
}

export function DeskLedgerTools(props: { notice?: string | undefined }) {
  return (
    <>
      <Notice text={props.notice} />
      <p class="meta">
        Export: <a href="/staff/sources/export.csl.json">CSL-JSON</a> ·{' '}
        <a href="/api/bibliography?format=apa">APA</a> ·{' '}
        <a href="/api/bibliography?format=chicago">Chicago</a> ·{' '}
        <a href="/staff/sources/export.warc">WARC of every snapshot</a> ·{' '}
        <a href="/staff/claims/new">Record a claim</a>
      </p>
      <form method="post" action="/staff/quotes/verify" class="inline">
        <button type="submit">Verify every quote now</button>
      </form>
    </>
  )
}

/**
 * The archive queue's progress on the desk: archived / failed / left, each failure with its
 * reason, and (for the owner) the button that queues the bundled demo's sources, which are not
 * fetched unasked.
 */
export function ArchiveProgressPanel(props: { progress: ArchiveProgress; owner: boolean }) {
  const p = props.progress
  return (
    <section aria-labelledby="archive-progress">
      <h2 id="archive-progress">Archiving</h2>
      <p class="meta">
        {p.archived} archived · {p.failed} failed · {p.left} left
        {p.retrying > 0 ? ` (${p.retrying} waiting to be tried again)` : ''}
        {p.held > 0 ? ` · ${p.held} of the demo's sources not queued` : ''}
        {p.notQueued > 0 ? ` · ${p.notQueued} never queued` : ''}
      </p>
      {p.held > 0 && props.owner ? (
        <form method="post" action="/staff/archive/demo" class="inline">
          <button type="submit">
            Archive the demo's {p.held} source{p.held === 1 ? '' : 's'} now
          </button>
        </form>
      ) : null}
      {p.failures.length > 0 ? (
        <>
          <h3>Not archived</h3>
          <ul class="archive-failures">
            {p.failures.map((f) => (
              <li>
                <a href={`/staff/sources/${encodeURIComponent(f.key)}`}>
                  <code>{f.key}</code>
                </a>
                :{' '}
                {archiveStateLine({
                  kind: 'failed',
                  reason: f.reason,
                  attempts: f.attempts,
                  lastAttemptAt: f.lastAttemptAt,
                })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  )
}

/** The source's own fields; its key never changes. */
function DetailsForm(props: { source: SourceRow; action: string }) {
  const { source: s, action: base } = props
  return (
    <form method="post" action={base} class="stack">
      <Field name="url" label="Address" type="url" value={s.url} required />
      <KindSelect value={s.kind} />
      <ReliabilitySelect value={s.reliability} />
      <Field name="title" label="Title" value={s.title ?? ''} />
      <Field name="publisher" label="Publisher" value={s.publisher ?? ''} />
      <Field name="author" label="Author(s)" value={s.author ?? ''} />
      <Field name="published" label="Published on" type="date" value={s.publishedOn ?? ''} />
      <label>
        Note
        <textarea name="note" rows={2}>
          {s.note ?? ''}
        </textarea>
      </label>
      <button type="submit">Save</button>
    </form>
  )
}

/** Anchors a quote in one of the source's snapshots (the newest unless another is chosen). */
function QuoteForm(props: { snapshots: SnapshotMeta[]; action: string; values: Values }) {
  const qv = props.values
  if (props.snapshots.length === 0)
    return <p class="muted">Archive the source first: quotes anchor in a snapshot's text.</p>
  return (
    <form method="post" action={props.action} class="stack">
      <label>
        The exact words
        <textarea name="exact" rows={3} required>
          {qv.exact ?? ''}
        </textarea>
      </label>
      <Field
        name="prefix"
        label="Words just before (only if the phrase occurs more than once)"
        value={qv.prefix}
      />
      <label>
        Snapshot
        <select name="snapshotId">
          {props.snapshots.map((snap, i) => (
            <option value={String(snap.id)} selected={qv.snapshotId === String(snap.id)}>
              #{snap.id} {snap.fetchedAt.toISOString().slice(0, 10)}
              {i === 0 ? ' (newest)' : ''}
            </option>
          ))}
        </select>
      </label>
      <Field name="note" label="Note" value={qv.note} />
      <button type="submit">Anchor the quote</button>
    </form>
  )
}

/** Owners only: each snapshot's purge form, with a reason for the audit log. */
function PurgeSnapshots(props: { sourceKey: string; snapshots: SnapshotMeta[] }) {
  if (props.snapshots.length === 0) return null
  return (
    <details>
      <summary>Purge a snapshot (owners; audited; cannot be undone)</summary>
      {props.snapshots.map((snap) => (
        <form method="post" action={`/staff/snapshots/${snap.id}/purge`} class="stack">
          <p class="meta">
            Snapshot #{snap.id} of {snap.fetchedAt.toISOString().slice(0, 10)} —{' '}
            <a href={archivePath(props.sourceKey, snap.id)}>view</a>
          </p>
          <Field name="reason" label="Reason (kept in the audit log)" required />
          <button type="submit" class="danger">
            Purge snapshot #{snap.id}
          </button>
        </form>
      ))}
    </details>
  )
}

export function staffSourcePage(props: {
  source: SourceRow
  snapshots: SnapshotMeta[]
  checks: LinkCheckRow[]
  quotes: QuoteRow[]
  claims: CitingClaim[]
  staff: StaffUser
  notice?: string | undefined
  problem?: FormProblem | undefined
  quoteValues?: Values
  archiveState?: ArchiveState
}) {
  const s = props.source
  const base = `/staff/sources/${encodeURIComponent(s.key)}`
  const owner = roleAtLeast(props.staff.role, 'owner')
  const qv = props.quoteValues ?? {}
  return htmlDocument(
    <Layout title={`Desk: ${s.key}`} staff={props.staff}>
      <p class="meta">
        <a href="/staff/sources">Desk ledger</a> ·{' '}
        <a href={`/sources/${encodeURIComponent(s.key)}`}>Public page</a>
      </p>
      <h1>{s.title ?? s.key}</h1>
      <p class="meta">
        <code>{s.key}</code> · <LinkStatusTag status={s.linkStatus} /> ·{' '}
        <a href={s.url} rel="noopener noreferrer nofollow">
          {s.url}
        </a>
      </p>
      {props.archiveState ? (
        <p class="meta">{sentence(archiveStateLine(props.archiveState))}</p>
      ) : null}
      <Notice text={props.notice} />
      <Problem problem={props.problem} />
      <div class="actions">
        <form method="post" action={`${base}/archive`} class="inline">
          <button type="submit">Archive now</button>
        </form>{' '}
        <form method="post" action={`${base}/check`} class="inline">
          <button type="submit">Check the link now</button>
        </form>
      </div>

      <h2 id="edit">Details</h2>
      <DetailsForm source={s} action={base} />
      <h2 id="quote">Quote it</h2>
      <QuoteForm snapshots={props.snapshots} action={`${base}/quotes`} values={qv} />
      <h2 id="snapshots">Snapshots</h2>
      {props.snapshots.length === 0 ? (
        <p class="muted">None yet.</p>
      ) : (
        <SnapshotTable sourceKey={s.key} snapshots={props.snapshots} links={true} />
      )}
      {owner ? <PurgeSnapshots sourceKey={s.key} snapshots={props.snapshots} /> : null}
      <h2 id="quotes">Quotes</h2>
      {props.quotes.length === 0 ? (
        <p class="muted">None yet.</p>
      ) : (
        <QuoteList quotes={props.quotes} />
      )}

      <h2 id="checks">Link checks</h2>
      <ul>
        {props.checks.map((c) => (
          <li>
            {c.checkedAt.toISOString().slice(0, 16).replace('T', ' ')}{' '}
            <LinkStatusTag status={c.status} /> {c.httpStatus ?? ''} {c.error ?? ''}
          </li>
        ))}
      </ul>

      <h2 id="claims">Claims that cite it</h2>
      <ul>
        {props.claims.map((c) => (
          <li>
            <a href={`/staff/claims/${encodeURIComponent(c.key)}`}>{c.text}</a> ({c.role})
          </li>
        ))}
      </ul>
    </Layout>,
  )
}
