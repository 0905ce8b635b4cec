import { htmlDocument, Layout } from '../platform/web/layout.tsx'
import { Day } from '../platform/web/ui.tsx'
import type { StaffUser } from '../staff/staff.ts'
import { archiveStateLine } from './archive-queue.ts'
import { LinkStatusTag } from './source-parts.pages.tsx'
import type { SourceListItem } from './sources.repository.ts'
import { kindLabels, Reliabilities, reliabilityLabels, SourceKinds } from './sources.ts'

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
