import type { ErrorDetail } from '../errors.ts'
import { isAppError } from '../errors.ts'
import { statusOf } from './errors.ts'

/** What went wrong with a desk form, shown beside it. */
export interface FormProblem {
  message: string
  details: readonly ErrorDetail[]
}

export function Problem(props: { problem?: FormProblem | undefined }) {
  if (!props.problem) return null
  return (
    <div class="error" role="alert">
      <p>{props.problem.message}</p>
      {props.problem.details.length > 0 ? (
        <ul>
          {props.problem.details.map((d) => (
            <li>
              {d.path ? <code>{d.path}</code> : null} {d.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}

export function Notice(props: { text?: string | undefined }) {
  return props.text ? (
    <p class="notice" role="status">
      {props.text}
    </p>
  ) : null
}

export type Values = Record<string, string>

export function Field(props: {
  name: string
  label: string
  value?: string | undefined
  type?: string
  required?: boolean
  placeholder?: string
}) {
  return (
    <label>
      {props.label}
      <input
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value ?? ''}
        required={props.required}
        placeholder={props.placeholder}
      />
    </label>
  )
}

/** A string field of a parsed form; files and absent fields are left out. */
export function formValues(body: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(body)) if (typeof value === 'string') out[name] = value
  return out
}

/**
 * A refused form write as the problem to show beside the form and the status to answer with;
 * anything but our own errors is rethrown, to be answered as a 500.
 */
export function problemOf(error: unknown): {
  problem: FormProblem
  status: (typeof statusOf)[keyof typeof statusOf]
} {
  if (!isAppError(error)) throw error
  return {
    problem: { message: error.message, details: error.details },
    status: statusOf[error.code],
  }
}
