import { htmlDocument, Layout } from '../platform/web/layout.tsx'
import type { StaffUser } from '../staff/staff.ts'
import type { ImportReport } from './datasets.ts'
import { number } from './timeline.pages.tsx'

/** Staff: upload a strike file or an event table; the same report as the CLI. */
export function importPage(props: {
  staff: StaffUser | undefined
  report?: ImportReport | undefined
  error?: { message: string; details: readonly { path?: string; message: string }[] } | undefined
}) {
  return htmlDocument(
    <Layout title="Import strike or event data" staff={props.staff}>
      <h1>Import strike or event data</h1>
      {props.error ? (
        <div class="error" role="alert">
          <p>{props.error.message}</p>
          {props.error.details.length > 0 ? (
            <ul class="problems">
              {props.error.details.map((d) => (
                <li>
                  {d.path ? <strong>{d.path}: </strong> : null}
                  {d.message}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {props.report ? <ImportReportView report={props.report} /> : null}
      <form
        method="post"
        action="/staff/timeline/import"
        enctype="multipart/form-data"
        class="stack"
      >
        <label>
          Kind of file
          <select name="format">
            <option value="strikes">Strikes: "Massive Missile Attacks on Ukraine" CSV</option>
            <option value="gdelt">Events: GDELT 2.0 export</option>
            <option value="csv">Events: any CSV, with a mapping file</option>
          </select>
        </label>
        <label>
          File
          <input type="file" name="file" required />
        </label>
        <label>
          Weapon table (strikes, optional: missiles_and_uavs.csv)
          <input type="file" name="weapons" />
        </label>
        <label>
          Mapping (CSV events: MAPPING.json)
          <input type="file" name="mapping" />
        </label>
        <label class="check">
          <input type="checkbox" name="skipBadRows" value="1" /> Skip bad rows (each one is listed)
        </label>
        <button type="submit">Import</button>
      </form>
      <p class="meta">
        The import is one transaction: a bad row refuses the whole file unless bad rows are skipped.
        Importing the same file twice adds nothing; a corrected row updates its record.
      </p>
    </Layout>,
  )
}

function ImportReportView(props: { report: ImportReport }) {
  const r = props.report
  return (
    <div class="notice" role="status">
      <p>
        <strong>{r.dataset}</strong> ({r.format}): {number.format(r.rows)} rows read —{' '}
        {number.format(r.inserted)} inserted, {number.format(r.updated)} updated,{' '}
        {number.format(r.unchanged)} unchanged, {number.format(r.skipped.length)} skipped
        {r.nights === undefined ? '' : `; ${number.format(r.nights)} nights recomputed`}.
      </p>
      {r.skipped.length > 0 ? (
        <ul class="problems">
          {r.skipped.map((s) => (
            <li>
              line {s.line}: {s.problems.map((p) => `${p.column}: ${p.message}`).join('; ')}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}
