import { sql } from 'drizzle-orm'
import { addArticle } from '../src/articles/actions/add-article.ts'
import { publishArticle } from '../src/articles/actions/publish-article.ts'
import { findArticleById } from '../src/articles/articles.repository.ts'
import { sendNewsletter } from '../src/newsletters/actions/send-newsletter.ts'
import type { Db } from '../src/platform/db/client.ts'
import { insertSources } from '../src/sources/sources.repository.ts'
import { normalizeUrl } from '../src/sources/url.ts'
import { cliActor } from '../src/staff/audit.repository.ts'

/**
 * A published article citing three ledger sources, `members` members with the newsletter on
 * (`member-N@example.org`, N from 1), and the article sent as the newsletter: one queued delivery
 * each. For the tests that run the job in other processes, and for the benchmark.
 */
export async function seedIssue(
  db: Db,
  options: { members: number; site: { url: string }; now: Date },
): Promise<{ issueId: number; subject: string }> {
  const { now, site } = options
  const rows = await insertSources(
    db,
    [1, 2, 3].map((i) => {
      const url = `https://wire.example.com/story/${i}`
      return {
        key: `fixture-${i}`,
        url,
        normalizedUrl: normalizeUrl(url)!,
        title: `Story ${i}`,
        publisher: `Wire ${i}`,
        publishedOn: '2026-01-23',
        kind: 'wire' as const,
      }
    }),
  )
  const [a, b, c] = rows.map((r) => r.key)
  const paragraphs = Array.from(
    { length: 12 },
    (_, n) =>
      `Paragraph ${n + 1}: the delegations met for several hours and went through the framework point by point, security guarantees, energy and prisoners [@${[a, b, c][n % 3]}, p. ${n + 1}].`,
  ).join('\n\n')
  const article = await addArticle(
    db,
    cliActor,
    { title: 'Ninety per cent of what', summary: 'Count against stake.', body: paragraphs },
    { id: null, name: 'A. Writer' },
    now,
  )
  await publishArticle(db, cliActor, article.id, { now, site })
  await db.execute(sql`
    insert into members (email, newsletter, created_at)
    select 'member-' || n || '@example.org', true, ${now.toISOString()}
    from generate_series(1, ${options.members}) as n`)
  const published = await findArticleById(db, article.id)
  const { issue } = await sendNewsletter(db, cliActor, {
    articleId: article.id,
    versionId: published!.publishedVersionId!,
    kind: 'article',
    now,
    site,
  })
  return { issueId: issue.id, subject: issue.subject }
}
