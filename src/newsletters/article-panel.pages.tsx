import type { Article } from '../articles/article.ts'
import { When } from '../articles/articles.pages.tsx'
import type { ArticleNewsletter } from './actions/load-article-newsletter.ts'

/** Where an editor sends the article as the newsletter, or asks for it on publication. */
export function ArticleNewsletterPanel(props: {
  article: Pick<Article, 'id' | 'status'> & { publishedVersionNumber: number | null }
  newsletter: ArticleNewsletter
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
