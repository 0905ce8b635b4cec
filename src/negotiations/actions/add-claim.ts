import type { Db } from '../../platform/db/client.ts'
import { AppError, detailsFromZod, invalidInput } from '../../platform/errors.ts'
import { findQuoteById } from '../../sources/quotes.repository.ts'
import { findSourceByKey, type SourceRow } from '../../sources/sources.repository.ts'
import { type Actor, recordAudit } from '../../staff/audit.repository.ts'
import { type ClaimRow, findClaimByKey, insertClaim } from '../claims.repository.ts'
import { claimKey, NewClaimBody } from '../claims.ts'
import { findNegotiationBySlug } from '../negotiations.repository.ts'

export async function requireSource(db: Db, key: string, path: string): Promise<SourceRow> {
  const source = await findSourceByKey(db, key)
  if (!source)
    throw invalidInput(`no source "${key}" in the ledger`, [{ path, message: 'unknown source' }])
  return source
}

/** A quote may back a claim only when it was taken from the same source. */
export async function checkQuote(
  db: Db,
  quoteId: number | undefined,
  source: SourceRow,
  path: string,
) {
  if (quoteId === undefined) return
  const quote = await findQuoteById(db, quoteId)
  if (!quote || quote.sourceId !== source.id)
    throw invalidInput(`quote ${quoteId} is not a quote of "${source.key}"`, [
      { path, message: 'no such quote of this source' },
    ])
}

/** Records a claim: who said what, when and where. Audited; one transaction. */
export async function addClaim(db: Db, actor: Actor, input: unknown): Promise<ClaimRow> {
  const parsed = NewClaimBody.safeParse(input)
  if (!parsed.success) throw invalidInput('invalid claim', detailsFromZod(parsed.error.issues))
  const body = parsed.data
  return db.transaction(async (tx) => {
    const source = await requireSource(tx, body.source, 'source')
    await checkQuote(tx, body.quoteId, source, 'quoteId')
    let negotiationId: number | null = null
    if (body.negotiation !== undefined) {
      const negotiation = await findNegotiationBySlug(tx, body.negotiation)
      if (!negotiation)
        throw invalidInput(`no negotiation "${body.negotiation}"`, [
          { path: 'negotiation', message: 'unknown negotiation' },
        ])
      negotiationId = negotiation.id
    }
    const key = body.key ?? claimKey(body)
    if (await findClaimByKey(tx, key))
      throw new AppError('conflict', `a claim with key "${key}" exists already`, [
        { path: 'key', message: 'taken' },
      ])
    const claim = await insertClaim(tx, {
      key,
      negotiationId,
      text: body.text,
      claimant: body.claimant,
      claimantActorKey: body.claimantActorKey ?? null,
      statedOn: body.statedOn,
      sourceId: source.id,
      quoteId: body.quoteId ?? null,
      status: body.status,
      credibility: body.credibility ?? null,
      statedShare: body.statedShare ?? null,
      verdict: body.verdict ?? null,
      reviewedOn: body.reviewedOn ?? null,
    })
    await recordAudit(tx, actor, { action: 'create', entity: 'claim', entityId: key, after: claim })
    return claim
  })
}
