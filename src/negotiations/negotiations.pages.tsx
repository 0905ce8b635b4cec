import type { Child } from 'hono/jsx'
import type { SourceAccess } from '../platform/web/auth.ts'
import { htmlDocument, Layout } from '../platform/web/layout.tsx'
import { Day } from '../platform/web/ui.tsx'
import { SourceList } from '../sources/source-links.tsx'
import type { StaffUser } from '../staff/staff.ts'
import type { EventWithLinks } from './events.repository.ts'
import type { DocumentView, IssueView, NegotiationRow } from './negotiations.repository.ts'

export function negotiationPage(props: {
  negotiation: NegotiationRow
  documents: DocumentView[]
  issues: IssueView[]
  events: EventWithLinks[]
  staff?: StaffUser | undefined
  /** The tracker's navigation and progress section, shown above the documents. */
  nav?: Child
  progress?: Child
  /** The published weight of each issue (the sum of its points' weights), when measured. */
  issueWeights?: ReadonlyMap<string, number>
  /** Members and staff: the original and archived links beside each source. */
  access?: SourceAccess | undefined
}) {
  const { negotiation: n, access } = props
  return htmlDocument(
    <Layout title={n.title} description={n.summary} staff={props.staff}>
      <h1>{n.title}</h1>
      <p class="prose">{n.summary}</p>
      <p class="meta">
        From <Day date={n.startedOn} />
        {n.endedOn ? (
          <>
            {' '}
            to <Day date={n.endedOn} />
          </>
        ) : (
          ' — ongoing'
        )}
        {n.attribution ? ` · ${n.attribution}` : ''}
      </p>
      {props.nav ?? null}
      <nav aria-label="On this page" class="meta">
        {props.progress ? (
          <>
            <a href="#progress">Progress</a> ·{' '}
          </>
        ) : null}
        <a href="#documents">Framework documents</a> · <a href="#issues">Issues</a> ·{' '}
        <a href="#events">Dated events</a>
      </nav>
      {props.progress ?? null}

      <h2 id="documents">Framework documents</h2>
      {props.documents.map((doc) => (
        <section aria-labelledby={`doc-${doc.key}`}>
          <h3 id={`doc-${doc.key}`}>
            {doc.title}{' '}
            <span class="meta">
              (<Day date={doc.datedOn} />, {doc.provisions.length} points)
            </span>
          </h3>
          {doc.textStatus ? <p class="meta">{doc.textStatus}</p> : null}
          <SourceList sources={doc.sources} access={access} />
          <ol class="points">
            {doc.provisions.map((p) => (
              <li value={p.number} id={`${doc.key}-${p.number}`}>
                <span class="tag">{p.topic}</span> {p.text}
                {p.uncertain ? <span class="tag">uncertain</span> : null}
                {p.reportedStatus ? (
                  <div class="meta">Status as reported: {p.reportedStatus}</div>
                ) : null}
                <SourceList sources={p.sources} access={access} />
              </li>
            ))}
          </ol>
        </section>
      ))}

      <IssueTable issues={props.issues} weights={props.issueWeights} access={access} />

      <EventList events={props.events} access={access} />
    </Layout>,
  )
}

/** The negotiation's issues, with their weight once measured. */
function IssueTable(props: {
  issues: IssueView[]
  weights?: ReadonlyMap<string, number> | undefined
  access?: SourceAccess | undefined
}) {
  const { access } = props
  return (
    <>
      <h2 id="issues">Issues</h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Issue</th>
              <th scope="col">What the drafts said</th>
              <th scope="col">Latest</th>
              {props.weights ? <th scope="col">Weight</th> : null}
            </tr>
          </thead>
          <tbody>
            {props.issues.map((issue) => (
              <tr id={`issue-${issue.key}`}>
                <th scope="row">
                  {issue.title}
                  {issue.core ? <div class="tag">core</div> : null}
                  {!issue.divisible ? <div class="tag">indivisible</div> : null}
                </th>
                <td>
                  {issue.summary}
                  <SourceList sources={issue.sources} access={access} />
                </td>
                <td>{issue.statusLatest ?? '—'}</td>
                {props.weights ? (
                  <td>
                    {props.weights.has(issue.key)
                      ? `${(props.weights.get(issue.key)! * 100).toFixed(1)}%`
                      : '—'}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  )
}

/** The dated events of the talks, oldest first. */
function EventList(props: { events: EventWithLinks[]; access?: SourceAccess | undefined }) {
  const { access } = props
  return (
    <>
      <h2 id="events">Dated events</h2>
      <ol class="points">
        {props.events.map((e) => (
          <li id={`event-${e.key}`}>
            <strong>
              <Day date={e.occurredOn} />
              {e.endedOn ? (
                <>
                  {'–'}
                  <Day date={e.endedOn} />
                </>
              ) : null}
            </strong>{' '}
            <span class="tag">{e.kind}</span> {e.title}
            {e.confidence === 'uncertain' ? <span class="tag">uncertain</span> : null}
            <div>{e.summary}</div>
            <SourceList sources={e.sources} access={access} />
          </li>
        ))}
      </ol>
    </>
  )
}
