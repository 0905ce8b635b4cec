import type { Db } from '../../platform/db/client.ts'
import { loadQuestions } from '../forecasts.repository.ts'
import { scoreQuestion, summarizeQuestion } from '../forecasts.ts'
import { murphyDecomposition, type ScoredForecast } from '../scoring.ts'

/** Every question with its summary today; and the calibration of all resolved ones. */
export async function loadForecastBoard(db: Db, today: string) {
  const questions = await loadQuestions(db)
  const entries = questions
    .map((question) => ({ question, summary: summarizeQuestion(question, { today }) }))
    .sort(
      (a, b) =>
        Number(a.question.resolution !== null) - Number(b.question.resolution !== null) ||
        a.question.closeOn.localeCompare(b.question.closeOn) ||
        a.question.key.localeCompare(b.question.key),
    )
  const scored: ScoredForecast[] = questions.flatMap((q) => {
    const scores = scoreQuestion(q)
    return scores
      ? scores.forecasters.map((f) => ({ p: f.probability, outcome: scores.outcome }))
      : []
  })
  return { entries, calibration: murphyDecomposition(scored) }
}
