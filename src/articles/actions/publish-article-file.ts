import type { Db } from '../../platform/db/client.ts'
import { AppError, invalidInput, isAppError } from '../../platform/errors.ts'
import { systemActor } from '../../staff/audit.repository.ts'
import { parseArticleFile } from '../article.ts'
import { findArticleBySlug } from '../articles.repository.ts'
import type { Site } from '../site.ts'
import { addArticle } from './add-article.ts'
import { publishArticle } from './publish-article.ts'

/**
 * Publishes an article kept as a file (front matter, then Markdown), dated as its header says.
 * Does nothing when an article with its slug exists. Throws, naming the line, when the file or
 * its citations are wrong: the demo must not go out with a broken note.
 */
export async function publishArticleFile(
  db: Db,
  text: string,
  site: Site,
): Promise<{ slug: string; version: number } | undefined> {
  const parsed = parseArticleFile(text)
  if (!parsed.ok) {
    throw invalidInput(
      'the article file is not valid',
      parsed.problems.map((message) => ({ message })),
    )
  }
  const file = parsed.article
  // One transaction: the draft and its publication land together or not at all.
  return inFileLines(file.bodyOffset, () =>
    db.transaction(async (tx) => {
      if (await findArticleBySlug(tx, file.slug)) return undefined
      const article = await addArticle(
        tx,
        systemActor,
        { title: file.title, slug: file.slug, summary: file.summary, body: file.body },
        { id: null, name: file.byline },
        file.published,
      )
      const { version } = await publishArticle(tx, systemActor, article.id, {
        now: file.published,
        site,
      })
      return { slug: article.slug, version: version.number }
    }),
  )
}

/** Problems name lines of the body; for a file, name the file's lines. */
async function inFileLines<T>(offset: number, run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    if (!isAppError(error)) throw error
    throw new AppError(
      error.code,
      error.message,
      error.details.map((d) => {
        const line = /^line (\d+)$/.exec(d.path ?? '')
        return line ? { ...d, path: `line ${Number(line[1]) + offset}` } : d
      }),
    )
  }
}
