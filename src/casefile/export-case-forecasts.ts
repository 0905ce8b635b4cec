import { loadQuestions } from '../forecasts/forecasts.repository.ts'
import type { Db } from '../platform/db/client.ts'
import type { CaseQuestionInput } from './case-forecasts.ts'

/**
 * The case exporter's `forecasts` section (src/negotiations/export-case.ts, caseSections): the
 * negotiation's questions as the file writes them, with every source they name added to the
 * file's cited sources, so that export then import gives the same questions back. A forecast's
 * link to a staff account is not part of the file (accounts are not part of a case).
 */
export async function exportForecastsSection(ctx: {
  db: Db
  data: { negotiation: { id: number } }
  cited: Set<string>
}): Promise<CaseQuestionInput[]> {
  const questions = await loadQuestions(ctx.db, { negotiationId: ctx.data.negotiation.id })
  const cite = (key: string | undefined) => {
    if (key !== undefined) ctx.cited.add(key)
    return key
  }
  return questions.map((q) => {
    const out: CaseQuestionInput = {
      key: q.key,
      title: q.title,
      closeOn: q.closeOn,
      criteria: q.criteria.map((c) => ({
        version: c.version,
        on: c.datedOn,
        text: c.text,
        ...(c.reason === null ? {} : { reason: c.reason }),
      })),
    }
    if (q.prior !== null) out.prior = q.prior
    if (q.priorNote !== null) out.priorNote = q.priorNote
    if (q.resolution !== null) {
      out.resolution = { outcome: q.resolution, on: q.resolvedOn! }
      if (q.resolutionSource) out.resolution.source = cite(q.resolutionSource.key)
      if (q.resolutionNote !== null) out.resolution.note = q.resolutionNote
    }
    out.forecasts = q.forecasts.map((f) => ({
      forecaster: f.forecaster,
      on: f.madeOn,
      probability: f.probability,
      criteriaVersion: f.criteriaVersion,
      rationale: f.rationale,
      sources: f.sources.map((s) => cite(s.key)!),
    }))
    out.evidence = q.evidence.map((e) => ({
      on: e.notedOn,
      description: e.description,
      likelihoodRatio: e.likelihoodRatio,
      ...(e.source ? { source: cite(e.source.key) } : {}),
      ...(e.claim ? { claim: e.claim.key } : {}),
    }))
    return out
  })
}
