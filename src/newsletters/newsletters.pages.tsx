import { When } from '../articles/articles.pages.tsx'
import { htmlDocument, Layout } from '../platform/web/layout.tsx'
import type { StaffUser } from '../staff/staff.ts'
import type { IssueKind } from './newsletter.ts'
import type { IssueSummary } from './newsletters.repository.ts'

const kindLabels: Record<IssueKind, string> = {
  article: 'article',
  correction: 'correction notice',
}

export interface PreviewProps {
  staff: StaffUser
  article: { id: number; title: string; slug: string }
  version: { id: number; number: number }
  kind: IssueKind
  from: string
  subject: string
  /** The e-mail's HTML body with a sample footer, as a member receives it. */
  html: string
  text: string
  headers: Record<string, string>
  recipients: number
  refusal?: string | undefined
  error?: string | undefined
}

/** What members will receive, to how many, and the button that sends it. */
export function newsletterPreviewPage(props: PreviewProps) {
  const correction = props.kind === 'correction'
  const canSend = !props.refusal && props.recipients > 0
  return htmlDocument(
    <Layout title={`Newsletter: ${props.article.title}`} staff={props.staff}>
      <p class="meta">
        <a href={`/staff/articles/${props.article.id}`}>Back to the article</a> ·{' '}
        <a href="/staff/newsletters">Newsletters sent</a>
      </p>
      <h1>Send as the newsletter</h1>
      {props.error ? (
        <p class="error" role="alert">
          {props.error}
        </p>
      ) : null}
      {props.refusal ? (
        <p class="error" role="alert">
          {props.refusal}
        </p>
      ) : null}
      <dl class="facts">
        <dt>Article</dt>
        <dd>
          {props.article.title}, version {props.version.number}
        </dd>
        <dt>As</dt>
        <dd>{kindLabels[props.kind]}</dd>
        <dt>From</dt>
        <dd>{props.from}</dd>
        <dt>Subject</dt>
        <dd>{props.subject}</dd>
        <dt>To</dt>
        <dd>
          <strong>{props.recipients.toLocaleString('en-GB')}</strong>{' '}
          {props.recipients === 1 ? 'member' : 'members'} with the newsletter on
        </dd>
      </dl>
      {correction && !props.refusal ? (
        <p class="notice">
          An earlier version of this article went out as the newsletter. This version goes as a
          correction notice: the subject starts with "Correction:" and the e-mail opens with what
          changed, from the corrections log.
        </p>
      ) : null}
      {canSend ? (
        <form
          method="post"
          action={`/staff/articles/${props.article.id}/newsletter`}
          class="stack"
          aria-label="Send the newsletter"
        >
          <input type="hidden" name="versionId" value={String(props.version.id)} />
          <input type="hidden" name="kind" value={props.kind} />
          <button type="submit">
            {correction ? 'Send the correction notice' : 'Send'} to{' '}
            {props.recipients.toLocaleString('en-GB')}{' '}
            {props.recipients === 1 ? 'member' : 'members'}
          </button>
          <p class="meta">
            A version goes out once. Mail leaves in small batches within a minute or two; failures
            are retried. Follow it on the <a href="/staff/newsletters">newsletters page</a>.
          </p>
        </form>
      ) : props.recipients === 0 && !props.refusal ? (
        <p class="meta">No member has the newsletter on, so there is nobody to send it to.</p>
      ) : null}

      <section class="preview" aria-labelledby="mail-html">
        <h2 id="mail-html">The e-mail (HTML part)</h2>
        <p class="meta">
          As a member receives it, with the source links. Each copy ends with that member's own
          unsubscribe link.
        </p>
        <article class="article">
          <div dangerouslySetInnerHTML={{ __html: props.html }} />
        </article>
      </section>
      <section aria-labelledby="mail-text">
        <h2 id="mail-text">The text part</h2>
        <pre class="mail">{props.text}</pre>
      </section>
      <section aria-labelledby="mail-headers">
        <h2 id="mail-headers">Headers</h2>
        <pre class="mail">
          {Object.entries(props.headers)
            .map(([name, value]) => `${name}: ${value}`)
            .join('\n')}
        </pre>
      </section>
    </Layout>,
  )
}

