import type { Config } from '../config.ts'
import type { DatabaseKind, Db } from '../db/client.ts'
import type { Logger } from '../shared/logger.ts'
import type { Clock } from '../shared/time.ts'
import type { StaffUser } from '../staff/staff.ts'

/** What the app is built from: everything is a parameter, nothing is read from the environment. */
export interface AppDeps {
  db: Db
  databaseKind: DatabaseKind
  config: Config
  clock: Clock
  logger: Logger
}

export interface AppEnv {
  Variables: {
    requestId: string
    staff: StaffUser | undefined
    /** Per-request nonce, for the rare inline script a page needs. */
    nonce: string
  }
}
