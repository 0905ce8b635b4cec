import { parseArgs } from 'node:util'
import { type CliContext, type Command, UsageError } from '../platform/cli/command.ts'
import { exitStatus, exitStatusOf } from '../platform/cli/exit-status.ts'
import { ConfigError, parseConfig } from '../platform/config.ts'
import { type Database, openDatabase } from '../platform/db/client.ts'
import { migrate } from '../platform/db/migrate.ts'
import { isAppError } from '../platform/errors.ts'
import { createLogger } from '../platform/logger.ts'
import { commands, followWritesInCli } from './commands.ts'

function helpText(): string {
  const width = Math.max(...commands.map((c) => c.name.length))
  return [
    'usage: parley <command> [options]',
    '',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Settings come from the environment (see README): PARLEY_DATA_DIR, DATABASE_URL, HOST, PORT, …',
  ].join('\n')
}

function findCommand(argv: string[]): { command: Command; rest: string[] } | undefined {
  const two = `${argv[0]} ${argv[1]}`
  const byTwo = commands.find((c) => c.name === two)
  if (byTwo) return { command: byTwo, rest: argv.slice(2) }
  const byOne = commands.find((c) => c.name === argv[0])
  return byOne ? { command: byOne, rest: argv.slice(1) } : undefined
}

export interface CliIo {
  env: Record<string, string | undefined>
  stdout: (text: string) => void
  stderr: (text: string) => void
  readStdin: () => Promise<string>
}

/** Runs one CLI invocation and returns its exit status; prints errors, never stack traces. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  if (argv.length === 0 || argv[0] === 'help' || argv[0] === '--help' || argv[0] === '-h') {
    io.stdout(`${helpText()}\n`)
    return argv.length === 0 ? exitStatus.usage : exitStatus.ok
  }
  const found = findCommand(argv)
  if (!found) {
    io.stderr(`parley: unknown command "${argv.slice(0, 2).join(' ')}"\n\n${helpText()}\n`)
    return exitStatus.usage
  }
  const { command, rest } = found
  let config: ReturnType<typeof parseConfig>
  try {
    config = parseConfig(io.env)
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr(`parley: ${error.message}\n`)
      return exitStatusOf(error)
    }
    throw error
  }
  const logger = createLogger(command.name === 'serve' ? config.logLevel : 'warn')
  let database: Database | undefined
  const ctx: CliContext = {
    config,
    logger,
    async openDatabase() {
      if (!database) {
        // Beside a running server, its database through its socket (docs/decisions/0008).
        database = await openDatabase({
          databaseUrl: config.databaseUrl,
          dataDir: config.dataDir,
          viaRunningServer: true,
        })
        await migrate(database)
      }
      return database
    },
    stdout: io.stdout,
    stderr: io.stderr,
    readStdin: io.readStdin,
    dataChanged: (change) =>
      database ? followWritesInCli(database, config, io.stderr)(change) : Promise.resolve(),
  }
  try {
    const parsed = (() => {
      try {
        return parseArgs({
          args: rest,
          options: command.options,
          allowPositionals: true,
          strict: true,
        })
      } catch (error) {
        throw new UsageError((error as Error).message)
      }
    })()
    return (await command.run(ctx, parsed.values, parsed.positionals)) ?? exitStatus.ok
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(
        `parley ${command.name}: ${error.message}\nusage: parley ${command.name} ${command.usage}\n`,
      )
      return exitStatusOf(error)
    }
    if (isAppError(error)) {
      io.stderr(`parley ${command.name}: ${error.message}\n`)
      for (const detail of error.details)
        io.stderr(`  ${detail.path ? `${detail.path}: ` : ''}${detail.message}\n`)
      return exitStatusOf(error)
    }
    io.stderr(
      `parley ${command.name}: failed: ${error instanceof Error ? error.message : String(error)}\n`,
    )
    if (io.env.PARLEY_DEBUG === '1' && error instanceof Error) io.stderr(`${error.stack}\n`)
    return exitStatusOf(error)
  } finally {
    await database?.close()
  }
}
