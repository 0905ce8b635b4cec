import type { Db } from '../../platform/db/client.ts'
import { notFound } from '../../platform/errors.ts'
import { findArchiveQueueEntry } from '../archive-queue.repository.ts'
import { archiveStateOf } from '../archive-queue.ts'
import { formatBibliography } from '../bibliography.ts'
import { sourceToCsl } from '../csl.ts'
import { listQuotesBySource } from '../quotes.repository.ts'
import { firstArchivedAt, listLinkChecks, listSnapshotMeta } from '../snapshots.repository.ts'
import { findSourceByKey, listSources } from '../sources.repository.ts'
import { LinkStatuses } from '../sources.tables.ts'
import { SourceKinds, summarizeKinds } from '../sources.ts'

/** A claim that rests on a source, as the source's page lists it. */
export interface CitingClaim {
  key: string
  text: string
  claimant: string
  statedOn: string
  status: string
  /** The status in words, as readers see it. */
  statusLabel: string
  /** How the claim uses the source: where it appeared, or evidence for or against it. */
  role: 'appeared' | 'supports' | 'contradicts'
}

/**
 * The claims that cite a source. Claims belong to negotiations, which come after sources, so
 * `app/` passes this in.
 */
export type ClaimsCiting = (db: Db, sourceId: number) => Promise<CitingClaim[]>

/** The ledger's filters as read from a query string; anything unknown is dropped. */
export function ledgerFilter(query: (name: string) => string | undefined) {
  const kind = query('kind') ?? ''
  const status = query('status') ?? ''
  return {
    q: (query('q') ?? '').slice(0, 200),
    kind: (SourceKinds as readonly string[]).includes(kind) ? kind : '',
    status: (LinkStatuses as readonly string[]).includes(status) ? status : '',
  }
}

export type LedgerFilter = ReturnType<typeof ledgerFilter>

/** The ledger's rows under a filter, with the count of each kind over the whole ledger. */
export async function loadLedger(db: Db, filter: LedgerFilter, searchUrls: boolean) {
  const [sources, all] = await Promise.all([
    listSources(db, {
      q: filter.q,
      kind: filter.kind || undefined,
      linkStatus: filter.status || undefined,
      searchUrls,
      limit: 1000,
    }),
    listSources(db, { limit: 100_000 }),
  ])
  return { filter, sources, summary: summarizeKinds(all.map((s) => s.kind)) }
}

/** One source with all its page shows: snapshots, checks, quotes, claims, citations. */
export async function loadSourceView(
  db: Db,
  key: string,
  options: { links: boolean; claimsCiting: ClaimsCiting },
) {
  const source = await findSourceByKey(db, key)
  if (!source) throw notFound(`source "${key}"`)
  const { links } = options
  const [snapshots, checks, quotes, claims, accessed, queued] = await Promise.all([
    listSnapshotMeta(db, source.id),
    listLinkChecks(db, source.id),
    listQuotesBySource(db, source.id),
    options.claimsCiting(db, source.id),
    firstArchivedAt(db, [source.id]),
    findArchiveQueueEntry(db, source.id),
  ])
  const item = sourceToCsl(source, { includeUrl: links, accessed: accessed.get(source.id) })
  const [apa, chicago] = await Promise.all([
    formatBibliography([item], 'apa', 'text'),
    formatBibliography([item], 'chicago', 'text'),
  ])
  return {
    source,
    snapshots,
    checks,
    quotes,
    claims,
    links,
    citations: { apa: apa.trim(), chicago: chicago.trim() },
    archiveState: archiveStateOf(snapshots[0]?.fetchedAt ?? null, queued),
  }
}

export type SourceView = Awaited<ReturnType<typeof loadSourceView>>
