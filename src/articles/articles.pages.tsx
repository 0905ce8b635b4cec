import { SignupForm } from '../members/members.pages.tsx'
import type { Member } from '../members/members.ts'
import { htmlDocument, Layout } from '../platform/web/layout.tsx'
import type { StaffUser } from '../staff/staff.ts'
import type { FieldDiff } from './corrections.ts'
import { formatDay, jsonForScript } from './html.ts'
import { articleUrl } from './metadata.ts'
import type { SourceSummary } from './notes.ts'

const timeFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
})

/** A moment, readable and machine-readable: "1 Dec 2025". */
export function When(props: { at: Date; withTime?: boolean }) {
  const iso = props.at.toISOString()
  return (
    <time datetime={iso}>
      {props.withTime ? `${timeFormat.format(props.at)} UTC` : formatDay(iso)}
    </time>
  )
}

export interface CorrectionNotice {
  id: number
  correctedAt: Date
  reason: string
}

export interface ArticlePageProps {
  siteUrl: string
  slug: string
  title: string
  summary: string
  byline: string
  firstPublishedAt: Date
  modifiedAt: Date
  /** Rendered text, source summary and notes (public or member variant). */
  fragment: string
  sourceSummary: SourceSummary
  corrections: readonly CorrectionNotice[]
  jsonLd: Record<string, unknown>
  openGraph: readonly [string, string][]
  /** Readers without access get the call to subscribe; members and staff do not. */
  variant: 'public' | 'member'
  staff?: StaffUser | undefined
  member?: Member | undefined
}

const feedLinks = (
  <>
    <link rel="alternate" type="application/rss+xml" title="Parley (RSS)" href="/feed.xml" />
    <link rel="alternate" type="application/atom+xml" title="Parley (Atom)" href="/feed.atom" />
  </>
)

/** One article. The public variant is rendered once per version and served as is. */
export function articlePage(props: ArticlePageProps) {
  const path = `/articles/${props.slug}`
  const head = (
    <>
      <link rel="canonical" href={articleUrl(props.siteUrl, props.slug)} />
      {props.openGraph.map(([property, content]) => (
        <meta property={property} content={content} />
      ))}
      <meta name="twitter:card" content="summary" />
      {feedLinks}
      <script
        type="application/ld+json"
        dangerouslySetInnerHTML={{ __html: jsonForScript(props.jsonLd) }}
      />
    </>
  )
  const corrected = props.corrections.length > 0
  return htmlDocument(
    <Layout title={props.title} description={props.summary} staff={props.staff} head={head}>
      <article class="article" aria-labelledby="article-title">
        <header class="article-head">
          <p class="kicker">
            <a href="/articles">Analysis</a>
          </p>
          <h1 id="article-title">{props.title}</h1>
          {props.summary ? <p class="dek">{props.summary}</p> : null}
          <p class="meta">
            By {props.byline} · Published <When at={props.firstPublishedAt} />
            {corrected ? (
              <>
                {' · '}
                <a href="#corrections">
                  Corrected <When at={props.modifiedAt} />
                </a>
              </>
            ) : null}
            {' · '}
            <a href="#notes-title">{props.sourceSummary.text}</a>
          </p>
        </header>
        <div dangerouslySetInnerHTML={{ __html: props.fragment }} />
        {props.variant === 'public' ? (
          <aside class="unlock" aria-label="Unlock the sources">
            <p>
              Every note above names its publisher, title and date. The direct links, the archived
              copies and the quoted passages are for members.
            </p>
            <SignupForm returnTo={path} sourceCount={props.sourceSummary.total} />
          </aside>
        ) : (
          <p class="meta member-note">
            You see the direct links, archived copies and quoted passages as{' '}
            {props.staff ? 'staff' : 'a member'}.
          </p>
        )}
        <section id="corrections" aria-labelledby="corrections-title" class="corrections-box">
          <h2 id="corrections-title">Corrections</h2>
          {corrected ? (
            <ul class="corrections-list">
              {props.corrections.map((c) => (
                <li>
                  <When at={c.correctedAt} withTime />: {c.reason}{' '}
                  <a href={`/corrections#correction-${c.id}`}>What changed</a>
                </li>
              ))}
            </ul>
          ) : (
            <p class="meta">
              None so far. Every correction is listed here and in the{' '}
              <a href="/corrections">corrections log</a>, with what changed and why.
            </p>
          )}
        </section>
      </article>
    </Layout>,
  )
}

