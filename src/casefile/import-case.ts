import { insertEvents } from '../negotiations/events.repository.ts'
import {
  deleteNegotiation,
  findNegotiationBySlug,
  insertActors,
  insertDocument,
  insertIssues,
  insertNegotiation,
} from '../negotiations/negotiations.repository.ts'
import { insertNegotiationSources } from '../negotiations/tracker.repository.ts'
import type { Db } from '../platform/db/client.ts'
import { AppError, invalidInput } from '../platform/errors.ts'
import { queueSourcesForArchive } from '../sources/archive-queue.repository.ts'
import {
  insertSources,
  listSourcesByKey,
  listSourcesByNormalizedUrl,
} from '../sources/sources.repository.ts'
import { normalizeUrl } from '../sources/url.ts'
import { type Actor, recordAudit } from '../staff/audit.repository.ts'
import { type CaseFile, parseCaseFile } from './case-file.ts'
import type { CaseProblem } from './case-problem.ts'
import { type ClaimsImportReport, importCaseClaims } from './import-case-claims.ts'
import { type ForecastsImportReport, importCaseForecasts } from './import-case-forecasts.ts'
import {
  type ImplementationImportReport,
  importImplementationSections,
} from './import-implementation.ts'
import { importTrackerSections, type TrackerImportReport } from './import-tracker.ts'

export interface CaseImportReport {
  negotiation: string
  replaced: boolean
  /** `queued`: new sources put in the archive queue; `held`: recorded but not queued (the demo). */
  sources: { created: number; reused: number; queued: number; held: number }
  actors: number
  events: number
  documents: number
  provisions: number
  issues: number
  tracker: TrackerImportReport
  implementation: ImplementationImportReport
  claims: ClaimsImportReport
  forecasts: ForecastsImportReport
}

export interface ImportCaseOptions {
  /** Replace a negotiation with the same slug instead of refusing. */
  replace?: boolean
  /**
   * What happens to the new sources: queued for the archive job (the default), held (known,
   * fetched only when the owner asks: the bundled demo), or nothing (`--no-archive`).
   */
  archive?: 'queue' | 'hold' | 'none'
  now?: Date
}

function problemsError(problems: readonly CaseProblem[]): AppError {
  return invalidInput(
    `the case file has ${problems.length} problem${problems.length === 1 ? '' : 's'}`,
    problems.map((p) => ({ path: p.path, message: p.message })),
  )
}

/**
 * Loads a case file (already parsed from JSON) in one transaction: all of it or, on any problem,
 * nothing. Sources are shared across negotiations: a source whose URL is already in the ledger
 * is reused rather than copied.
 */
export async function importCase(
  db: Db,
  actor: Actor,
  value: unknown,
  options: ImportCaseOptions = {},
): Promise<CaseImportReport> {
  const parsed = parseCaseFile(value)
  if (!parsed.ok) throw problemsError(parsed.problems)
  const file = parsed.file
  return db.transaction(async (tx) => {
    const existing = await findNegotiationBySlug(tx, file.negotiation.slug)
    if (existing && !options.replace) {
      throw new AppError(
        'conflict',
        `a negotiation with slug "${file.negotiation.slug}" exists already; use --replace to replace it`,
      )
    }
    if (existing) await deleteNegotiation(tx, existing.id)

    const sourceIds = await resolveSources(tx, file)
    const ids = (keys: readonly string[]) => keys.map((key) => sourceIds.byKey.get(key)!)

    const { negotiation, actorRows, issueIds, documentIds, provisionCount } = await insertCaseRows(
      tx,
      file,
      ids,
    )
    const imported = {
      negotiationId: negotiation.id,
      sourceIds: sourceIds.byKey,
      actorIds: new Map(actorRows.map((a) => [a.key, a.id])),
      issueIds,
      documents: documentIds,
    }
    const tracker = await importTrackerSections(tx, file, imported)
    const implementation = await importImplementationSections(tx, file, imported)
    const claims = await importCaseClaims(tx, file.claims, {
      negotiationId: negotiation.id,
      sourceIds: sourceIds.byKey,
    })
    const forecasts = await importCaseForecasts(tx, file.forecasts, {
      negotiationId: negotiation.id,
      sourceIds: sourceIds.byKey,
    })
    // Part of the same write: an import that rolls back leaves no queue rows behind.
    const archive = options.archive ?? 'queue'
    const marked =
      archive === 'none'
        ? 0
        : await queueSourcesForArchive(
            tx,
            sourceIds.created,
            options.now ?? new Date(),
            archive === 'hold' ? 'held' : 'queued',
          )
    const queued = archive === 'queue' ? marked : 0
    const held = archive === 'hold' ? marked : 0
    const report: CaseImportReport = {
      negotiation: negotiation.slug,
      replaced: existing !== undefined,
      sources: { created: sourceIds.created.length, reused: sourceIds.reused, queued, held },
      actors: file.actors.length,
      events: file.events.length,
      documents: file.documents.length,
      provisions: provisionCount,
      issues: file.issues.length,
      tracker,
      implementation,
      claims,
      forecasts,
    }
    await recordAudit(tx, actor, {
      action: existing ? 'replace' : 'import',
      entity: 'negotiation',
      entityId: negotiation.slug,
      after: report,
    })
    return report
  })
}

