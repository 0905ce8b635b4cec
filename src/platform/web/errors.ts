import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { ErrorCode } from '../errors.ts'

/** HTTP status for each error code; a new code without a status fails the type check. */
export const statusOf = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  locked: 423,
  rate_limited: 429,
  unavailable: 503,
} as const satisfies Record<ErrorCode, ContentfulStatusCode>

/** CLI exit status for each error code (2 is kept for bad settings and usage). */
export const exitCodeOf = {
  invalid_input: 3,
  unauthenticated: 4,
  forbidden: 4,
  not_found: 5,
  conflict: 6,
  payload_too_large: 3,
  locked: 7,
  rate_limited: 8,
  unavailable: 9,
} as const satisfies Record<ErrorCode, number>
