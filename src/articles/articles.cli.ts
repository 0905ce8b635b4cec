import { type Command, printJson, readTextFile, UsageError } from '../platform/cli/command.ts'
import { publishArticleFile } from './actions/publish-article-file.ts'
import { rerenderArticlesEmbedding } from './actions/rerender-served-versions.ts'
import { listArticlesForDesk } from './articles.repository.ts'
import { siteOf } from './site.ts'

const listCommand: Command = {
  name: 'articles list',
  summary: 'list articles with their state',
  usage: '[--json]',
  options: { json: { type: 'boolean' } },
  async run(ctx, values) {
    const database = await ctx.openDatabase()
    const rows = await listArticlesForDesk(database.db)
    if (values.json) printJson(ctx, rows)
    else {
      for (const a of rows) {
        const state =
          a.status === 'scheduled' ? `scheduled ${a.scheduledFor?.toISOString()}` : a.status
        const version = a.publishedVersionNumber ? ` v${a.publishedVersionNumber}` : ''
        ctx.stdout(
          `${a.id}\t${state}${version}${a.pendingChanges ? ' (changes)' : ''}\t/articles/${a.slug}\t${a.title}\n`,
        )
      }
      if (rows.length === 0) ctx.stdout('no articles\n')
    }
    return 0
  },
}

const publishFileCommand: Command = {
  name: 'articles publish',
  summary: 'publish an article kept as a file (front matter, then Markdown)',
  usage: 'FILE',
  options: {},
  async run(ctx, _values, positionals) {
    const file = positionals[0]
    if (!file) throw new UsageError('FILE is required')
    const text = await readTextFile(file)
    const database = await ctx.openDatabase()
    const done = await publishArticleFile(database.db, text, siteOf(ctx.config))
    ctx.stdout(
      done
        ? `published /articles/${done.slug} (version ${done.version})\n`
        : 'an article with this slug exists already; nothing done (edit it on the desk)\n',
    )
    return 0
  },
}

const rerenderCommand: Command = {
  name: 'articles rerender',
  summary:
    'render published articles again from the current data (all, or those embedding KIND KEY)',
  usage: '[KIND KEY]',
  options: { json: { type: 'boolean' } },
  async run(ctx, values, positionals) {
    const [kind, key] = positionals
    if (kind !== undefined && kind !== 'negotiation' && kind !== 'strikes' && kind !== 'forecast')
      throw new UsageError('KIND is "negotiation", "strikes" or "forecast"')
    if (kind !== undefined && key === undefined) throw new UsageError('KEY is required with KIND')
    const database = await ctx.openDatabase()
    const report = await rerenderArticlesEmbedding(database.db, kind, key, {
      site: siteOf(ctx.config),
      now: new Date(),
    })
    if (values.json) printJson(ctx, report)
    else {
      ctx.stdout(
        `${report.checked} checked, ${report.updated.length} rendered again${report.updated.length > 0 ? ` (${report.updated.join(', ')})` : ''}\n`,
      )
      for (const failed of report.failed) {
        ctx.stderr(`${failed.slug} no longer renders; readers keep the last good render:\n`)
        for (const p of failed.problems) ctx.stderr(`  line ${p.line}: ${p.message}\n`)
      }
    }
    return report.failed.length > 0 ? 1 : 0
  },
}

export const articleCommands: Command[] = [listCommand, publishFileCommand, rerenderCommand]
