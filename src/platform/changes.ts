/**
 * Data that other parts of Parley present from a cache and must follow after a write: a
 * negotiation's tracker, the strike data, one forecasting question, or everything at once (a case
 * file replaced). A write says what changed; `app/` decides who follows (today: the articles that
 * embed it are rendered again), so no domain imports the one that reacts.
 */
export type DataChange =
  | { data: 'tracker'; negotiation: string }
  | { data: 'strikes' }
  | { data: 'forecast'; question: string }
  | { data: 'everything' }

/**
 * Called after a write has committed. It never throws: the write has landed, and a failed
 * follow-up is logged and retried by the job that owns it.
 */
export type DataChanged = (change: DataChange) => Promise<void>
