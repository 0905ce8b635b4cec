import { htmlDocument, Layout } from '../platform/web/layout.tsx'
import type { AuditRow } from './audit.repository.ts'
import type { StaffUser } from './staff.ts'

export function loginPage(props: {
  next?: string | undefined
  error?: string | undefined
  email?: string | undefined
}) {
  return htmlDocument(
    <Layout title="Staff sign-in">
      <h1>Staff sign-in</h1>
      {props.error ? (
        <p class="error" role="alert">
          {props.error}
        </p>
      ) : null}
      <form method="post" action="/staff/login" class="stack">
        <label>
          E-mail
          <input
            type="email"
            name="email"
            required
            autocomplete="username"
            value={props.email ?? ''}
          />
        </label>
        <label>
          Password
          <input type="password" name="password" required autocomplete="current-password" />
        </label>
        <input type="hidden" name="next" value={props.next ?? '/staff'} />
        <button type="submit">Sign in</button>
      </form>
    </Layout>,
  )
}

export function setupPage(props: {
  token: string
  error?: string | undefined
  values?: { email?: string; name?: string }
}) {
  return htmlDocument(
    <Layout title="Set up Parley">
      <h1>Set up Parley</h1>
      <p>Create the owner account. This link works once, and only while no staff account exists.</p>
      {props.error ? (
        <p class="error" role="alert">
          {props.error}
        </p>
      ) : null}
      <form method="post" action="/staff/setup" class="stack">
        <input type="hidden" name="token" value={props.token} />
        <label>
          Your name
          <input name="name" required autocomplete="name" value={props.values?.name ?? ''} />
        </label>
        <label>
          E-mail
          <input
            type="email"
            name="email"
            required
            autocomplete="username"
            value={props.values?.email ?? ''}
          />
        </label>
        <label>
          Password (at least 12 characters)
          <input
            type="password"
            name="password"
            required
            minlength={12}
            autocomplete="new-password"
          />
        </label>
        <button type="submit">Create owner account</button>
      </form>
    </Layout>,
  )
}

export function setupClosedPage() {
  return htmlDocument(
    <Layout title="Setup link not valid">
      <h1>This setup link is not valid</h1>
      <p>
        It was used already, it expired, or staff accounts exist. Sign in at{' '}
        <a href="/staff/login">/staff/login</a>, or ask an owner to add you with{' '}
        <code>npx parley staff add</code>.
      </p>
    </Layout>,
  )
}

export function deskPage(props: {
  staff: StaffUser
  members: StaffUser[]
  audit: AuditRow[]
  negotiations: { slug: string; title: string }[]
}) {
  return htmlDocument(
    <Layout title="Desk" staff={props.staff}>
      <h1>Desk</h1>
      <p>
        Signed in as {props.staff.name} ({props.staff.role}).
      </p>
      <h2>Work</h2>
      <ul>
        <li>
          <a href="/staff/articles">Articles</a> — write, preview, publish, correct
        </li>
        <li>
          <a href="/staff/newsletters">Newsletters</a> — issues sent and their deliveries
        </li>
        <li>
          <a href="/staff/sources">Sources</a> — add, archive and edit the ledger;{' '}
          <a href="/staff/claims/new">record a claim</a>
        </li>
        <li>
          <a href="/staff/forecasts">Forecasts</a> — ask questions, record forecasts and evidence,
          resolve
        </li>
        {props.negotiations.map((n) => (
          <li>
            <a href={`/negotiations/${n.slug}/edit`}>{n.title}</a> — parties, roles, issues, weights
            and positions
          </li>
        ))}
        <li>
          <a href="/staff/timeline/import">Import strike or event data</a>
        </li>
        {props.staff.role === 'owner' ? (
          <li>
            <a href="/staff/inbox">Inbox</a> — mail caught by the embedded server
          </li>
        ) : null}
      </ul>
      <h2>Staff</h2>
      <ul>
        {props.members.map((m) => (
          <li>
            {m.name} — {m.email} <span class="tag">{m.role}</span>
          </li>
        ))}
      </ul>
      <h2>Recent changes</h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
            </tr>
          </thead>
          <tbody>
            {props.audit.map((row) => (
              <tr>
                <td>{row.at.toISOString().replace('T', ' ').slice(0, 19)}</td>
                <td>{row.actor}</td>
                <td>
                  {row.action} {row.entity}
                  {row.entityId ? ` #${row.entityId}` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>,
  )
}
