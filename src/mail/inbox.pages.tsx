import { htmlDocument, Layout } from '../platform/web/layout.tsx'
import type { StaffUser } from '../staff/staff.ts'
import type { InboxMessage, InboxSummary } from './inbox.repository.ts'

function when(at: Date): string {
  return `${at.toISOString().replace('T', ' ').slice(0, 19)} UTC`
}

/** The caught mail, newest first. */
export function inboxPage(props: {
  staff: StaffUser
  messages: InboxSummary[]
  to?: string | undefined
  delivery: 'embedded' | 'smtp'
}) {
  return htmlDocument(
    <Layout title="Inbox" staff={props.staff}>
      <h1>Inbox</h1>
      {props.delivery === 'smtp' ? (
        <p class="notice">
          Mail goes out through the SMTP server in <code>SMTP_URL</code>; nothing new is caught
          here. Messages below were caught before it was set.
        </p>
      ) : (
        <p class="prose">
          No <code>SMTP_URL</code> is set, so the embedded inbox catches every message Parley sends
          — sign-up and sign-in links included. Set <code>SMTP_URL</code> to deliver mail.
        </p>
      )}
      <form method="get" action="/staff/inbox" class="stack" aria-label="Filter by recipient">
        <label>
          Recipient
          <input type="email" name="to" value={props.to ?? ''} />
        </label>
        <button type="submit">Filter</button>
      </form>
      {props.messages.length === 0 ? (
        <p>No messages{props.to ? ` to ${props.to}` : ''}.</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Received</th>
                <th scope="col">To</th>
                <th scope="col">Subject</th>
              </tr>
            </thead>
            <tbody>
              {props.messages.map((m) => (
                <tr>
                  <td>{when(m.receivedAt)}</td>
                  <td>{m.envelopeTo.join(', ')}</td>
                  <td>
                    <a href={`/staff/inbox/${m.id}`}>{m.subject || '(no subject)'}</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>,
  )
}

const URL_IN_TEXT = /https?:\/\/[^\s<>"]+/g

/** The text body with its web addresses made clickable; everything else stays plain text. */
function TextBody(props: { text: string }) {
  const parts: (string | { url: string })[] = []
  let last = 0
  for (const match of props.text.matchAll(URL_IN_TEXT)) {
    parts.push(props.text.slice(last, match.index), { url: match[0] })
    last = match.index + match[0].length
  }
  parts.push(props.text.slice(last))
  return (
    <pre class="mail">
      {parts.map((part) => (typeof part === 'string' ? part : <a href={part.url}>{part.url}</a>))}
    </pre>
  )
}

export function inboxMessagePage(props: { staff: StaffUser; message: InboxMessage }) {
  const m = props.message
  return htmlDocument(
    <Layout title={m.subject || 'Message'} staff={props.staff}>
      <p class="meta">
        <a href="/staff/inbox">Inbox</a>
      </p>
      <h1>{m.subject || '(no subject)'}</h1>
      <dl class="facts">
        <dt>Received</dt>
        <dd>{when(m.receivedAt)}</dd>
        <dt>From</dt>
        <dd>{m.fromHeader ?? m.envelopeFrom ?? '—'}</dd>
        <dt>To</dt>
        <dd>{m.envelopeTo.join(', ')}</dd>
        <dt>Size</dt>
        <dd>{m.size.toLocaleString('en-GB')} bytes</dd>
      </dl>
      <h2>Text</h2>
      {m.text ? <TextBody text={m.text} /> : <p class="muted">No text part.</p>}
      {m.headers && m.headers.length > 0 ? (
        <details>
          <summary>Headers</summary>
          <TextBody text={m.headers.map(([name, value]) => `${name}: ${value}`).join('\n')} />
        </details>
      ) : null}
      {m.html ? (
        <p>
          <a href={`/staff/inbox/${m.id}/html`}>The HTML part</a>, as sent (scripts cannot run).
        </p>
      ) : null}
    </Layout>,
  )
}
