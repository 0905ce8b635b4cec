import type { Db } from '../../platform/db/client.ts'
import { detailsFromZod, invalidInput, notFound } from '../../platform/errors.ts'
import type { Clock } from '../../platform/time.ts'
import { type Actor, recordAudit } from '../../staff/audit.repository.ts'
import { describeSpan, findQuote } from '../anchor.ts'
import { insertQuote, type QuoteRow } from '../quotes.repository.ts'
import { NewQuoteBody } from '../quotes.ts'
import { findLatestSnapshot, findSnapshotWithText } from '../snapshots.repository.ts'
import { findSourceByKey } from '../sources.repository.ts'

/**
 * Anchors a quote in one of a source's snapshots and stores both selectors. A quote whose words
 * do not occur in the snapshot is refused: nothing is stored.
 */
export async function addQuote(
  db: Db,
  actor: Actor,
  sourceKey: string,
  input: unknown,
  clock: Clock,
): Promise<QuoteRow> {
  const parsed = NewQuoteBody.safeParse(input)
  if (!parsed.success) throw invalidInput('invalid quote', detailsFromZod(parsed.error.issues))
  const body = parsed.data
  const source = await findSourceByKey(db, sourceKey)
  if (!source) throw notFound(`source "${sourceKey}"`)
  const snapshot =
    body.snapshotId === undefined
      ? await findLatestSnapshot(db, source.id)
      : await findSnapshotWithText(db, body.snapshotId)
  if (!snapshot || snapshot.sourceId !== source.id) {
    throw invalidInput(
      body.snapshotId === undefined
        ? `source "${sourceKey}" has no snapshot yet: archive it before quoting it`
        : `snapshot ${body.snapshotId} is not a snapshot of "${sourceKey}"`,
      [{ path: 'snapshotId', message: 'no such snapshot of this source' }],
    )
  }
  if (snapshot.text === null || snapshot.textSha256 === null)
    throw invalidInput(`snapshot ${snapshot.id} has no readable text (${snapshot.textStatus})`, [
      { path: 'snapshotId', message: 'nothing to quote from' },
    ])
  const text = snapshot.text

  let span: { start: number; end: number } | undefined
  if (body.start !== undefined && body.end !== undefined) {
    if (body.end > text.length)
      throw invalidInput(`the span ends after the text (${text.length} characters)`, [
        { path: 'end', message: `at most ${text.length}` },
      ])
    span = { start: body.start, end: body.end }
    if (body.exact !== undefined && text.slice(span.start, span.end) !== body.exact)
      throw invalidInput('the quoted words are not at those offsets', [
        { path: 'exact', message: `the text there reads "${text.slice(span.start, span.end)}"` },
      ])
  } else {
    span = findQuote(text, { exact: body.exact!, prefix: body.prefix, suffix: body.suffix })
    if (!span)
      throw invalidInput(`the quote does not occur in snapshot ${snapshot.id} of "${sourceKey}"`, [
        { path: 'exact', message: 'not found in the archived text' },
      ])
  }
  const selectors = describeSpan(text, span.start, span.end)
  return db.transaction(async (tx) => {
    const quote = await insertQuote(tx, {
      sourceId: source.id,
      snapshotId: snapshot.id,
      ...selectors.quote,
      ...selectors.position,
      textSha256: snapshot.textSha256!,
      note: body.note ?? null,
      createdBy: actor.label,
      status: 'verified',
      verifiedAt: clock.now(),
      verifiedSnapshotId: snapshot.id,
      verifiedStart: span.start,
      verifiedEnd: span.end,
    })
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'quote',
      entityId: quote.id,
      after: { source: sourceKey, snapshotId: snapshot.id, exact: quote.exact },
    })
    return quote
  })
}
