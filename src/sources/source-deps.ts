import type { AppDeps } from '../platform/web/env.ts'
import type { ClaimsCiting } from './actions/load-source-view.ts'

/** What the source routes are built from: the app's deps and what later domains supply. */
export interface SourceDeps extends AppDeps {
  /** The claims that cite a source, for its page; claims belong to negotiations. */
  claimsCiting: ClaimsCiting
}
