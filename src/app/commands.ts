import { articleCommands } from '../articles/articles.cli.ts'
import { casefileCommands } from '../casefile/casefile.cli.ts'
import { forecastCommands } from '../forecasts/forecasts.cli.ts'
import { claimCommands } from '../negotiations/claims.cli.ts'
import { negotiationCommands } from '../negotiations/negotiations.cli.ts'
import type { DataChanged } from '../platform/changes.ts'
import type { Command } from '../platform/cli/command.ts'
import type { Config } from '../platform/config.ts'
import type { Database } from '../platform/db/client.ts'
import { systemClock } from '../platform/time.ts'
import { sourceCommands } from '../sources/sources.cli.ts'
import { timelineCommands } from '../timeline/timeline.cli.ts'
import { articlesFollow } from './after-write.ts'
import { coreCommands } from './core.cli.ts'

/** Every command; each domain contributes its own list from its *.cli.ts. */
export const commands: Command[] = [
  ...coreCommands,
  ...casefileCommands,
  ...negotiationCommands,
  ...timelineCommands,
  ...sourceCommands,
  ...claimCommands,
  ...articleCommands,
  ...forecastCommands,
]

/** What follows a command's write: as after a write through the desk, said on stderr. */
export function followWritesInCli(
  database: Database,
  config: Config,
  stderr: (text: string) => void,
): DataChanged {
  return articlesFollow({
    db: database.db,
    config,
    clock: systemClock,
    report: (event, detail) => {
      if (event === 'updated') {
        stderr(`articles rendered again: ${(detail.updated as string[]).join(', ')}\n`)
      } else if (event === 'failed') {
        stderr(`${detail.slug} no longer renders; readers keep the last good render\n`)
      } else stderr(`re-rendering articles failed: ${detail.error}\n`)
    },
  })
}
