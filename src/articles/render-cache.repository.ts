import type { Db } from '../platform/db/client.ts'
import { findRenderRev, findServedArticle, type ServedArticle } from './articles.repository.ts'

/**
 * The render cache's front: published articles kept in this process's memory, so that a reader's
 * request does not reach the database. An entry is trusted for REVALIDATE_MS, then checked with
 * one indexed lookup of the article's `render_rev` and reloaded only when that moved. Writes in
 * this process forget the entry at once; writes by another process (several servers on one
 * PostgreSQL, or the CLI) show within REVALIDATE_MS. See docs/decisions (render cache).
 */
export const REVALIDATE_MS = 1000

export interface CachedArticle extends ServedArticle {
  /** The public page as bytes, encoded once. */
  publicBytes: Uint8Array
  /** Last-Modified, as an HTTP date. */
  lastModified: string
}

interface Entry {
  rev: number
  checkedAt: number
  value: CachedArticle
}

// Keyed by the database handle: each app (and each test's database) has its own cache, and the
// cache goes when the handle does.
const caches = new WeakMap<Db, Map<string, Entry>>()

function cacheOf(db: Db): Map<string, Entry> {
  let cache = caches.get(db)
  if (!cache) {
    cache = new Map()
    caches.set(db, cache)
  }
  return cache
}

const encoder = new TextEncoder()

/** The article from memory when its entry is fresh, without touching the database; else undefined. */
export function peekCachedArticle(
  db: Db,
  slug: string,
  nowMs: number = performance.now(),
): CachedArticle | undefined {
  const entry = caches.get(db)?.get(slug)
  return entry && nowMs - entry.checkedAt < REVALIDATE_MS ? entry.value : undefined
}

/** The published article at `slug` with its render, from memory when fresh. */
export async function findCachedArticle(
  db: Db,
  slug: string,
  nowMs: number = performance.now(),
): Promise<CachedArticle | undefined> {
  const cache = cacheOf(db)
  const entry = cache.get(slug)
  if (entry && nowMs - entry.checkedAt < REVALIDATE_MS) return entry.value
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
    cache.delete(slug)
    return undefined
  }
  const value: CachedArticle = {
    ...served,
    publicBytes: encoder.encode(served.render.publicPage),
    lastModified: served.render.renderedAt.toUTCString(),
  }
  cache.set(slug, { rev: served.article.renderRev, checkedAt: nowMs, value })
  return value
}

/** Drops an article from this process's cache after a write (publication, correction, render). */
export function forgetServedArticle(db: Db, slug: string): void {
  caches.get(db)?.delete(slug)
}

/**
 * Drops every article from this process's cache: another process wrote to the database, and which
 * articles it rendered again is not known here (the CLI through the server's socket, 0008).
 */
export function forgetAllServedArticles(db: Db): void {
  caches.get(db)?.clear()
}