/** Every issue with its deliveries counted: sent, queued, failed, skipped. */
export function newslettersPage(props: {
  staff: StaffUser
  issues: readonly IssueSummary[]
  canRetry: boolean
  notice?: string | undefined
}) {
  return htmlDocument(
    <Layout title="Newsletters" staff={props.staff}>
      <p class="meta">
        <a href="/staff">Desk</a> · <a href="/staff/articles">Articles</a>
      </p>
      <h1>Newsletters</h1>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <p class="prose">
        A published article is sent from its page on the desk. Queued mail goes out in small
        batches; a failed try is retried after 1, 5, 25 and 125 minutes, then the delivery is marked
        failed. Skipped: the member turned the newsletter off before their copy went.
      </p>
      {props.issues.length === 0 ? (
        <p>No newsletter has been sent yet.</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Sent</th>
                <th scope="col">Article</th>
                <th scope="col">Recipients</th>
                <th scope="col">Delivered</th>
                <th scope="col">Queued</th>
                <th scope="col">Failed</th>
                <th scope="col">Skipped</th>
              </tr>
            </thead>
            <tbody>
              {props.issues.map((i) => (
                <tr>
                  <td>
                    <When at={i.createdAt} withTime />
                    <div class="meta">by {i.sentBy}</div>
                  </td>
                  <td>
                    <a href={`/staff/articles/${i.articleId}`}>{i.subject}</a>
                    <div class="meta">
                      version {i.versionNumber} · {kindLabels[i.kind]}
                    </div>
                  </td>
                  <td>{i.recipientCount}</td>
                  <td>{i.sent}</td>
                  <td>{i.queued}</td>
                  <td>
                    {i.failed}
                    {props.canRetry && i.failed > 0 ? (
                      <form
                        method="post"
                        action={`/staff/newsletters/${i.id}/retry`}
                        class="inline-form"
                      >
                        <button type="submit" class="secondary">
                          Try the failed again
                        </button>
                      </form>
                    ) : null}
                  </td>
                  <td>{i.skipped}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {props.issues.some((i) => i.lastError) ? (
        <>
          <h2>Last errors</h2>
          <ul>
            {props.issues
              .filter((i) => i.lastError)
              .map((i) => (
                <li>
                  {i.subject}: <code>{i.lastError}</code>
                </li>
              ))}
          </ul>
        </>
      ) : null}
    </Layout>,
  )
}

/**
 * The page an unsubscribe link opens. The button (a POST) turns the newsletter off: link
 * scanners fetch addresses, they do not press buttons.
 */
export function unsubscribePage(props: {
  staff?: StaffUser | undefined
  token: string
  email: string
  on: boolean
}) {
  return htmlDocument(
    <Layout title="Unsubscribe" staff={props.staff}>
      <h1>Stop the newsletter</h1>
      {props.on ? (
        <>
          <p class="prose">
            Stop sending the Parley newsletter to <strong>{props.email}</strong>? Your membership
            and the unlocked source links stay.
          </p>
          <form
            method="post"
            action={`/newsletter/unsubscribe?token=${encodeURIComponent(props.token)}`}
            class="stack"
          >
            <input type="hidden" name="token" value={props.token} />
            <button type="submit">Unsubscribe</button>
          </form>
        </>
      ) : (
        <p class="notice" role="status">
          The newsletter is already off for {props.email}. Turn it back on from{' '}
          <a href="/account">your account</a>.
        </p>
      )}
    </Layout>,
  )
}

export function unsubscribedPage(props: { staff?: StaffUser | undefined; email: string }) {
  return htmlDocument(
    <Layout title="Unsubscribed" staff={props.staff}>
      <h1>You are unsubscribed</h1>
      <p class="notice" role="status">
        No more newsletters go to {props.email}. Your membership and the unlocked source links stay;
        turn the newsletter back on from <a href="/account">your account</a>, or delete the account
        there.
      </p>
    </Layout>,
  )
}

export function unsubscribeInvalidPage(props: { staff?: StaffUser | undefined }) {
  return htmlDocument(
    <Layout title="This link does not work" staff={props.staff}>
      <h1>This unsubscribe link does not work</h1>
      <p class="prose">
        It was not copied whole, or the account it belonged to was deleted. Nothing was changed.
        Members can turn the newsletter off from <a href="/account">their account</a>.
      </p>
    </Layout>,
  )
}
