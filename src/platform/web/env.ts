import type { DataChanged } from '../changes.ts'
import type { Config } from '../config.ts'
import type { DatabaseKind, Db } from '../db/client.ts'
import type { Logger } from '../logger.ts'
import type { Mailer } from '../mailer.ts'
import type { Clock } from '../time.ts'
import type { MemberViewer, SourceCapturesLookup, StaffViewer } from './viewer.ts'

/** What the app is built from: everything is a parameter, nothing is read from the environment. */
export interface AppDeps {
  db: Db
  databaseKind: DatabaseKind
  config: Config
  clock: Clock
  logger: Logger
  /** Outgoing mail (magic links); without it, sign-up answers 503. The server always sets it. */
  mailer?: Mailer | undefined
  /** To call after a write commits, naming the data that changed; `app/` wires who follows. */
  dataChanged: DataChanged
}

export interface AppEnv {
  Variables: {
    requestId: string
    staff: StaffViewer | undefined
    /** The signed-in member (a reader), separate from staff. */
    member: MemberViewer | undefined
    /** Set by `provideSourceCaptures`; read by `loadSourceAccess`. */
    listSourceCaptures: SourceCapturesLookup | undefined
    /** Per-request nonce, for the rare inline script a page needs. */
    nonce: string
  }
}
