import type { Db } from '../platform/db/client.ts'
import { findRenderRev, findServedArticle, type ServedArticle } from './articles.repository.ts'
import { cachedEntry, forgetServedArticle, isFresh, remember } from './render-cache.ts'

/** A served article as the render cache keeps it (render-cache.ts). */
export interface CachedArticle extends ServedArticle {
  /** The public page as bytes, encoded once. */
  publicBytes: Uint8Array
  /** Last-Modified, as an HTTP date. */
  lastModified: string
}

const encoder = new TextEncoder()

/** The article from memory when its entry is fresh, without touching the database; else undefined. */
export function peekCachedArticle(
  db: Db,
  slug: string,
  nowMs: number = performance.now(),
): CachedArticle | undefined {
  const entry = cachedEntry<CachedArticle>(db, slug)
  return entry && isFresh(entry, nowMs) ? entry.value : undefined
}

/** The published article at `slug` with its render, from memory when fresh. */
export async function findCachedArticle(
  db: Db,
  slug: string,
  nowMs: number = performance.now(),
): Promise<CachedArticle | undefined> {
  const entry = cachedEntry<CachedArticle>(db, slug)
  if (entry && isFresh(entry, nowMs)) return entry.value
  if (entry) {
    const rev = await findRenderRev(db, slug)
    if (rev === entry.rev) {
      entry.checkedAt = nowMs
      return entry.value
    }
  }
  const served = await findServedArticle(db, slug)
  if (!served) {
    // Misses are not kept: a crawler asking for made-up slugs cannot fill the memory.
    forgetServedArticle(db, slug)
    return undefined
  }
  const value: CachedArticle = {
    ...served,
    publicBytes: encoder.encode(served.render.publicPage),
    lastModified: served.render.renderedAt.toUTCString(),
  }
  remember(db, slug, { rev: served.article.renderRev, checkedAt: nowMs, value })
  return value
}
