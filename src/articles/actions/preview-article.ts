import type { Db } from '../../platform/db/client.ts'
import type { MarkdownProblem } from '../markdown.ts'
import { build } from './render-version.ts'

export interface Preview {
  problems: MarkdownProblem[]
  unknownKeys: string[]
  /** What members will see (staff see that), when the text can be rendered. */
  memberFragment?: string
  /** What every other reader will see. */
  publicFragment?: string
  sourceSummary?: string
}

/** Renders a working copy without storing anything: the editor's preview. */
export async function previewArticle(
  db: Db,
  text: { body: string },
  publishedOn: string,
): Promise<Preview> {
  const built = await build(db, text, publishedOn)
  if (!built.ok) return { problems: built.problems, unknownKeys: built.unknownKeys }
  return {
    problems: [],
    unknownKeys: [],
    memberFragment: built.rendered.memberFragment,
    publicFragment: built.rendered.publicFragment,
    sourceSummary: built.rendered.summary.text,
  }
}
