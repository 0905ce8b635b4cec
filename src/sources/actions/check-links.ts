import type { Db } from '../../platform/db/client.ts'
import { AppError, notFound } from '../../platform/errors.ts'
import type { Actor } from '../../staff/audit.repository.ts'
import { fetchGuarded } from '../archive-fetch.ts'
import { refusalForType } from '../readable-text.ts'
import { countVersions, insertLinkCheck } from '../snapshots.repository.ts'
import {
  findSourceByKey,
  listAllSourceKeys,
  listSourcesById,
  type SourceRow,
} from '../sources.repository.ts'
import { type ArchiveOptions, captureFrom, storeCapture } from './archive-source.ts'

export type LinkCheckStatus = 'ok' | 'changed' | 'dead' | 'unreachable'

export interface LinkCheckResult {
  sourceKey: string
  status: LinkCheckStatus
  httpStatus: number | null
  error: string | null
  /** The snapshot this check stored, when the content was new. */
  snapshotId: number | null
}

// Gone for good; anything else that fails may be passing trouble.
const DEAD = new Set([404, 410, 451])

/**
 * Checks one source's address and records the outcome. A live page is compared with the archive
 * and, when its content is new, archived again; a source whose archive holds more than one
 * version is marked changed (the page no longer says what it said when first archived). A 404 or
 * 410 marks it dead; other failures unreachable.
 */
export async function checkSourceLink(
  db: Db,
  actor: Actor,
  source: SourceRow,
  options: ArchiveOptions,
): Promise<LinkCheckResult> {
  const checkedAt = options.clock.now()
  let page: Awaited<ReturnType<typeof fetchGuarded>>
  try {
    page = await fetchGuarded(source.url, { ...options.fetch, refuseType: refusalForType })
  } catch (error) {
    if (!(error instanceof AppError)) throw error
    return record(db, source, checkedAt, 'unreachable', null, error.message, null, null)
  }
  if (page.status < 200 || page.status > 299) {
    const status = DEAD.has(page.status) ? 'dead' : 'unreachable'
    return record(
      db,
      source,
      checkedAt,
      status,
      page.status,
      `HTTP ${page.status}`,
      page.finalUrl,
      null,
    )
  }
  const capture = await captureFrom(page, checkedAt)
  return db.transaction(async (tx) => {
    const stored = await storeCapture(tx, actor, source, capture)
    const versions = await countVersions(tx, source.id)
    const snapshotId = stored.outcome === 'unchanged' ? null : stored.snapshot.id
    await insertLinkCheck(tx, {
      sourceId: source.id,
      checkedAt,
      status: versions > 1 ? 'changed' : 'ok',
      httpStatus: page.status,
      finalUrl: page.finalUrl,
      error: null,
      sha256: capture.sha256,
      snapshotId,
    })
    return {
      sourceKey: source.key,
      status: versions > 1 ? 'changed' : 'ok',
      httpStatus: page.status,
      error: null,
      snapshotId,
    }
  })
}

async function record(
  db: Db,
  source: SourceRow,
  checkedAt: Date,
  status: LinkCheckStatus,
  httpStatus: number | null,
  error: string | null,
  finalUrl: string | null,
  snapshotId: number | null,
): Promise<LinkCheckResult> {
  await db.transaction((tx) =>
    insertLinkCheck(tx, {
      sourceId: source.id,
      checkedAt,
      status,
      httpStatus,
      finalUrl,
      error,
      sha256: null,
      snapshotId,
    }),
  )
  return { sourceKey: source.key, status, httpStatus, error, snapshotId }
}

/** `parley check-links [KEY…]`: every source (or the named ones), one after another. */
export async function checkLinks(
  db: Db,
  actor: Actor,
  options: ArchiveOptions & {
    keys?: readonly string[]
    sourceIds?: readonly number[]
    onResult?: (result: LinkCheckResult) => void
  },
): Promise<LinkCheckResult[]> {
  let rows: SourceRow[]
  if (options.sourceIds !== undefined) rows = await listSourcesById(db, options.sourceIds)
  else if (options.keys !== undefined && options.keys.length > 0) {
    rows = []
    for (const key of options.keys) {
      const source = await findSourceByKey(db, key)
      if (!source) throw notFound(`source "${key}"`)
      rows.push(source)
    }
  } else
    rows = await listSourcesById(
      db,
      (await listAllSourceKeys(db)).map((s) => s.id),
    )
  const results: LinkCheckResult[] = []
  for (const source of rows) {
    const result = await checkSourceLink(db, actor, source, options)
    results.push(result)
    options.onResult?.(result)
  }
  return results
}
