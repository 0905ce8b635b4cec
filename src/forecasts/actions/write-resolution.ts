import type { Db } from '../../platform/db/client.ts'
import { invalidInput } from '../../platform/errors.ts'
import { updateQuestion } from '../forecasts.repository.ts'
import type { QuestionData } from '../forecasts.ts'
import { requireSourceIds } from './require-source-ids.ts'

/**
 * Writes a resolution, first or corrected, under one set of rules: not in the future, not before
 * the question was asked, and not on or before a forecast (no forecast may follow the resolution,
 * which scoring relies on); a yes or no cites its source.
 */
export async function writeResolution(
  tx: Db,
  data: QuestionData,
  body: { outcome: 'yes' | 'no' | 'annulled'; on: string; source?: string; note?: string },
  today: string,
): Promise<void> {
  if (body.on > today)
    throw invalidInput('a resolution cannot be dated in the future', [
      { path: 'on', message: `after today (${today})` },
    ])
  if (body.on < data.criteria[0]!.datedOn)
    throw invalidInput('resolved before it was asked', [
      { path: 'on', message: `before ${data.criteria[0]!.datedOn}` },
    ])
  const lastForecast = data.forecasts.at(-1)?.madeOn
  if (lastForecast !== undefined && body.on <= lastForecast)
    throw invalidInput('forecasts were made on or after that date', [
      { path: 'on', message: `a forecast is dated ${lastForecast}` },
    ])
  const [sourceId] = body.source ? await requireSourceIds(tx, [body.source], 'source') : [null]
  await updateQuestion(tx, data.id, {
    resolution: body.outcome,
    resolvedOn: body.on,
    resolutionNote: body.note ?? null,
    resolutionSourceId: sourceId ?? null,
  })
}
