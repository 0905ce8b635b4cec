import type { Db } from '../../platform/db/client.ts'
import { AppError, notFound } from '../../platform/errors.ts'
import { sha256Hex } from '../../platform/ids.ts'
import type { Clock } from '../../platform/time.ts'
import { type Actor, recordAudit } from '../../staff/audit.repository.ts'
import { type FetchedPage, type FetchOptions, fetchGuarded } from '../archive-fetch.ts'
import { extractReadableText, refusalForType } from '../readable-text.ts'
import { findLatestSnapshot, insertSnapshot, type SnapshotMeta } from '../snapshots.repository.ts'
import { findSourceByKey, type SourceRow } from '../sources.repository.ts'

/** A page as fetched and read, not yet stored. */
export interface Capture {
  fetchedAt: Date
  requestedUrl: string
  finalUrl: string
  httpStatus: number
  contentType: string
  headers: [string, string][]
  byteLength: number
  raw: Uint8Array
  sha256: string
  text: string | null
  textSha256: string | null
  textStatus: 'extracted' | 'not_extracted' | 'empty'
  extractor: string | null
  pageTitle: string | null
}

export interface ArchiveOptions {
  fetch?: FetchOptions
  clock: Clock
}

/** What decides whether two captures differ: the readable text, or the bytes when there is none. */
export function versionKey(snapshot: { sha256: string; textSha256: string | null }): string {
  return snapshot.textSha256 ?? `raw:${snapshot.sha256}`
}

/** Reads a fetched page into a capture: hashes of the bytes and of the extracted text. */
export async function captureFrom(page: FetchedPage, fetchedAt: Date): Promise<Capture> {
  const extracted = await extractReadableText(page.body, page.contentType)
  return {
    fetchedAt,
    requestedUrl: page.requestedUrl,
    finalUrl: page.finalUrl,
    httpStatus: page.status,
    contentType: page.contentType,
    headers: page.headers,
    byteLength: page.body.length,
    raw: page.body,
    sha256: sha256Hex(page.body),
    text: extracted.text,
    textSha256: extracted.text === null ? null : sha256Hex(extracted.text),
    textStatus: extracted.status,
    extractor: extracted.extractor,
    pageTitle: extracted.title,
  }
}

/** Fetches `url` within the guards and reads it; refuses error answers and non-text bodies. */
export async function capturePage(url: string, options: ArchiveOptions): Promise<Capture> {
  const page = await fetchGuarded(url, { ...options.fetch, refuseType: refusalForType })
  if (page.status < 200 || page.status > 299)
    throw new AppError(
      'unavailable',
      `${page.finalUrl}: the server answered HTTP ${page.status}; nothing archived`,
    )
  return captureFrom(page, options.clock.now())
}

export type ArchiveOutcome = 'new' | 'changed' | 'unchanged'

export interface ArchiveResult {
  sourceKey: string
  outcome: ArchiveOutcome
  snapshot: SnapshotMeta
}

/**
 * Stores a capture as the source's newest snapshot unless it reads the same as the newest one.
 * Runs inside `db`'s transaction; audited.
 */
export async function storeCapture(
  db: Db,
  actor: Actor,
  source: SourceRow,
  capture: Capture,
): Promise<ArchiveResult> {
  const latest = await findLatestSnapshot(db, source.id)
  if (latest && versionKey(latest) === versionKey(capture)) {
    const { text: _text, ...meta } = latest
    return { sourceKey: source.key, outcome: 'unchanged', snapshot: meta }
  }
  const snapshot = await insertSnapshot(db, {
    ...capture,
    sourceId: source.id,
    archivedBy: actor.label,
  })
  await recordAudit(db, actor, {
    action: 'archive',
    entity: 'snapshot',
    entityId: snapshot.id,
    after: {
      source: source.key,
      sha256: snapshot.sha256,
      textSha256: snapshot.textSha256,
      httpStatus: snapshot.httpStatus,
      finalUrl: snapshot.finalUrl,
    },
  })
  return { sourceKey: source.key, outcome: latest ? 'changed' : 'new', snapshot }
}

/** `parley archive KEY`: fetch the source now and keep a snapshot if its content is new. */
export async function archiveSource(
  db: Db,
  actor: Actor,
  key: string,
  options: ArchiveOptions,
): Promise<ArchiveResult> {
  const source = await findSourceByKey(db, key)
  if (!source) throw notFound(`source "${key}"`)
  const capture = await capturePage(source.url, options)
  return db.transaction((tx) => storeCapture(tx, actor, source, capture))
}
