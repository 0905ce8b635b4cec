import type { Db } from '../../platform/db/client.ts'
import { AppError, invalidInput } from '../../platform/errors.ts'
import { type Actor, recordAudit } from '../../staff/audit.repository.ts'
import type { NegotiationRow } from '../negotiations.repository.ts'
import { checkWeights } from '../progress.ts'
import { parseChange, WeightSetBody } from '../tracker.inputs.ts'
import { findWeightSetByKey, insertWeightSet } from '../tracker.repository.ts'
import { requireDocument } from '../tracker-checks.ts'
import { loadTrackerData } from './load-progress.ts'

/** Publishes a new weight set for a version: every point weighted once, ≥ 0, summing to 1. */
export async function publishWeights(
  db: Db,
  actor: Actor,
  negotiation: NegotiationRow,
  value: unknown,
  today: string,
): Promise<{ id: number; key: string }> {
  const body = parseChange(WeightSetBody, value)
  return db.transaction(async (tx) => {
    const data = await loadTrackerData(tx, negotiation)
    const document = requireDocument(data, body.document)
    const numbers = new Set(document.provisions.map((p) => p.number))
    const entries = Object.entries(body.weights).map(([point, weight]) => ({
      point: Number(point),
      weight,
    }))
    const problems = [
      ...entries
        .filter((e) => !numbers.has(e.point))
        .map((e) => ({
          path: `weights.${e.point}`,
          message: `document "${document.key}" has no point ${e.point}`,
        })),
    ]
    const missing = [...numbers].filter((n) => !(String(n) in body.weights))
    if (missing.length > 0) {
      problems.push({ path: 'weights', message: `no weight for points ${missing.join(', ')}` })
    }
    if (problems.length > 0) throw invalidInput('the weight set is incomplete', problems)
    const ordered = document.provisions.map((p) => body.weights[String(p.number)]!)
    const checked = checkWeights(
      ordered,
      document.provisions.map((p) => `weights.${p.number}`),
      { normalize: body.normalize },
    )
    if (!checked.ok) throw invalidInput('the weights are not usable', checked.problems)
    const setOn = body.setOn ?? today
    let key = body.key ?? `set-${setOn}`
    if (body.key === undefined) {
      for (let n = 2; await findWeightSetByKey(tx, document.id, key); n++) key = `set-${setOn}-${n}`
    } else if (await findWeightSetByKey(tx, document.id, key)) {
      throw new AppError('conflict', `weight set "${key}" exists already for this version`, [
        { path: 'key', message: 'choose another key' },
      ])
    }
    const id = await insertWeightSet(tx, {
      documentId: document.id,
      key,
      setBy: body.setBy ?? actor.label,
      setOn,
      rationale: body.rationale,
      weights: document.provisions.map((p, i) => ({
        provisionId: p.id,
        weight: checked.weights[i]!,
        note: null,
      })),
    })
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'weight_set',
      entityId: `${negotiation.slug}/${document.key}/${key}`,
      after: {
        setBy: body.setBy ?? actor.label,
        setOn,
        rationale: body.rationale,
        normalized: checked.normalized,
        weights: Object.fromEntries(
          document.provisions.map((p, i) => [p.number, checked.weights[i]]),
        ),
      },
    })
    return { id, key }
  })
}
