import type { IssueSummary } from '../newsletters/newsletters.repository.ts'
import { htmlDocument, Layout } from '../platform/web/layout.tsx'
import type { StaffUser } from '../staff/staff.ts'
import type { ArticleStatus, ArticleVersion } from './article.ts'
import { DiffView, When } from './articles.pages.tsx'
import type { ArticleListItem, CorrectionRow } from './articles.repository.ts'
import { embedKinds } from './embeds.ts'
import type { MarkdownProblem } from './markdown.ts'

const statusLabels: Record<ArticleStatus, string> = {
  draft: 'draft',
  scheduled: 'scheduled',
  published: 'published',
}

export function deskArticlesPage(props: {
  staff: StaffUser
  articles: readonly ArticleListItem[]
  notice?: string | undefined
}) {
  return htmlDocument(
    <Layout title="Articles · Desk" staff={props.staff}>
      <h1>Articles</h1>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <p>
        <a href="/staff/articles/new">Write a new article</a> · <a href="/articles">Published</a> ·{' '}
        <a href="/corrections">Corrections log</a> · <a href="/staff/newsletters">Newsletters</a>
      </p>
      {props.articles.length === 0 ? <p>No articles yet.</p> : null}
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Title</th>
              <th scope="col">State</th>
              <th scope="col">By</th>
              <th scope="col">Changed</th>
            </tr>
          </thead>
          <tbody>
            {props.articles.map((a) => (
              <tr>
                <td>
                  <a href={`/staff/articles/${a.id}`}>{a.title}</a>
                  <div class="meta">/articles/{a.slug}</div>
                </td>
                <td>
                  <span class="tag">{statusLabels[a.status]}</span>
                  {a.status === 'scheduled' && a.scheduledFor ? (
                    <div class="meta">
                      for <When at={a.scheduledFor} withTime />
                    </div>
                  ) : null}
                  {a.publishedVersionNumber ? (
                    <div class="meta">version {a.publishedVersionNumber}</div>
                  ) : null}
                  {a.pendingChanges ? <div class="meta">unpublished changes</div> : null}
                </td>
                <td>{a.byline}</td>
                <td>
                  <When at={a.updatedAt} withTime />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>,
  )
}

export interface EditorValues {
  title: string
  slug: string
  summary: string
  body: string
  reason?: string | undefined
  at?: string | undefined
}

export interface EditorProps {
  staff: StaffUser
  /** Absent for a new article. */
  article?:
    | {
        id: number
        status: ArticleStatus
        scheduledFor: Date | null
        firstPublishedAt: Date | null
        publishedVersionNumber: number | null
      }
    | undefined
  values: EditorValues
  canPublish: boolean
  error?: { message: string; details: readonly { path?: string; message: string }[] } | undefined
  notice?: string | undefined
  preview?:
    | {
        problems: readonly MarkdownProblem[]
        memberFragment?: string | undefined
        publicFragment?: string | undefined
        sourceSummary?: string | undefined
      }
    | undefined
  versions?: readonly ArticleVersion[] | undefined
  corrections?: readonly CorrectionRow[] | undefined
  sourceKeys?: readonly { key: string; publisher: string | null; title: string | null }[]
  /** The article's newsletter issues and a pending "send when published". */
  newsletter?:
    | { issues: readonly IssueSummary[]; requested?: { by: string; at: Date } | undefined }
    | undefined
}

/** The editor: write, preview (rendered on the server, no script needed), save, publish. */
export function editorPage(props: EditorProps) {
  const a = props.article
  const action = a ? `/staff/articles/${a.id}` : '/staff/articles'
  const published = Boolean(a?.publishedVersionNumber)
  const everPublished = Boolean(a?.firstPublishedAt)
  return htmlDocument(
    <Layout title={a ? `Edit: ${props.values.title}` : 'New article'} staff={props.staff}>
      <p class="meta">
        <a href="/staff/articles">Articles</a>
        {a ? (
          <>
            {' · '}
            <span class="tag">{statusLabels[a.status]}</span>
            {a.status === 'scheduled' && a.scheduledFor ? (
              <>
                {' for '}
                <When at={a.scheduledFor} withTime />
              </>
            ) : null}
            {published ? (
              <>
                {' · '}
                <a href={`/articles/${props.values.slug}`}>as published</a>
              </>
            ) : null}
          </>
        ) : null}
      </p>
      <h1>{a ? 'Edit article' : 'New article'}</h1>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      {props.error ? (
        <div class="error" role="alert">
          <p>{props.error.message}</p>
          {props.error.details.length > 0 ? (
            <ul>
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
      {props.preview && props.preview.problems.length > 0 && !props.error ? (
        // Above the form, where the eye is after pressing Preview; the rendered preview is below.
        <div class="error" role="alert">
          <p>This text cannot be published yet:</p>
          <ul>
            {props.preview.problems.map((p) => (
              <li>
                {p.line > 0 ? <strong>line {p.line}: </strong> : null}
                {p.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <form method="post" action={action} class="editor">
        <label>
          Title
          <input name="title" required maxlength={300} value={props.values.title} />
        </label>
        <label>
          Slug (the address: /articles/…; from the title when empty
          {everPublished ? '; fixed once published' : ''})
          <input
            name="slug"
            value={props.values.slug}
            pattern="[a-z0-9]+(-[a-z0-9]+)*"
            readonly={everPublished}
          />
        </label>
        <label>
          Summary (lists, feeds, link previews)
          <textarea name="summary" rows={2} maxlength={600}>
            {props.values.summary}
          </textarea>
        </label>
        <label>
          Text (Markdown)
          <textarea name="body" rows={24} class="source-text" spellcheck>
            {props.values.body}
          </textarea>
        </label>
        <details class="help">
          <summary>How to cite and embed</summary>
          <ul>
            <li>
              <code>[@key]</code> cites a ledger source; <code>[@key, p. 4]</code> adds a locator;{' '}
              <code>[see @a; @b]</code> cites several. Notes are numbered in order of first
              citation; a source cited again keeps its number.
            </li>
            <li>
              An embed is a fenced block: <code>```parley-embed KIND name=value …</code>, an
              optional caption on the lines inside, then <code>```</code>. Kinds:{' '}
              {Object.entries(embedKinds).map(([name, spec], i) => (
                <>
                  {i > 0 ? '; ' : ''}
                  <code>
                    {name} {spec.usage}
                  </code>{' '}
                  ({spec.summary})
                </>
              ))}
              .
            </li>
            <li>HTML is allowed, but scripts, styles and event handlers are removed.</li>
          </ul>
          {props.sourceKeys && props.sourceKeys.length > 0 ? (
            <details>
              <summary>Source keys in the ledger ({props.sourceKeys.length})</summary>
              <ul class="keys">
                {props.sourceKeys.map((s) => (
                  <li>
                    <code>{s.key}</code> — {s.publisher ?? ''}
                    {s.title ? `: ${s.title}` : ''}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </details>
        <div class="buttons">
          <button type="submit" name="action" value="preview" class="secondary">
            Preview
          </button>
          <button type="submit" name="action" value="save">
            Save draft
          </button>
        </div>
        {props.canPublish ? (
          <fieldset class="publish">
            <legend>Publish</legend>
            {everPublished ? (
              <label>
                Why the published text changes (required; shown in the corrections log)
                <textarea name="reason" rows={2} maxlength={2000}>
                  {props.values.reason ?? ''}
                </textarea>
              </label>
            ) : null}
            <div class="buttons">
              <button type="submit" name="action" value="publish">
                {everPublished ? 'Save and publish the correction' : 'Save and publish now'}
              </button>
            </div>
            {everPublished ? null : (
              <>
                <div class="buttons">
                  <label>
                    Or publish at (UTC)
                    <input type="datetime-local" name="at" value={props.values.at ?? ''} />
                  </label>
                  <button type="submit" name="action" value="schedule" class="secondary">
                    Save and schedule
                  </button>
                </div>
                <label class="check">
                  <input type="checkbox" name="newsletter" value="yes" /> and send it as the
                  newsletter when it is published
                </label>
              </>
            )}
          </fieldset>
        ) : (
          <p class="meta">An editor publishes; you can save drafts and preview.</p>
        )}
      </form>
      {props.canPublish && a && a.status !== 'draft' ? (
        <form method="post" action={`/staff/articles/${a.id}/unpublish`} class="inline-form">
          <button type="submit" class="secondary">
            {a.status === 'scheduled' ? 'Cancel the schedule' : 'Withdraw from the site'}
          </button>
        </form>
      ) : null}

      {props.canPublish && a && props.newsletter ? (
        <NewsletterSection article={a} newsletter={props.newsletter} />
      ) : null}

      {props.preview ? (
        <section class="preview" aria-labelledby="preview-title">
          <h2 id="preview-title">Preview</h2>
          {props.preview.problems.length > 0 ? (
            <p class="meta">The text cannot be drawn until the problems listed above are fixed.</p>
          ) : null}
          {props.preview.memberFragment ? (
            <>
              <p class="meta">As members see it. {props.preview.sourceSummary}.</p>
              <article class="article">
                <h1>{props.values.title}</h1>
                <div dangerouslySetInnerHTML={{ __html: props.preview.memberFragment }} />
              </article>
              <details>
                <summary>As everyone else sees it (no links to sources)</summary>
                <article class="article">
                  <div dangerouslySetInnerHTML={{ __html: props.preview.publicFragment ?? '' }} />
                </article>
              </details>
            </>
          ) : null}
        </section>
      ) : null}

      {props.versions && props.versions.length > 0 ? (
        <section aria-labelledby="versions-title">
          <h2 id="versions-title">Published versions</h2>
          <ol>
            {props.versions.map((v) => (
              <li value={v.number}>
                <When at={v.publishedAt} withTime /> by {v.publishedBy} — {v.title}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      {props.corrections && props.corrections.length > 0 ? (
        <section aria-labelledby="corrections-title">
          <h2 id="corrections-title">Corrections</h2>
          {props.corrections.map((c) => (
            <div class="correction">
              <p>
                <When at={c.correctedAt} withTime /> (version {c.fromVersion} → {c.toVersion}):{' '}
                {c.reason}
              </p>
              <DiffView diff={c.memberDiff} />
            </div>
          ))}
        </section>
      ) : null}
    </Layout>,
  )
}

/** Where an editor sends the article as the newsletter, or asks for it on publication. */
function NewsletterSection(props: {
  article: NonNullable<EditorProps['article']>
  newsletter: NonNullable<EditorProps['newsletter']>
}) {
  const { article, newsletter } = props
  const current = newsletter.issues.find((i) => i.versionNumber === article.publishedVersionNumber)
  const whenPublished = `/staff/articles/${article.id}/newsletter/when-published`
  return (
    <section aria-labelledby="newsletter-title">
      <h2 id="newsletter-title">Newsletter</h2>
      {article.status === 'published' ? (
        current ? (
          <p>
            Version {article.publishedVersionNumber} went out on{' '}
            <When at={current.createdAt} withTime /> to {current.recipientCount} members.{' '}
            <a href="/staff/newsletters">Deliveries</a>
          </p>
        ) : (
          <p>
            <a href={`/staff/articles/${article.id}/newsletter`}>
              Preview and send version {article.publishedVersionNumber} as the newsletter
            </a>
          </p>
        )
      ) : null}
      {article.status === 'scheduled' ? (
        newsletter.requested ? (
          <form method="post" action={whenPublished} class="inline-form">
            <p>
              It goes out as the newsletter when it is published (asked by {newsletter.requested.by}
              ).
            </p>
            <input type="hidden" name="send" value="no" />
            <button type="submit" class="secondary">
              Do not send it
            </button>
          </form>
        ) : (
          <form method="post" action={whenPublished} class="inline-form">
            <input type="hidden" name="send" value="yes" />
            <button type="submit" class="secondary">
              Send it as the newsletter when it is published
            </button>
          </form>
        )
      ) : null}
      {article.status === 'draft' && newsletter.issues.length === 0 ? (
        <p class="meta">A published version can be sent as the newsletter.</p>
      ) : null}
      {newsletter.issues.length > 0 ? (
        <ul>
          {newsletter.issues.map((i) => (
            <li>
              <When at={i.createdAt} withTime />: version {i.versionNumber}
              {i.kind === 'correction' ? ' (correction notice)' : ''} by {i.sentBy} — {i.sent}{' '}
              delivered, {i.queued} queued, {i.failed} failed
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  )
}
