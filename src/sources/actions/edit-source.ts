import type { Db } from '../../platform/db/client.ts'
import { AppError, detailsFromZod, invalidInput, notFound } from '../../platform/errors.ts'
import { type Actor, recordAudit } from '../../staff/audit.repository.ts'
import {
  findSourceByKey,
  findSourceByNormalizedUrl,
  type SourceRow,
  updateSource,
} from '../sources.repository.ts'
import { SourceEditBody } from '../sources.ts'
import { normalizeUrl } from '../url.ts'

/** Changes a source's descriptive fields (never its key); audited with before and after. */
export async function editSource(
  db: Db,
  actor: Actor,
  key: string,
  input: unknown,
): Promise<SourceRow> {
  const parsed = SourceEditBody.safeParse(input)
  if (!parsed.success) throw invalidInput('invalid change', detailsFromZod(parsed.error.issues))
  const body = parsed.data
  return db.transaction(async (tx) => {
    const before = await findSourceByKey(tx, key)
    if (!before) throw notFound(`source "${key}"`)
    const patch: Parameters<typeof updateSource>[2] = {}
    if (body.url !== undefined) {
      const normalizedUrl = normalizeUrl(body.url)!
      const other = await findSourceByNormalizedUrl(tx, normalizedUrl)
      if (other && other.id !== before.id)
        throw new AppError('conflict', `this address is in the ledger already as "${other.key}"`, [
          { path: 'url', message: `same address as source ${other.key}` },
        ])
      patch.url = body.url
      patch.normalizedUrl = normalizedUrl
    }
    if (body.kind !== undefined) patch.kind = body.kind
    if (body.reliability !== undefined) patch.reliability = body.reliability
    const text = (value: string | null | undefined) =>
      value === undefined ? undefined : value === null || value === '' ? null : value
    if (body.title !== undefined) patch.title = text(body.title)
    if (body.publisher !== undefined) patch.publisher = text(body.publisher)
    if (body.author !== undefined) patch.author = text(body.author)
    if (body.published !== undefined) patch.publishedOn = text(body.published)
    if (body.note !== undefined) patch.note = text(body.note)
    const after = await updateSource(tx, before.id, patch)
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'source',
      entityId: key,
      before,
      after,
    })
    return after
  })
}
