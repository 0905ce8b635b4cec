import type { Child } from 'hono/jsx'
import { htmlDocument, Layout } from '../platform/web/layout.tsx'
import type { StaffUser } from '../staff/staff.ts'
import type { ArticleStatus, ArticleVersion } from './article.ts'
import { DiffView, When } from './articles.pages.tsx'
import type { CorrectionRow } from './articles.repository.ts'
import { statusLabels } from './desk.pages.tsx'
import { embedKinds } from './embeds.ts'
import type { MarkdownProblem } from './markdown.ts'

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
  /** What an editor sees of the newsletter (sent issues, "send when published"), drawn by it. */
  newsletterPanel?: Child
}

/** The editor: write, preview (rendered on the server, no script needed), save, publish. */
export function editorPage(props: EditorProps) {
  const a = props.article
  const action = a ? `/staff/articles/${a.id}` : '/staff/articles'
  const everPublished = Boolean(a?.firstPublishedAt)
  return htmlDocument(
    <Layout title={a ? `Edit: ${props.values.title}` : 'New article'} staff={props.staff}>
      <EditorHeader article={a} slug={props.values.slug} />
      <h1>{a ? 'Edit article' : 'New article'}</h1>
      <EditorMessages notice={props.notice} error={props.error} preview={props.preview} />
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
        <EditorHelp sourceKeys={props.sourceKeys} />
        <div class="buttons">
          <button type="submit" name="action" value="preview" class="secondary">
            Preview
          </button>
          <button type="submit" name="action" value="save">
            Save draft
          </button>
        </div>
        <PublishFields
          canPublish={props.canPublish}
          everPublished={everPublished}
          values={props.values}
        />
      </form>
      {props.canPublish && a && a.status !== 'draft' ? (
        <form method="post" action={`/staff/articles/${a.id}/unpublish`} class="inline-form">
          <button type="submit" class="secondary">
            {a.status === 'scheduled' ? 'Cancel the schedule' : 'Withdraw from the site'}
          </button>
        </form>
      ) : null}

      {props.canPublish && a ? props.newsletterPanel : null}

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

      <EditorHistory versions={props.versions} corrections={props.corrections} />
    </Layout>,
  )
}

/** Back to the list, the article's state, and a link to it as published. */
function EditorHeader(props: { article: EditorProps['article']; slug: string }) {
  const a = props.article
  const published = Boolean(a?.publishedVersionNumber)
  return (
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
              <a href={`/articles/${props.slug}`}>as published</a>
            </>
          ) : null}
        </>
      ) : null}
    </p>
  )
}

/** The notice, the error, and the preview's problems, above the form. */
function EditorMessages(props: Pick<EditorProps, 'notice' | 'error' | 'preview'>) {
  return (
    <>
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
    </>
  )
}

/** How to cite and embed, with the ledger's source keys. */
function EditorHelp(props: { sourceKeys: EditorProps['sourceKeys'] }) {
  return (
    <details class="help">
      <summary>How to cite and embed</summary>
      <ul>
        <li>
          <code>[@key]</code> cites a ledger source; <code>[@key, p. 4]</code> adds a locator;{' '}
          <code>[see @a; @b]</code> cites several. Notes are numbered in order of first citation; a
          source cited again keeps its number.
        </li>
        <li>
          An embed is a fenced block: <code>```parley-embed KIND name=value …</code>, an optional
          caption on the lines inside, then <code>```</code>. Kinds:{' '}
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
  )
}

/** Publish now, or (a first publication) at a time, with the newsletter; editors only. */
function PublishFields(props: {
  canPublish: boolean
  everPublished: boolean
  values: EditorValues
}) {
  const { everPublished } = props
  return (
    <>
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
    </>
  )
}

/** The published versions and the corrections between them. */
function EditorHistory(props: Pick<EditorProps, 'versions' | 'corrections'>) {
  return (
    <>
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
    </>
  )
}