export interface ArticleListItemView {
  slug: string
  title: string
  summary: string
  byline: string
  firstPublishedAt: Date
  sourceSummary: SourceSummary
}

export function articleListPage(props: {
  articles: readonly ArticleListItemView[]
  staff?: StaffUser | undefined
}) {
  return htmlDocument(
    <Layout
      title="Analysis"
      staff={props.staff}
      description="Analysis of negotiations under military pressure, every statement cited."
      head={feedLinks}
    >
      <h1>Analysis</h1>
      <p class="prose">
        Every statement cited; every source named with its publisher, title and date. Follow by{' '}
        <a href="/feed.xml">RSS</a> or <a href="/feed.atom">Atom</a>; corrections are in the{' '}
        <a href="/corrections">corrections log</a>.
      </p>
      {props.articles.length === 0 ? <p>Nothing published yet.</p> : null}
      <ul class="cards">
        {props.articles.map((a) => (
          <li>
            <h2>
              <a href={`/articles/${a.slug}`}>{a.title}</a>
            </h2>
            {a.summary ? <p>{a.summary}</p> : null}
            <p class="meta">
              By {a.byline} · <When at={a.firstPublishedAt} /> · {a.sourceSummary.text}
            </p>
          </li>
        ))}
      </ul>
    </Layout>,
  )
}

const fieldNames: Record<FieldDiff['field'], string> = {
  title: 'Title',
  summary: 'Summary',
  body: 'Text',
}

/** What changed, as the words removed and added with a little context. */
export function DiffView(props: { diff: readonly FieldDiff[] | null }) {
  // Corrections made before diffs were taken of the text as readers saw it show their reason only.
  if (props.diff === null) return <p class="meta">The reason above says what changed.</p>
  if (props.diff.length === 0) return <p class="meta">No change to the text.</p>
  return (
    <div class="diff">
      {props.diff.map((field) => (
        <div>
          <h4>{fieldNames[field.field]}</h4>
          {field.hunks.map((hunk) => (
            <p class="hunk">
              {hunk.map((part) =>
                part.op === 'added' ? (
                  <ins>{part.text}</ins>
                ) : part.op === 'removed' ? (
                  <del>{part.text}</del>
                ) : (
                  <span>{part.text}</span>
                ),
              )}
            </p>
          ))}
        </div>
      ))}
    </div>
  )
}

export interface CorrectionView {
  id: number
  articleSlug: string
  articleTitle: string
  fromVersion: number
  toVersion: number
  correctedAt: Date
  reason: string
  /** The diff for this reader: of the public variant, or of the members' one (corrections.ts). */
  diff: FieldDiff[] | null
}

export function correctionsPage(props: {
  corrections: readonly CorrectionView[]
  staff?: StaffUser | undefined
}) {
  return htmlDocument(
    <Layout
      title="Corrections"
      staff={props.staff}
      description="Every correction to a published Parley article: when, what changed and why."
      head={feedLinks}
    >
      <h1>Corrections</h1>
      <p class="prose">
        Every change to a published article is listed here: when it was made, why, and what changed
        between the published versions. Entries are never edited or removed.
      </p>
      {props.corrections.length === 0 ? <p>No corrections so far.</p> : null}
      <ol class="corrections-log">
        {props.corrections.map((c) => (
          <li id={`correction-${c.id}`}>
            <h2>
              <a href={`/articles/${c.articleSlug}`}>{c.articleTitle}</a>
            </h2>
            <p class="meta">
              <When at={c.correctedAt} withTime /> · version {c.fromVersion} → {c.toVersion}
            </p>
            <p>
              <strong>Why:</strong> {c.reason}
            </p>
            <DiffView diff={c.diff} />
          </li>
        ))}
      </ol>
    </Layout>,
  )
}
