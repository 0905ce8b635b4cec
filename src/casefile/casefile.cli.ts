import { writeFile } from 'node:fs/promises'
import { type Command, printJson, readJsonFile, UsageError } from '../platform/cli/command.ts'
import { invalidInput } from '../platform/errors.ts'
import { cliActor } from '../staff/audit.repository.ts'
import { exportCase } from './export-case.ts'
import { importCase } from './import-case.ts'

const importCaseCommand: Command = {
  name: 'import case',
  summary: 'load a negotiation case file (one transaction)',
  usage: 'FILE [--replace] [--no-archive] [--json]',
  options: {
    replace: { type: 'boolean' },
    'no-archive': { type: 'boolean' },
    json: { type: 'boolean' },
  },
  async run(ctx, values, positionals) {
    const file = positionals[0]
    if (!file) throw new UsageError('FILE is required')
    const value = await readJsonFile(file)
    const database = await ctx.openDatabase()
    const report = await importCase(database.db, cliActor, value, {
      replace: values.replace === true,
      // New sources are queued for the archive job unless --no-archive.
      archive: values['no-archive'] === true ? 'none' : 'queue',
    })
    if (values.json) printJson(ctx, report)
    else {
      ctx.stdout(
        `imported ${report.negotiation}${report.replaced ? ' (replaced)' : ''}: ${report.documents} documents, ` +
          `${report.provisions} points, ${report.issues} issues, ${report.events} events, ${report.actors} actors, ` +
          `${report.sources.created} new sources (${report.sources.reused} already in the ledger), ` +
          `${report.sources.queued} queued for archiving\n`,
      )
    }
    // A replaced case may change what any article embeds (its progress, its questions).
    if (report.replaced) await ctx.dataChanged({ data: 'everything' })
    return 0
  },
}

const exportCaseCommand: Command = {
  name: 'export case',
  summary: 'write a negotiation back out as a case file (JSON)',
  usage: 'SLUG [--out FILE]',
  options: { out: { type: 'string' } },
  async run(ctx, values, positionals) {
    const slug = positionals[0]
    if (!slug) throw new UsageError('SLUG is required')
    const database = await ctx.openDatabase()
    const file = await exportCase(database.db, slug)
    const text = `${JSON.stringify(file, null, 2)}\n`
    if (typeof values.out === 'string' && values.out !== '') {
      await writeFile(values.out, text).catch((error: NodeJS.ErrnoException) => {
        throw invalidInput(`cannot write ${values.out}: ${error.message}`, [
          { path: '--out', message: error.code ?? error.message },
        ])
      })
      ctx.stderr(`wrote ${values.out}\n`)
    } else {
      ctx.stdout(text)
    }
    return 0
  },
}

/** The case file from the command line: load one into the database, or write one back out. */
export const casefileCommands: Command[] = [importCaseCommand, exportCaseCommand]
