import { loadForecastBoard } from '../../forecasts/actions/load-forecast-board.ts'
import type { QuestionData, QuestionSummary } from '../../forecasts/forecasts.ts'
import {
  loadTrackerData,
  measureProgress,
  type ProgressAnswer,
} from '../../negotiations/actions/load-progress.ts'
import type { ProgressClaim } from '../../negotiations/claims.repository.ts'
import {
  listNegotiationSummaries,
  type NegotiationSummary,
} from '../../negotiations/negotiations.repository.ts'
import type { Db } from '../../platform/db/client.ts'
import { type FrontPageArticle, listFrontPageArticles } from '../articles.repository.ts'

/** A negotiation as the front page shows it: its measures today beside the latest claim. */
export interface FollowedNegotiation {
  negotiation: NegotiationSummary
  /** C, P and G today; undefined while the negotiation has no framework document to measure. */
  progress: Pick<ProgressAnswer, 'at' | 'countShare' | 'stakeWeighted' | 'gated'> | undefined
  /** The newest progress claim made on or before today, if any. */
  latestClaim: ProgressClaim | undefined
}

export interface HomeData {
  articles: FrontPageArticle[]
  negotiations: FollowedNegotiation[]
  forecasts: { question: QuestionData; summary: QuestionSummary }[]
}

// Enough to fill a front page without turning it into the archive (which /articles is).
const ARTICLE_LIMIT = 8
const FORECAST_LIMIT = 5

/** Everything the front page shows, read fresh on each request so a publication shows at once. */
export async function loadHome(db: Db, today: string): Promise<HomeData> {
  const [articles, summaries, board] = await Promise.all([
    listFrontPageArticles(db, ARTICLE_LIMIT),
    listNegotiationSummaries(db),
    loadForecastBoard(db, today),
  ])
  const negotiations = await Promise.all(
    summaries.map(async (negotiation): Promise<FollowedNegotiation> => {
      const data = await loadTrackerData(db, negotiation)
      const claims = data.claims.filter((claim) => claim.statedOn <= today)
      const latestClaim = claims.reduce<ProgressClaim | undefined>(
        (latest, claim) => (!latest || claim.statedOn >= latest.statedOn ? claim : latest),
        undefined,
      )
      if (data.documents.length === 0) return { negotiation, progress: undefined, latestClaim }
      // The same measure as the negotiation's overview, with the desk's published weights.
      const { answer } = measureProgress(data, { today })
      return { negotiation, progress: answer, latestClaim }
    }),
  )
  const forecasts = board.entries
    .filter((entry) => entry.summary.status === 'open')
    .slice(0, FORECAST_LIMIT)
  return { articles, negotiations, forecasts }
}
