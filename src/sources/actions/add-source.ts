import type { Db } from '../../platform/db/client.ts'
import { AppError, detailsFromZod, invalidInput } from '../../platform/errors.ts'
import { type Actor, recordAudit } from '../../staff/audit.repository.ts'
import {
  findSourceByKey,
  findSourceByNormalizedUrl,
  insertSources,
  type SourceRow,
  unusedSourceKey,
} from '../sources.repository.ts'
import { citationKey, NewSourceBody } from '../sources.ts'
import { normalizeUrl } from '../url.ts'
import {
  type ArchiveOptions,
  type ArchiveResult,
  type Capture,
  capturePage,
  storeCapture,
} from './archive-source.ts'

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
