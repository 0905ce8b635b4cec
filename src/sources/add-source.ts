import type { Db } from '../platform/db/client.ts'
import { AppError, detailsFromZod, invalidInput, notFound } from '../platform/errors.ts'
import { type Actor, recordAudit } from '../staff/audit.repository.ts'
import {
  type ArchiveOptions,
  type ArchiveResult,
  type Capture,
  capturePage,
  storeCapture,
} from './archive-source.ts'
import {
  findSourceByKey,
  findSourceByNormalizedUrl,
  insertSources,
  type SourceRow,
  unusedSourceKey,
  updateSource,
} from './sources.repository.ts'
import { citationKey, NewSourceBody, SourceEditBody } from './sources.ts'
import { normalizeUrl } from './url.ts'

export interface AddSourceOptions extends ArchiveOptions {
  /** Fetch and store a first snapshot (the default). */
  archive?: boolean
}

export interface AddedSource {
  source: SourceRow
  archive: ArchiveResult | undefined
}

/**
 * Adds a source to the ledger and, unless told not to, archives it. The page is fetched first
 * and the source and its snapshot are written in one transaction: a URL that cannot be fetched
 * leaves nothing behind.
 */
export async function addSource(
  db: Db,
  actor: Actor,
  input: unknown,
  options: AddSourceOptions,
): Promise<AddedSource> {
  const parsed = NewSourceBody.safeParse(input)
  if (!parsed.success) throw invalidInput('invalid source', detailsFromZod(parsed.error.issues))
  const body = parsed.data
  const normalizedUrl = normalizeUrl(body.url)!
  const duplicate = await findSourceByNormalizedUrl(db, normalizedUrl)
  if (duplicate)
    throw new AppError('conflict', `this address is in the ledger already as "${duplicate.key}"`, [
      { path: 'url', message: `same address as source ${duplicate.key}` },
    ])
  if (body.key && (await findSourceByKey(db, body.key)))
    throw new AppError('conflict', `the key "${body.key}" is taken`, [
      { path: 'key', message: 'already used by another source' },
    ])

  const capture: Capture | undefined =
    options.archive === false ? undefined : await capturePage(body.url, options)
  const title = body.title ?? capture?.pageTitle ?? undefined

  return db.transaction(async (tx) => {
    const key =
      body.key ??
      (await unusedSourceKey(
        tx,
        citationKey({ url: body.url, publisher: body.publisher, published: body.published, title }),
      ))
    const [source] = await insertSources(tx, [
      {
        key,
        url: body.url,
        normalizedUrl,
        title: title ?? null,
        publisher: body.publisher ?? null,
        author: body.author ?? null,
        publishedOn: body.published ?? null,
        kind: body.kind,
        reliability: body.reliability,
        note: body.note ?? null,
      },
    ]).catch((error: unknown) => {
      throw uniqueViolation(error) ?? error
    })
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'source',
      entityId: source!.key,
      after: source,
    })
    const archive = capture ? await storeCapture(tx, actor, source!, capture) : undefined
    return { source: source!, archive }
  })
}

/** A unique-constraint failure from a concurrent insert, as the conflict it is. */
export function uniqueViolation(error: unknown): AppError | undefined {
  const cause = (error as { cause?: { code?: string } }).cause ?? (error as { code?: string })
  if (cause?.code === '23505')
    return new AppError('conflict', 'a source with this key or address was added meanwhile')
  return undefined
}

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
