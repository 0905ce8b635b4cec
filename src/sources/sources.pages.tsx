import { SignupForm } from '../members/members.pages.tsx'
import { htmlDocument, Layout } from '../platform/web/layout.tsx'
import { Day } from '../platform/web/ui.tsx'
import type { StaffUser } from '../staff/staff.ts'
import type { CitingClaim } from './actions/load-source-view.ts'
import { type ArchiveState, archiveStateLine, archiveStateOf } from './archive-queue.ts'
import type { QuoteRow } from './quotes.repository.ts'
import type { LinkCheckRow, SnapshotMeta } from './snapshots.repository.ts'
import {
  archivePath,
  LinkStatusTag,
  QuoteList,
  SnapshotTable,
  sentence,
  timestamp,
  versionsOf,
} from './source-parts.pages.tsx'
import type { SourceRow } from './sources.repository.ts'
import { kindLabels, linkStatusLabels, reliabilityLabels } from './sources.ts'

function Gate(props: { returnTo: string }) {
  return (
    <div class="gate">
      <p class="meta">
        The original address and the archived copies are open to subscribers: everything else about
        this source — who published it, when, its hashes and its quotes — is here for all.
      </p>
      <SignupForm returnTo={props.returnTo} sourceCount={1} />
    </div>
  )
}

export interface SourcePageProps {
  source: SourceRow
  snapshots: SnapshotMeta[]
  checks: LinkCheckRow[]
  quotes: QuoteRow[]
  claims: CitingClaim[]
  citations: { apa: string; chicago: string }
  links: boolean
  staff?: StaffUser | undefined
  /** Archived, queued, failed (and why) or not yet. */
  archiveState?: ArchiveState
}

/** What the ledger knows of a source; the original and the copy only for readers who may see them. */
function SourceFacts(props: SourcePageProps) {
  const { source: s } = props
  const latest = props.snapshots[0]
  return (
    <dl class="facts">
      <dt>Citation key</dt>
      <dd>
        <code>{s.key}</code>
      </dd>
      <dt>Kind</dt>
      <dd>{kindLabels[s.kind]}</dd>
      <dt>Reliability</dt>
      <dd>
        {s.reliability} — {reliabilityLabels[s.reliability]} (Admiralty grade)
      </dd>
      <dt>Archive</dt>
      <dd>
        {sentence(
          archiveStateLine(props.archiveState ?? archiveStateOf(latest?.fetchedAt ?? null, null)),
        )}
      </dd>
      <dt>Link</dt>
      <dd>
        {s.linkStatus === 'unchecked' ? null : <LinkStatusTag status={s.linkStatus} />}{' '}
        {linkStatusLabels[s.linkStatus]}
        {s.linkCheckedAt ? <span class="meta"> · checked {timestamp(s.linkCheckedAt)}</span> : null}
      </dd>
      {props.links ? (
        <>
          <dt>Original</dt>
          <dd class="url">
            <a href={s.url} rel="noopener noreferrer nofollow">
              {s.url}
            </a>
          </dd>
          <dt>Archived copy</dt>
          <dd>
            {latest ? (
              <a href={archivePath(s.key, latest.id)}>as captured {timestamp(latest.fetchedAt)}</a>
            ) : (
              <span class="muted">not archived yet</span>
            )}
          </dd>
        </>
      ) : null}
      {s.note ? (
        <>
          <dt>Note</dt>
          <dd>{s.note}</dd>
        </>
      ) : null}
    </dl>
  )
}

/** Said plainly when the original died or its text changed since the first capture. */
function ChangeWarnings(props: {
  source: SourceRow
  latest: SnapshotMeta | undefined
  versions: number
}) {
  const { source: s, latest, versions } = props
  return (
    <>
      {s.linkStatus === 'dead' ? (
        <p class="error">
          The original address no longer serves this page.
          {latest
            ? ' The archived copy below is what it said when it was captured.'
            : ' No copy was archived before it went.'}
        </p>
      ) : null}
      {versions > 1 ? (
        <p class="error">
          The page has changed since it was first archived: the ledger holds {versions} different
          versions of its text. Quotes are checked against the newest.
        </p>
      ) : null}
    </>
  )
}

