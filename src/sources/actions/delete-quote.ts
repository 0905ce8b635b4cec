import type { Db } from '../../platform/db/client.ts'
import { AppError, notFound } from '../../platform/errors.ts'
import { type Actor, recordAudit } from '../../staff/audit.repository.ts'
import { deleteQuote, findQuoteById } from '../quotes.repository.ts'

/**
 * Deletes a quote (audited). Refused while a claim's evidence rests on it; a claim that quoted it
 * keeps its source and loses only the quote.
 */
export async function deleteQuoteById(db: Db, actor: Actor, id: number): Promise<void> {
  await db.transaction(async (tx) => {
    const quote = await findQuoteById(tx, id)
    if (!quote) throw notFound(`quote ${id}`)
    if (!(await deleteQuote(tx, id)))
      throw new AppError('conflict', `quote ${id} is evidence for a claim; remove it there first`)
    await recordAudit(tx, actor, { action: 'delete', entity: 'quote', entityId: id, before: quote })
  })
}
