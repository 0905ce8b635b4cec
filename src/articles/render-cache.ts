/**
 * The render cache's memory: published articles kept in this process, so that a reader's request
 * does not reach the database. An entry is trusted for REVALIDATE_MS, then checked with one
 * indexed lookup of the article's `render_rev` and reloaded only when that moved
 * (served-articles.repository.ts). Writes in this process forget the entry at once; writes by
 * another process (several servers on one PostgreSQL, or the CLI) show within REVALIDATE_MS. See
 * docs/decisions (render cache).
 */
export const REVALIDATE_MS = 1000

/** A cached value, the `render_rev` it was loaded at, and when (performance.now(), ms) it was last checked. */
export interface CacheEntry<T> {
  rev: number
  checkedAt: number
  value: T
}

// Keyed by the database handle: each app (and each test's database) has its own cache, and the
// cache goes when the handle does.
const caches = new WeakMap<object, Map<string, CacheEntry<unknown>>>()

function cacheOf(owner: object): Map<string, CacheEntry<unknown>> {
  let cache = caches.get(owner)
  if (!cache) {
    cache = new Map()
    caches.set(owner, cache)
  }
  return cache
}

/** Whether an entry can be served without asking the database. */
export function isFresh(entry: CacheEntry<unknown>, nowMs: number): boolean {
  return nowMs - entry.checkedAt < REVALIDATE_MS
}

/** The entry for `slug` in the cache of `owner` (the database handle), fresh or not. */
export function cachedEntry<T>(owner: object, slug: string): CacheEntry<T> | undefined {
  return caches.get(owner)?.get(slug) as CacheEntry<T> | undefined
}

/** Keeps a value loaded at `rev`, checked now. */
export function remember<T>(owner: object, slug: string, entry: CacheEntry<T>): void {
  cacheOf(owner).set(slug, entry)
}

/** Drops an article from this process's cache after a write (publication, correction, render). */
export function forgetServedArticle(owner: object, slug: string): void {
  caches.get(owner)?.delete(slug)
}

/**
 * Drops every article from this process's cache: another process wrote to the database, and which
 * articles it rendered again is not known here (the CLI through the server's socket, 0008).
 */
export function forgetAllServedArticles(owner: object): void {
  caches.get(owner)?.clear()
}
