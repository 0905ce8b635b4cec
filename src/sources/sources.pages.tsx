import { SignupForm } from '../members/members.pages.tsx'
import { htmlDocument, Layout } from '../platform/web/layout.tsx'
import { Day } from '../platform/web/ui.tsx'
import type { StaffUser } from '../staff/staff.ts'
import { type ArchiveState, archiveStateLine, archiveStateOf } from './archive-queue.ts'
import { quotePath } from './captures.ts'
import type { CitingClaim } from './load-source-view.ts'
import type { QuoteRow } from './quotes.repository.ts'
import type { LinkCheckRow, SnapshotMeta } from './snapshots.repository.ts'
import type { SourceListItem, SourceRow } from './sources.repository.ts'
import {
  kindLabels,
  type LinkStatus,
  linkStatusLabels,
  Reliabilities,
  reliabilityLabels,
  SourceKinds,
} from './sources.ts'

/** Where a snapshot's archived copy is served (gated: only for readers who may see links). */
export function archivePath(sourceKey: string, snapshotId: number): string {
  return `/sources/${encodeURIComponent(sourceKey)}/snapshots/${snapshotId}`
}

const timestamp = (date: Date) => `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`

function bytes(n: number): string {
  if (n < 1024) return `${n} B`
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} kB`
  return `${(n / 1024 / 1024).toFixed(1)} MB`
}

/** A hash shown short but complete on hover and for copying; the full value is in the title. */
function Hash(props: { value: string | null }) {
  if (!props.value) return <span class="muted">—</span>
  return (
    <code class="hash" title={props.value}>
      {props.value}
    </code>
  )
}

export function LinkStatusTag(props: { status: LinkStatus }) {
  return (
    <span class={`tag link-${props.status}`} title={linkStatusLabels[props.status]}>
      {props.status === 'unchecked' ? 'not checked' : props.status}
    </span>
  )
}

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

export interface LedgerPageProps {
  sources: SourceListItem[]
  summary: string
  filter: { q: string; kind: string; status: string }
  links: boolean
  staff?: StaffUser | undefined
  /** Where the search form sends its query: /sources, or /staff/sources for the desk. */
  action?: string
  children?: unknown
  title?: string
}

/** The ledger: every source with what kind it is, how reliable, and whether it still answers. */
export function LedgerTable(props: {
  sources: SourceListItem[]
  links: boolean
  hrefOf?: (key: string) => string
}) {
  const href = props.hrefOf ?? ((key: string) => `/sources/${encodeURIComponent(key)}`)
  return (
    <div class="table-wrap">
      <table class="ledger">
        <thead>
          <tr>
            <th scope="col">Source</th>
            <th scope="col">Published</th>
            <th scope="col">Kind</th>
            <th scope="col" title="Admiralty source reliability, A (completely reliable) to F">
              Reliability
            </th>
            <th scope="col">Archived</th>
            <th scope="col">Link</th>
          </tr>
        </thead>
        <tbody>
          {props.sources.map((s) => (
            <tr id={`source-${s.key}`}>
              <th scope="row">
                <a href={href(s.key)}>{s.title ?? s.key}</a>
                <div class="meta">
                  {s.publisher ?? ''}
                  {s.author ? ` · ${s.author}` : ''}
                </div>
                <div class="meta">
                  <code>{s.key}</code>
                </div>
                {props.links ? (
                  <div class="meta url">
                    <a href={s.url} rel="noopener noreferrer nofollow">
                      {s.url}
                    </a>
                  </div>
                ) : null}
              </th>
              <td>
                <Day date={s.publishedOn} />
              </td>
              <td>{kindLabels[s.kind]}</td>
              <td>
                <abbr title={reliabilityLabels[s.reliability]}>{s.reliability}</abbr>
              </td>
              <td>
                {s.snapshotCount === 0 ? (
                  <span class={s.archiveState.kind === 'failed' ? undefined : 'muted'}>
                    {archiveStateLine(s.archiveState)}
                  </span>
                ) : (
                  <>
                    {archiveStateLine(s.archiveState)}
                    <div class="meta">
                      {s.snapshotCount} snapshot{s.snapshotCount === 1 ? '' : 's'}
                    </div>
                    {s.versionCount > 1 ? (
                      <div class="tag link-changed">{s.versionCount} versions</div>
                    ) : null}
                  </>
                )}
              </td>
              <td>
                <LinkStatusTag status={s.linkStatus} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

export function LedgerSearch(props: {
  action: string
  filter: { q: string; kind: string; status: string }
}) {
  return (
    <form method="get" action={props.action} class="search" aria-label="Search the ledger">
      <label>
        Search
        <input type="search" name="q" value={props.filter.q} placeholder="publisher, title, key…" />
      </label>
      <label>
        Kind
        <select name="kind">
          <option value="">any</option>
          {SourceKinds.map((k) => (
            <option value={k} selected={props.filter.kind === k}>
              {kindLabels[k]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Link
        <select name="status">
          <option value="">any</option>
          {(['ok', 'changed', 'dead', 'unreachable', 'unchecked'] as const).map((s) => (
            <option value={s} selected={props.filter.status === s}>
              {s === 'unchecked' ? 'not checked' : s}
            </option>
          ))}
        </select>
      </label>
      <button type="submit">Search</button>
    </form>
  )
}

export function ledgerPage(props: LedgerPageProps) {
  const action = props.action ?? '/sources'
  return htmlDocument(
    <Layout
      title={props.title ?? 'Source ledger'}
      staff={props.staff}
      description="Every source Parley cites: who published it, when, how reliable, and its archived copies."
    >
      <h1>{props.title ?? 'Source ledger'}</h1>
      <p class="prose">
        Every statement Parley publishes rests on sources listed here. An archived copy is kept with
        SHA-256 hashes of its bytes and of its readable text, so a reader can check a quote even
        after the page changed or vanished; the Archived column says for each source whether it has
        a copy, is queued for archiving, or could not be archived and why. Links are checked
        regularly; a page that changed or died is marked.
      </p>
      <p class="meta">
        {props.summary} · <a href="/claims">Claims</a> · Kinds: primary, official, wire, secondary,
        OSINT, state media, dataset · Reliability: Admiralty grades{' '}
        {Reliabilities.map((r) => `${r} ${reliabilityLabels[r]}`).join(', ')}
      </p>
      {props.children as never}
      <LedgerSearch action={action} filter={props.filter} />
      {props.sources.length === 0 ? <p>No source matches.</p> : null}
      <LedgerTable
        sources={props.sources}
        links={props.links}
        hrefOf={
          action === '/staff/sources'
            ? (key) => `/staff/sources/${encodeURIComponent(key)}`
            : undefined
        }
      />
    </Layout>,
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

/** "not archived: …" → "Not archived: …", for a line that stands alone. */
export function sentence(line: string): string {
  return line.charAt(0).toUpperCase() + line.slice(1)
}

function versionsOf(snapshots: readonly SnapshotMeta[]): number {
  return new Set(snapshots.map((s) => s.textSha256 ?? `raw:${s.sha256}`)).size
}

export function SnapshotTable(props: {
  sourceKey: string
  snapshots: SnapshotMeta[]
  links: boolean
}) {
  return (
    <div class="table-wrap">
      <table class="snapshots">
        <thead>
          <tr>
            <th scope="col">Captured</th>
            <th scope="col">HTTP</th>
            <th scope="col">Type, size</th>
            <th scope="col">SHA-256 of the bytes</th>
            <th scope="col">SHA-256 of the text</th>
            {props.links ? <th scope="col">Copy</th> : null}
          </tr>
        </thead>
        <tbody>
          {props.snapshots.map((s) => (
            <tr id={`snapshot-${s.id}`}>
              <td>
                <time datetime={s.fetchedAt.toISOString()}>{timestamp(s.fetchedAt)}</time>
                <div class="meta">#{s.id}</div>
              </td>
              <td>{s.httpStatus}</td>
              <td>
                {s.contentType.split(';')[0]}, {bytes(s.byteLength)}
                <div class="meta">
                  text {s.textStatus.replace('_', ' ')}
                  {s.extractor ? ` (${s.extractor})` : ''}
                </div>
              </td>
              <td>
                <Hash value={s.sha256} />
              </td>
              <td>
                <Hash value={s.textSha256} />
              </td>
              {props.links ? (
                <td>
                  <a href={archivePath(props.sourceKey, s.id)}>archived copy</a>
                  {s.textStatus === 'extracted' ? (
                    <>
                      {' · '}
                      <a href={`${archivePath(props.sourceKey, s.id)}/text`}>text</a>
                    </>
                  ) : null}
                  {s.finalUrl !== s.requestedUrl ? (
                    <div class="meta url">via {s.finalUrl}</div>
                  ) : null}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** The quotes from a source; given `linkTo` (members and staff), each opens highlighted in its capture. */
export function QuoteList(props: { quotes: QuoteRow[]; linkTo?: string | undefined }) {
  const { linkTo } = props
  return (
    <ul class="quotes">
      {props.quotes.map((q) => (
        <li id={`quote-${q.id}`}>
          <blockquote class="quote">
            <span class="context">…{q.prefix}</span>
            <mark>{q.exact}</mark>
            <span class="context">{q.suffix}…</span>
          </blockquote>
          <p class="meta">
            Quote {q.id} · snapshot #{q.snapshotId}, characters {q.start}–{q.end}
            {linkTo ? (
              <>
                {' · '}
                <a href={quotePath(linkTo, q.snapshotId, q.id)}>in the archived copy</a>
              </>
            ) : null}{' '}
            · <span class={`tag quote-${q.status}`}>{q.status}</span>
            {q.verifiedAt ? <> checked {timestamp(q.verifiedAt)}</> : null}
            {q.status === 'moved' && q.verifiedStart !== null
              ? ` — now at ${q.verifiedStart}–${q.verifiedEnd} of snapshot #${q.verifiedSnapshotId}`
              : ''}
            {q.status === 'orphaned'
              ? ' — the live page no longer says this; the archived copy still does'
              : ''}
          </p>
        </li>
      ))}
    </ul>
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
          {s.linkCheckedAt ? (
            <span class="meta"> · checked {timestamp(s.linkCheckedAt)}</span>
          ) : null}
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
                <a href={archivePath(s.key, latest.id)}>
                  as captured {timestamp(latest.fetchedAt)}
                </a>
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

      <h2 id="quotes">Quotes</h2>
      {props.quotes.length === 0 ? (
        <p class="muted">No quotes taken from this source yet.</p>
      ) : (
        <QuoteList quotes={props.quotes} linkTo={props.links ? s.key : undefined} />
      )}

      <h2 id="claims">Claims that cite it</h2>
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
