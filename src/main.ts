import { startServer } from './app/server.ts'
import { exitStatus, exitStatusOf } from './platform/cli/exit-status.ts'
import { ConfigError, parseConfig } from './platform/config.ts'
import { isAppError } from './platform/errors.ts'
import { createLogger } from './platform/logger.ts'

/** Server entry: config → database → migrate → serve; stops cleanly on SIGTERM and SIGINT. */
async function main(env: Record<string, string | undefined>): Promise<void> {
  let config: ReturnType<typeof parseConfig>
  try {
    config = parseConfig(env)
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`parley: ${error.message}\n`)
      process.exit(exitStatusOf(error))
    }
    throw error
  }
  const logger = createLogger(config.logLevel)
  try {
    const server = await startServer(config, logger)
    let signalled = false
    const shutdown = (signal: string) => {
      if (signalled) return
      signalled = true
      logger.info('shutting down', { signal })
      server.stop().then(
        () => process.exit(exitStatus.ok),
        (error: unknown) => {
          logger.error('shutdown failed', { error: String(error) })
          process.exit(exitStatus.failed)
        },
      )
    }
    process.on('SIGTERM', () => shutdown('SIGTERM'))
    process.on('SIGINT', () => shutdown('SIGINT'))
  } catch (error) {
    // A known refusal (the data directory is locked) is said as it is; anything else as a failure.
    process.stderr.write(
      isAppError(error)
        ? `parley: ${error.message}\n`
        : `parley: could not start: ${error instanceof Error ? error.message : String(error)}\n`,
    )
    process.exit(exitStatusOf(error))
  }
}

await main(process.env)
