import { importCase } from '../casefile/import-case.ts'
import {
  type Command,
  printJson,
  readJsonFile,
  requireString,
  UsageError,
} from '../platform/cli/command.ts'
import { addStaff } from '../staff/add-staff.ts'
import { cliActor } from '../staff/audit.repository.ts'
import { startServer } from './server.ts'

const serveCommand: Command = {
  name: 'serve',
  summary: 'start the web server (HOST, PORT)',
  usage: '',
  options: {},
  async run(ctx) {
    const server = await startServer(ctx.config, ctx.logger)
    await new Promise<void>((resolve) => {
      const stop = () => {
        server.stop().then(resolve, resolve)
      }
      process.once('SIGTERM', stop)
      process.once('SIGINT', stop)
    })
    return 0
  },
}

const migrateCommand: Command = {
  name: 'migrate',
  summary: 'apply pending database migrations',
  usage: '',
  options: {},
  async run(ctx) {
    // openDatabase migrates; this command exists so operators can do it before a deploy.
    await ctx.openDatabase()
    ctx.stdout('database is up to date\n')
    return 0
  },
}

const staffAddCommand: Command = {
  name: 'staff add',
  summary: 'add a staff account (password read from stdin)',
  usage: '--email E --name N --role owner|editor|analyst --password-stdin',
  options: {
    email: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string' },
    'password-stdin': { type: 'boolean' },
  },
  async run(ctx, values) {
    if (!values['password-stdin'])
      throw new UsageError('--password-stdin is required (passwords are never taken as arguments)')
    const email = requireString(values, 'email')
    const name = requireString(values, 'name')
    const role = requireString(values, 'role')
    const password = (await ctx.readStdin()).replace(/\r?\n$/, '')
    const database = await ctx.openDatabase()
    const created = await database.db.transaction((tx) =>
      addStaff(tx, cliActor, { email, name, role, password }),
    )
    ctx.stdout(`added ${created.role} ${created.email}\n`)
    return 0
  },
}

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

export const coreCommands: Command[] = [
  serveCommand,
  migrateCommand,
  staffAddCommand,
  importCaseCommand,
]