/** The negotiation, its actors, issues, documents with their points, events and sources. */
async function insertCaseRows(tx: Db, file: CaseFile, ids: (keys: readonly string[]) => number[]) {
  const negotiation = await insertNegotiation(tx, { ...file.negotiation })
  const actorRows = await insertActors(
    tx,
    file.actors.map((a) => ({
      negotiationId: negotiation.id,
      key: a.key,
      name: a.name,
      kind: a.kind,
      representsKey: a.represents ?? null,
      role: a.role ?? null,
      memberKeys: a.members ?? null,
    })),
  )
  const issues = await insertIssues(
    tx,
    file.issues.map((issue, position) => ({
      negotiationId: negotiation.id,
      key: issue.key,
      title: issue.title,
      summary: issue.summary,
      statusLatest: issue.statusLatest ?? null,
      core: issue.core,
      divisible: issue.divisible,
      position,
      sourceIds: ids(issue.sources),
    })),
  )
  const issueIds = new Map(issues.map((i) => [i.key, i.id]))
  const documentIds = new Map<string, { id: number; provisions: Map<number, number> }>()
  let provisionCount = 0
  for (const doc of file.documents) {
    const { document, provisions } = await insertDocument(
      tx,
      {
        negotiationId: negotiation.id,
        key: doc.key,
        title: doc.title,
        datedOn: doc.date,
        supersedesKey: doc.supersedes ?? null,
        textStatus: doc.textStatus ?? null,
      },
      ids(doc.sources),
      doc.provisions.map((p) => ({
        documentId: 0,
        number: p.number,
        topic: p.topic,
        issueId: p.issue === undefined ? null : issueIds.get(p.issue)!,
        text: p.text,
        reportedStatus: p.reportedStatus ?? null,
        uncertain: p.uncertain,
        sourceIds: ids(p.sources),
      })),
    )
    provisionCount += provisions.length
    documentIds.set(doc.key, {
      id: document.id,
      provisions: new Map(provisions.map((p) => [p.number, p.id])),
    })
  }
  await insertEvents(
    tx,
    file.events.map((e) => ({
      negotiationId: negotiation.id,
      key: e.key,
      kind: e.kind,
      occurredOn: e.date,
      endedOn: e.dateEnd ?? null,
      title: e.title,
      summary: e.summary,
      location: e.location ?? null,
      confidence: e.confidence,
      note: e.note ?? null,
      actorKeys: e.actors,
      sourceIds: ids(e.sources),
    })),
  )
  await insertNegotiationSources(tx, negotiation.id, ids(file.sources.map((s) => s.key)))
  return { negotiation, actorRows, issueIds, documentIds, provisionCount }
}

/** Maps each of the file's source keys to a ledger source id, creating the missing ones. */
async function resolveSources(db: Db, file: CaseFile) {
  const problems: CaseProblem[] = []
  const normalized = file.sources.map((s) => normalizeUrl(s.url)!)
  const byUrl = new Map(
    (await listSourcesByNormalizedUrl(db, normalized)).map((s) => [s.normalizedUrl, s]),
  )
  const byKey = new Map(
    (
      await listSourcesByKey(
        db,
        file.sources.map((s) => s.key),
      )
    ).map((s) => [s.key, s]),
  )
  const seenUrls = new Map<string, number>()
  const ids = new Map<string, number>()
  const toCreate: { index: number; url: string }[] = []
  let reused = 0
  file.sources.forEach((source, index) => {
    const url = normalized[index]!
    const earlier = seenUrls.get(url)
    if (earlier !== undefined) {
      problems.push({
        path: `$.sources[${index}].url`,
        message: `same address as $.sources[${earlier}]`,
      })
      return
    }
    seenUrls.set(url, index)
    const sameKey = byKey.get(source.key)
    if (sameKey && sameKey.normalizedUrl !== url) {
      problems.push({
        path: `$.sources[${index}].key`,
        message: `key "${source.key}" is already used in the ledger for ${sameKey.url}`,
      })
      return
    }
    const sameUrl = byUrl.get(url)
    if (sameUrl) {
      ids.set(source.key, sameUrl.id)
      reused++
    } else {
      toCreate.push({ index, url })
    }
  })
  if (problems.length > 0) throw problemsError(problems)
  const created = await insertSources(
    db,
    toCreate.map(({ index, url }) => {
      const s = file.sources[index]!
      return {
        key: s.key,
        url: s.url,
        normalizedUrl: url,
        title: s.title ?? null,
        publisher: s.publisher,
        author: s.author ?? null,
        publishedOn: s.published,
        kind: s.kind,
        reliability: s.reliability,
        note: s.note ?? null,
      }
    }),
  )
  for (const row of created) ids.set(row.key, row.id)
  return { byKey: ids, created: created.map((row) => row.id), reused }
}
