import { ConfigError } from '../config.ts'
import { type ErrorCode, isAppError } from '../errors.ts'
import { UsageError } from './command.ts'

/** CLI and server exit status for each error code; a new code without a status fails the type check. */
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

/**
 * Every other status a Parley process ends with: 0 done, 1 an unexpected failure, 2 a bad
 * setting or a usage mistake (help without a command included). With `exitCodeOf`, the one table
 * of exit statuses for the server (src/main.ts) and the CLI (src/app/run-cli.ts).
 */
export const exitStatus = { ok: 0, failed: 1, usage: 2 } as const

/** The status to exit with after `error`. */
export function exitStatusOf(error: unknown): number {
  if (isAppError(error)) return exitCodeOf[error.code]
  if (error instanceof ConfigError || error instanceof UsageError) return exitStatus.usage
  return exitStatus.failed
}
