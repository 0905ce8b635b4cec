import { htmlDocument, Layout } from '../platform/web/layout.tsx'
import type { StaffUser } from '../staff/staff.ts'
import type { ArticleStatus } from './article.ts'
import { When } from './articles.pages.tsx'
import type { ArticleListItem } from './articles.repository.ts'

export const statusLabels: Record<ArticleStatus, string> = {
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
