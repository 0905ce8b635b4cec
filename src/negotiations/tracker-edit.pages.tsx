import { htmlDocument, Layout } from '../platform/web/layout.tsx'
import { NegotiationNav } from '../platform/web/ui.tsx'
import type { StaffUser } from '../staff/staff.ts'
import type { TrackerData } from './actions/load-progress.ts'
import { RoleTable } from './architecture.pages.tsx'
import type { DocumentView } from './negotiations.repository.ts'
import { Levels, levelLabels } from './progress.ts'
import {
  ErrorBox,
  type FormError,
  type FormProps,
  IssueForms,
  partyName,
  RoleControls,
  RoleForm,
} from './tracker-edit-forms.pages.tsx'

// ——— The staff edit page ———

export interface EditPageProps {
  data: TrackerData
  document: DocumentView
  staff: StaffUser
  notice?: string | undefined
  error?: FormError
  values?: Record<string, string>
}

function PositionForm(props: FormProps) {
  const { data, document: doc, base, v } = props
  const parties = [...new Set(data.roles.map((r) => r.actorKey))]
  const name = (key: string) => partyName(data, key)
  return (
    <>
      <h2 id="add-position">Record a position</h2>
      <ErrorBox form="position" error={props.error} />
      <form method="post" action={`${base}/position`} class="stack">
        <input type="hidden" name="document" value={doc.key} />
        <label>
          Point
          <select name="point" required>
            {doc.provisions.map((p) => (
              <option
                value={String(p.number)}
                selected={v('position', 'point') === String(p.number)}
              >
                {p.number}. {p.topic}
              </option>
            ))}
          </select>
        </label>
        <label>
          Party
          <select name="party" required>
            {parties.map((party) => (
              <option value={party} selected={v('position', 'party') === party}>
                {name(party)}
              </option>
            ))}
          </select>
        </label>
        <label>
          On (YYYY-MM-DD)
          <input name="on" required value={v('position', 'on')} placeholder="2026-01-22" />
        </label>
        <label>
          Level
          <select name="level" required>
            {Levels.map((level) => (
              <option value={String(level)} selected={v('position', 'level') === String(level)}>
                {level} · {levelLabels[level]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Note
          <textarea name="note" rows={2}>
            {v('position', 'note')}
          </textarea>
        </label>
        <label>
          Source keys (comma-separated)
          <input name="sources" required value={v('position', 'sources')} />
        </label>
        <button type="submit">Save position</button>
      </form>
    </>
  )
}

function WeightsForm(props: FormProps & { staff: StaffUser }) {
  const { data, document: doc, base, v, staff } = props
  const published = data.weightSets.filter((s) => s.documentId === doc.id).at(-1)
  const weightOf = (provisionId: number) =>
    published?.weights.find((w) => w.provisionId === provisionId)?.weight
  return (
    <>
      <h2 id="weights">Publish a weight set</h2>
      <p class="prose">
        A new set replaces the published weights of this version; earlier sets stay on record.
        {published
          ? ` Published now: ${published.key}, by ${published.setBy} on ${published.setOn}.`
          : ''}
      </p>
      <ErrorBox form="weights" error={props.error} />
      <form method="post" action={`${base}/weights`} class="stack">
        <input type="hidden" name="document" value={doc.key} />
        <div class="weights-grid">
          {doc.provisions.map((p) => (
            <label>
              {p.number}. {p.topic}
              <input
                name={`weight.${p.number}`}
                type="number"
                step="any"
                min="0"
                required
                value={v('weights', `weight.${p.number}`, String(weightOf(p.id) ?? ''))}
              />
            </label>
          ))}
        </div>
        <label>
          Set by
          <input name="setBy" value={v('weights', 'setBy', staff.name)} />
        </label>
        <label>
          Rationale
          <textarea name="rationale" rows={4} required>
            {v('weights', 'rationale')}
          </textarea>
        </label>
        <label class="check">
          <input type="checkbox" name="normalize" /> Rescale the weights to sum to 1
        </label>
        <button type="submit">Publish weights</button>
      </form>
    </>
  )
}

function RecordedPositions(props: FormProps) {
  const { data, document: doc, base } = props
  const name = (key: string) => partyName(data, key)
  return (
    <>
      <h2 id="recorded">Positions recorded on this version</h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Point</th>
              <th scope="col">Party</th>
              <th scope="col">On</th>
              <th scope="col">Level</th>
              <th scope="col">Sources</th>
              <th scope="col">Change</th>
            </tr>
          </thead>
          <tbody>
            {data.positions
              .filter((p) => p.documentId === doc.id)
              .map((p) => (
                <tr>
                  <td>{p.number}</td>
                  <td>{name(p.actorKey)}</td>
                  <td>{p.statedOn}</td>
                  <td>
                    {p.level} · {levelLabels[p.level]}
                  </td>
                  <td>{p.sources.map((s) => s.key).join(', ')}</td>
                  <td>
                    <form method="post" action={`${base}/position-delete`} class="inline">
                      <input type="hidden" name="id" value={String(p.id)} />
                      <button type="submit" class="link">
                        Delete
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      </div>
    </>
  )
}

export function editPage(props: EditPageProps) {
  const { data, document: doc, staff } = props
  const n = data.negotiation
  const base = `/negotiations/${n.slug}/edit`
  const v = (form: string, field: string, fallback = '') =>
    props.error?.form === form ? (props.values?.[field] ?? fallback) : fallback
  const forms: FormProps = { data, document: doc, base, v, error: props.error }
  return htmlDocument(
    <Layout title={`Edit — ${n.title}`} staff={staff}>
      <h1>Edit the tracker</h1>
      <p class="meta">
        <a href={`/negotiations/${n.slug}`}>{n.title}</a> — every change is recorded in the audit
        log and the measures change at once.
      </p>
      <NegotiationNav slug={n.slug} current="edit" staff />
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <form method="get" class="filters">
        <label>
          Version
          <select name="framework">
            {data.documents.map((d) => (
              <option value={d.key} selected={d.id === doc.id}>
                {d.title}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Edit this version</button>
      </form>

      <PositionForm {...forms} />
      <WeightsForm {...forms} staff={staff} />
      <RoleForm {...forms} />
      <RoleTable
        roles={data.roles}
        staffActions={(role) => <RoleControls role={role} base={base} />}
      />
      <IssueForms {...forms} />
      <RecordedPositions {...forms} />
    </Layout>,
  )
}
