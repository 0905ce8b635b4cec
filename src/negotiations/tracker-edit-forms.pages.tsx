import type { TrackerData } from './actions/load-progress.ts'
import type { DocumentView } from './negotiations.repository.ts'
import { Roles } from './progress.ts'
import type { RoleView } from './tracker.repository.ts'

/** The staff edit page's forms for parties, their roles and the issues. */

/** Why a form was refused: its message, and the fields at fault. */
export interface FormError {
  form: string
  message: string
  details: { path?: string; message: string }[]
}

/** What every form of the page needs: where it posts, and the values of a refused form to show again. */
export interface FormProps {
  data: TrackerData
  document: DocumentView
  base: string
  /** The value a refused form was sent with, for the form that was refused; the fallback otherwise. */
  v: (form: string, field: string, fallback?: string) => string
  error: FormError | undefined
}

export function ErrorBox(props: { form: string; error: FormError | undefined }) {
  const { error } = props
  return error?.form === props.form ? (
    <div class="error" role="alert">
      <p>{error.message}</p>
      <ul>
        {error.details.map((d) => (
          <li>
            {d.path ? <strong>{d.path}</strong> : null}
            {d.path ? ': ' : ''}
            {d.message}
          </li>
        ))}
      </ul>
    </div>
  ) : null
}

export const partyName = (data: TrackerData, key: string) =>
  data.actors.find((a) => a.key === key)?.name ?? key

export function RoleForm(props: FormProps) {
  const { data, base, v } = props
  return (
    <>
      <h2 id="add-role">Add a role period</h2>
      <p class="prose">
        Parties are actors with roles. Name an existing actor by key, or give a new key with a name
        and kind to add one.
      </p>
      <ErrorBox form="role" error={props.error} />
      <form method="post" action={`${base}/role`} class="stack">
        <label>
          Actor key
          <input name="actor" required value={v('role', 'actor')} list="actor-keys" />
          <datalist id="actor-keys">
            {data.actors
              .filter((a) => a.kind !== 'person')
              .map((a) => (
                <option value={a.key}>{a.name}</option>
              ))}
          </datalist>
        </label>
        <label>
          Name (new actors only)
          <input name="name" value={v('role', 'name')} />
        </label>
        <label>
          Kind (new actors only)
          <select name="kind">
            <option value="">—</option>
            <option value="state">state</option>
            <option value="organisation">organisation</option>
            <option value="person">person</option>
            <option value="armed-group">armed group</option>
            <option value="group">group</option>
          </select>
        </label>
        <label>
          Role
          <select name="role" required>
            {Roles.map((role) => (
              <option value={role} selected={v('role', 'role') === role}>
                {role}
              </option>
            ))}
          </select>
        </label>
        <label>
          From (YYYY-MM-DD)
          <input name="from" required value={v('role', 'from')} />
        </label>
        <label>
          To (YYYY-MM-DD, empty while it lasts)
          <input name="to" value={v('role', 'to')} />
        </label>
        <label>
          Note
          <input name="note" value={v('role', 'note')} />
        </label>
        <label>
          Source keys
          <input name="sources" value={v('role', 'sources')} />
        </label>
        <button type="submit">Add role</button>
      </form>
    </>
  )
}

/** A role period's controls on the edit page: set its last day, or remove it. */
export function RoleControls(props: { role: RoleView; base: string }) {
  const { role, base } = props
  return (
    <>
      <form method="post" action={`${base}/role-end`} class="role-end">
        <input type="hidden" name="id" value={String(role.id)} />
        <label>
          Last day
          <input name="to" value={role.toOn ?? ''} placeholder="YYYY-MM-DD" size={10} />
        </label>
        <button type="submit" class="link">
          Set
        </button>
      </form>
      <form method="post" action={`${base}/role-delete`} class="inline">
        <input type="hidden" name="id" value={String(role.id)} />
        <button type="submit" class="link">
          Remove
        </button>
      </form>
    </>
  )
}

export function IssueForms(props: FormProps) {
  const { data, document: doc, base, v } = props
  return (
    <>
      <h2 id="issues">Issues</h2>
      <ErrorBox form="issue" error={props.error} />
      <form method="post" action={`${base}/issue`} class="stack">
        <label>
          Key (an existing key updates that issue)
          <input name="key" required value={v('issue', 'key')} list="issue-keys" />
          <datalist id="issue-keys">
            {data.issues.map((i) => (
              <option value={i.key}>{i.title}</option>
            ))}
          </datalist>
        </label>
        <label>
          Title
          <input name="title" required value={v('issue', 'title')} />
        </label>
        <label>
          Summary
          <textarea name="summary" rows={3} required>
            {v('issue', 'summary')}
          </textarea>
        </label>
        <label>
          Latest status
          <input name="statusLatest" value={v('issue', 'statusLatest')} />
        </label>
        <label class="check">
          <input type="checkbox" name="core" /> Core issue
        </label>
        <label class="check">
          <input type="checkbox" name="divisible" checked /> Divisible (can be settled in parts)
        </label>
        <button type="submit">Save issue</button>
      </form>
      <ErrorBox form="provision-issue" error={props.error} />
      <form method="post" action={`${base}/provision-issue`} class="filters">
        <input type="hidden" name="document" value={doc.key} />
        <label>
          Point
          <select name="point">
            {doc.provisions.map((p) => (
              <option value={String(p.number)}>
                {p.number}. {p.topic} ({p.issueKey ?? 'no issue'})
              </option>
            ))}
          </select>
        </label>
        <label>
          belongs to
          <select name="issue">
            <option value="">no issue</option>
            {data.issues.map((i) => (
              <option value={i.key}>{i.title}</option>
            ))}
          </select>
        </label>
        <button type="submit">Assign</button>
      </form>
    </>
  )
}
