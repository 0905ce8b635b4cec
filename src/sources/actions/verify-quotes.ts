import type { Db } from '../../platform/db/client.ts'
import { notFound } from '../../platform/errors.ts'
import type { Clock } from '../../platform/time.ts'
import { type AnchorStatus, anchorQuote } from '../anchor.ts'
import { listQuotesToVerify, updateQuoteVerification } from '../quotes.repository.ts'
import { findLatestSnapshot, type SnapshotWithText } from '../snapshots.repository.ts'
import { findSourceByKey } from '../sources.repository.ts'

export interface QuoteVerification {
  quoteId: number
  sourceKey: string
  exact: string
  /** Against the source's newest snapshot: verified, moved or orphaned. */
  status: AnchorStatus
  /** Whether the quote still reads the same in the snapshot it was taken from. */
  archived: 'intact' | 'damaged'
  snapshotId: number
  checkedSnapshotId: number
  start: number | null
  end: number | null
}

export interface VerifyReport {
  results: QuoteVerification[]
  counts: Record<AnchorStatus, number>
}

/**
 * `parley verify-quotes`: re-anchors every quote. First in its own snapshot (its words at its
 * offsets, and the snapshot's text hash unchanged), then in the source's newest snapshot: the
 * quote is verified if its words are still at the same place, moved if they are elsewhere,
 * orphaned if the page no longer says them (the archived copy still does).
 */
export async function verifyQuotes(
  db: Db,
  options: { clock: Clock; sourceKey?: string | undefined },
): Promise<VerifyReport> {
  let sourceId: number | undefined
  if (options.sourceKey !== undefined) {
    const source = await findSourceByKey(db, options.sourceKey)
    if (!source) throw notFound(`source "${options.sourceKey}"`)
    sourceId = source.id
  }
  const quotes = await listQuotesToVerify(db, sourceId)
  const latestBySource = new Map<number, SnapshotWithText | undefined>()
  const results: QuoteVerification[] = []
  for (const quote of quotes) {
    if (!latestBySource.has(quote.sourceId))
      latestBySource.set(quote.sourceId, await findLatestSnapshot(db, quote.sourceId))
    const latest = latestBySource.get(quote.sourceId)!
    const intact =
      quote.snapshotTextSha256 === quote.textSha256 &&
      quote.snapshotText?.slice(quote.start, quote.end) === quote.exact
    const selectors = {
      quote: { exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix },
      position: { start: quote.start, end: quote.end },
    }
    const anchored =
      !intact || latest.text === null
        ? { status: 'orphaned' as const }
        : latest.id === quote.snapshotId
          ? { status: 'verified' as const, position: selectors.position }
          : anchorQuote(latest.text, selectors)
    results.push({
      quoteId: quote.id,
      sourceKey: quote.sourceKey,
      exact: quote.exact,
      status: anchored.status,
      archived: intact ? 'intact' : 'damaged',
      snapshotId: quote.snapshotId,
      checkedSnapshotId: latest.id,
      start: anchored.position?.start ?? null,
      end: anchored.position?.end ?? null,
    })
  }
  const now = options.clock.now()
  await db.transaction(async (tx) => {
    for (const r of results) {
      await updateQuoteVerification(tx, r.quoteId, {
        status: r.status,
        verifiedAt: now,
        verifiedSnapshotId: r.checkedSnapshotId,
        verifiedStart: r.start,
        verifiedEnd: r.end,
      })
    }
  })
  const counts: Record<AnchorStatus, number> = { verified: 0, moved: 0, orphaned: 0 }
  for (const r of results) counts[r.status]++
  return { results, counts }
}
