/** The closed set of error codes. Each maps to an HTTP status (web/errors.ts) and a CLI exit status. */
export type ErrorCode =
  | 'invalid_input'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'payload_too_large'
  | 'unavailable'
  | 'locked'

export interface ErrorDetail {
  /** Where the problem is: a field name, a JSON path (`$.a[0]`) or `line 12, column date`. */
  path?: string
  message: string
}

/** An error that is safe to show: its message is written for the user who caused it. */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly details: readonly ErrorDetail[]

  constructor(code: ErrorCode, message: string, details: readonly ErrorDetail[] = []) {
    super(message)
    this.name = 'AppError'
    this.code = code
    this.details = details
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError
}

/** Turns zod issues into details that name the field. */
export function detailsFromZod(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
) {
  return issues.map((issue) => ({
    path: issue.path.length === 0 ? '(body)' : issue.path.map(String).join('.'),
    message: issue.message,
  }))
}

export function invalidInput(message: string, details: readonly ErrorDetail[] = []): AppError {
  return new AppError('invalid_input', message, details)
}

export function notFound(what: string): AppError {
  return new AppError('not_found', `${what} not found`)
}