function LinkHistory(props: { checks: LinkCheckRow[]; links: boolean }) {
  return (
    <>
      {props.checks.length === 0 ? (
        <p class="muted">Not checked yet.</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Checked</th>
                <th scope="col">Status</th>
                <th scope="col">HTTP</th>
                <th scope="col">Detail</th>
              </tr>
            </thead>
            <tbody>
              {props.checks.map((check) => (
                <tr>
                  <td>{timestamp(check.checkedAt)}</td>
                  <td>
                    <LinkStatusTag status={check.status} />
                  </td>
                  <td>{check.httpStatus ?? '—'}</td>
                  <td>
                    {check.snapshotId ? `archived again as #${check.snapshotId}` : ''}
                    {check.error && props.links ? check.error : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  )
}

function CitingClaims(props: { claims: CitingClaim[] }) {
  return (
    <>
      {props.claims.length === 0 ? (
        <p class="muted">No claim in the ledger rests on this source.</p>
      ) : (
        <ul>
          {props.claims.map((claim) => (
            <li>
              <a href={`/claims/${encodeURIComponent(claim.key)}`}>“{claim.text}”</a> —{' '}
              {claim.claimant}, <Day date={claim.statedOn} />{' '}
              <span class="tag">
                {claim.role === 'appeared' ? 'where it was made' : claim.role}
              </span>{' '}
              <span class={`tag claim-${claim.status}`}>{claim.statusLabel}</span>
            </li>
          ))}
        </ul>
      )}
    </>
  )
}

export function sourcePage(props: SourcePageProps) {
  const { source: s, snapshots } = props
  const latest = snapshots[0]
  const versions = versionsOf(snapshots)
  const path = `/sources/${encodeURIComponent(s.key)}`
  return htmlDocument(
    <Layout
      title={s.title ?? s.key}
      staff={props.staff}
      description={`${s.publisher ?? 'Source'}${s.publishedOn ? `, ${s.publishedOn}` : ''}: in Parley's source ledger with its archived copies and hashes.`}
    >
      <p class="meta">
        <a href="/sources">Source ledger</a>
        {props.staff ? (
          <>
            {' · '}
            <a href={`/staff${path}`}>Edit on the desk</a>
          </>
        ) : null}
      </p>
      <h1>{s.title ?? s.key}</h1>
      <p class="meta">
        {s.publisher ?? 'Unknown publisher'}
        {s.author ? ` · ${s.author}` : ''} · <Day date={s.publishedOn} />
      </p>
      <SourceFacts {...props} />
      <ChangeWarnings source={s} latest={latest} versions={versions} />
      {props.links ? null : <Gate returnTo={path} />}

      <h2 id="cite">Cite</h2>
      <dl class="facts cite-as">
        <dt>APA</dt>
        <dd>{props.citations.apa}</dd>
        <dt>Chicago</dt>
        <dd>{props.citations.chicago}</dd>
      </dl>

      <h2 id="snapshots">Archived snapshots</h2>
      {snapshots.length === 0 ? (
        <p class="muted">
          No snapshot yet. This source was recorded without a capture; its details above are as the
          desk entered them.
        </p>
      ) : (
        <SnapshotTable sourceKey={s.key} snapshots={snapshots} links={props.links} />
      )}

      <h2 id="link-history">Link status over time</h2>
      <LinkHistory checks={props.checks} links={props.links} />
      <h2 id="quotes">Quotes</h2>
      {props.quotes.length === 0 ? (
        <p class="muted">No quotes taken from this source yet.</p>
      ) : (
        <QuoteList quotes={props.quotes} linkTo={props.links ? s.key : undefined} />
      )}

      <h2 id="claims">Claims that cite it</h2>
      <CitingClaims claims={props.claims} />
    </Layout>,
  )
}

export function archiveGatePage(props: { sourceKey: string; staff?: StaffUser | undefined }) {
  return htmlDocument(
    <Layout title="Archived copy for subscribers" staff={props.staff}>
      <h1>Archived copies are for subscribers</h1>
      <p>
        The archived copy of this source, and its original address, are open to subscribers. Its
        publisher, date, hashes and quotes are on its{' '}
        <a href={`/sources/${encodeURIComponent(props.sourceKey)}`}>ledger page</a>.
      </p>
      <SignupForm returnTo={`/sources/${encodeURIComponent(props.sourceKey)}`} sourceCount={1} />
    </Layout>,
  )
}
