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
