import type { MiddlewareHandler } from 'hono'
import { AppError } from '../errors.ts'
import type { AppEnv } from './env.ts'

const KiB = 1024
const MiB = 1024 * KiB

/** A limit on request bodies, with the name its 413 message gives. */
export interface BodyLimit {
  bytes: number
  what: string
}

/**
 * What each kind of request may send (docs/limits.md). Everything not named below is a form or a
 * small JSON edit: 64 KiB holds the longest of them many times over.
 */
export const BODY_LIMITS = {
  form: { bytes: 64 * KiB, what: 'a form' },
  /** The article editor: the Markdown of one article and its fields. */
  article: { bytes: 2 * MiB, what: 'an article' },
  /** Staff edits through the JSON API and the tracker's forms (document texts, weight sets). */
  staffEdit: { bytes: 1 * MiB, what: 'an edit' },
  /** A CSL-JSON import of sources (`POST /api/sources/import`). */
  sourcesImport: { bytes: 16 * MiB, what: 'a source import' },
  /** Timeline CSV uploads (docs/timeline.md); the route checks the same figure. */
  upload: { bytes: 64 * MiB, what: 'an upload' },
} as const satisfies Record<string, BodyLimit>

// First match wins. Paths as Hono sees them (no query).
const NAMED: readonly [RegExp, BodyLimit][] = [
  [/^\/(staff\/timeline\/import|api\/timeline\/imports\/[^/]+)$/, BODY_LIMITS.upload],
  [/^\/api\/sources\/import$/, BODY_LIMITS.sourcesImport],
  [/^\/staff\/articles(\/[^/]+)?$/, BODY_LIMITS.article],
  // Sign-in and setup are open to anyone: they keep the form limit.
  [/^\/staff\/(login|logout|setup)$/, BODY_LIMITS.form],
  [/^\/(api|staff)\/|^\/negotiations\/[^/]+\/edit\//, BODY_LIMITS.staffEdit],
]

/** The limit for a request to `path`. */
export function bodyLimitFor(path: string): BodyLimit {
  for (const [pattern, limit] of NAMED) if (pattern.test(path)) return limit
  return BODY_LIMITS.form
}

function tooLarge(limit: BodyLimit): AppError {
  return new AppError(
    'payload_too_large',
    `${limit.what} may be at most ${formatBytes(limit.bytes)}; this request is larger`,
  )
}

function formatBytes(bytes: number): string {
  return bytes >= MiB ? `${bytes / MiB} MiB` : `${bytes / KiB} KiB`
}

/**
 * Refuses a body over its route's limit with 413, before it is read: a declared Content-Length
 * is checked at once (Node's parser holds the client to it); a chunked body is counted as the
 * handler reads it and cut off at the limit, never buffered here. The limit is decided by path
 * alone, ahead of sign-in checks, so an anonymous client cannot make the server hold a large body.
 */
export function bodyLimits(limitFor: (path: string) => BodyLimit = bodyLimitFor) {
  const middleware: MiddlewareHandler<AppEnv> = async (c, next) => {
    // A GET or HEAD carries no body; asking the request for one would build a full Request
    // object on every page view (the server's request is lazy), the cost of a cached page.
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next()
    const raw = c.req.raw
    if (!raw.body) return next()
    const limit = limitFor(c.req.path)
    const declared = raw.headers.get('content-length')
    if (declared !== null && /^\d+$/.test(declared) && !raw.headers.has('transfer-encoding')) {
      if (Number(declared) > limit.bytes) throw tooLarge(limit)
      return next()
    }
    let seen = 0
    let exceeded = false
    const counted = raw.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          seen += chunk.byteLength
          if (seen > limit.bytes) {
            exceeded = true
            controller.error(tooLarge(limit))
          } else controller.enqueue(chunk)
        },
      }),
    )
    c.req.raw = new Request(raw, { body: counted, duplex: 'half' } as RequestInit)
    await next()
    // A handler may have turned the read error into its own answer (e.g. "not valid JSON"):
    // the client is told the real reason.
    if (exceeded) throw tooLarge(limit)
  }
  return middleware
}
