import {
  loadTrackerData,
  requireNegotiation,
  type TrackerData,
} from '../negotiations/actions/load-progress.ts'
import { listNegotiationEvents } from '../negotiations/events.repository.ts'
import type { SourceRef } from '../negotiations/negotiations.repository.ts'
import { listNegotiationSources } from '../negotiations/tracker.repository.ts'
import type { Db } from '../platform/db/client.ts'
import { listSourcesByKey, type SourceRow } from '../sources/sources.repository.ts'
import { exportClaimsSection } from './export-case-claims.ts'
import { exportForecastsSection } from './export-case-forecasts.ts'

/**
 * Writes a negotiation back out as a case file (docs/case-file.md). Importing the result gives
 * back the same negotiation: import ∘ export is lossless (a test checks it on the demo case).
 *
 * Each top-level section is produced by its own function in `caseSections`, in the order the
 * file lists them; a module that adds a section to the case file adds its exporter there.
 */

export interface ExportContext {
  db: Db
  data: TrackerData
  /** Keys of every source some exported entry cites; the `sources` section is written last. */
  cited: Set<string>
}

type SectionExporter = (ctx: ExportContext) => Promise<unknown> | unknown

// Omits a property whose value is null or undefined: the case file leaves optional fields out.
function optional<T>(name: string, value: T | null | undefined): Record<string, T> {
  return value === null || value === undefined ? {} : { [name]: value }
}

function cite(ctx: ExportContext, refs: readonly SourceRef[]): string[] {
  for (const ref of refs) ctx.cited.add(ref.key)
  return refs.map((ref) => ref.key)
}

function exportNegotiation({ data }: ExportContext) {
  const n = data.negotiation
  return {
    slug: n.slug,
    title: n.title,
    summary: n.summary,
    startedOn: n.startedOn,
    endedOn: n.endedOn,
    ...optional('attribution', n.attribution),
  }
}

function exportActors({ data }: ExportContext) {
  return data.actors.map((a) => ({
    key: a.key,
    name: a.name,
    kind: a.kind,
    ...optional('represents', a.representsKey),
    ...optional('role', a.role),
    ...optional('members', a.memberKeys),
  }))
}

async function exportEvents(ctx: ExportContext) {
  const events = await listNegotiationEvents(ctx.db, ctx.data.negotiation.id)
  return [...events]
    .sort((a, b) => a.id - b.id)
    .map((e) => ({
      key: e.key,
      date: e.occurredOn,
      ...optional('dateEnd', e.endedOn),
      kind: e.kind,
      title: e.title,
      summary: e.summary,
      actors: e.actorKeys,
      ...optional('location', e.location),
      confidence: e.confidence,
      ...optional('note', e.note),
      sources: cite(ctx, e.sources),
    }))
}

function exportDocuments(ctx: ExportContext) {
  return [...ctx.data.documents]
    .sort((a, b) => a.id - b.id)
    .map((doc) => ({
      key: doc.key,
      title: doc.title,
      date: doc.datedOn,
      ...optional('supersedes', doc.supersedesKey),
      ...optional('textStatus', doc.textStatus),
      sources: cite(ctx, doc.sources),
      provisions: doc.provisions.map((p) => ({
        number: p.number,
        topic: p.topic,
        ...optional('issue', p.issueKey),
        text: p.text,
        ...optional('reportedStatus', p.reportedStatus),
        uncertain: p.uncertain,
        sources: cite(ctx, p.sources),
        ...exportObligations(ctx, p.id),
      })),
    }))
}

/** The obligations a point creates, left out when it creates none (the field is optional). */
function exportObligations(ctx: ExportContext, provisionId: number) {
  const own = ctx.data.obligations.filter((o) => o.provisionId === provisionId)
  if (own.length === 0) return {}
  return {
    obligations: own.map((o) => ({
      key: o.key,
      party: o.actorKey,
      action: o.action,
      ...optional('due', o.dueOn),
      ...optional('note', o.note),
      sources: cite(ctx, o.sources),
    })),
  }
}

function exportImplementation(ctx: ExportContext) {
  return ctx.data.implementationRecords.map((r) => ({
    obligation: r.obligationKey,
    on: r.recordedOn,
    rung: r.rung,
    flags: r.flags,
    ...optional('note', r.note),
    sources: cite(ctx, r.sources),
  }))
}

function exportDisputes(ctx: ExportContext) {
  return ctx.data.disputes.map((d) => ({
    obligation: d.obligationKey,
    party: d.actorKey,
    ...optional('on', d.statedOn),
    reading: d.reading,
    sources: cite(ctx, d.sources),
  }))
}

function exportIssues(ctx: ExportContext) {
  return ctx.data.issues.map((issue) => ({
    key: issue.key,
    title: issue.title,
    summary: issue.summary,
    ...optional('statusLatest', issue.statusLatest),
    core: issue.core,
    divisible: issue.divisible,
    sources: cite(ctx, issue.sources),
  }))
}

function exportParties(ctx: ExportContext) {
  const parties = new Map<string, { actor: string; roles: unknown[] }>()
  for (const role of [...ctx.data.roles].sort((a, b) => a.id - b.id)) {
    const party = parties.get(role.actorKey) ?? { actor: role.actorKey, roles: [] }
    party.roles.push({
      role: role.role,
      from: role.fromOn,
      to: role.toOn,
      ...optional('note', role.note),
      sources: cite(ctx, role.sources),
    })
    parties.set(role.actorKey, party)
  }
  return [...parties.values()]
}

function exportWeights({ data }: ExportContext) {
  return [...data.weightSets]
    .sort((a, b) => a.id - b.id)
    .map((set) => ({
      key: set.key,
      document: set.documentKey,
      setBy: set.setBy,
      setOn: set.setOn,
      rationale: set.rationale,
      weights: set.weights.map((w) => ({
        point: w.number,
        weight: w.weight,
        ...optional('note', w.note),
      })),
    }))
}

function exportPositions(ctx: ExportContext) {
  return ctx.data.positions.map((p) => ({
    document: p.documentKey,
    point: p.number,
    party: p.actorKey,
    on: p.statedOn,
    level: p.level,
    ...optional('note', p.note),
    sources: cite(ctx, p.sources),
  }))
}

function exportLineage({ data }: ExportContext) {
  const pairs = new Map<string, { from: string; to: string; links: unknown[] }>()
  for (const link of data.links) {
    const id = `${link.fromDocumentKey}\u0000${link.toDocumentKey}`
    const pair = pairs.get(id) ?? { from: link.fromDocumentKey, to: link.toDocumentKey, links: [] }
    pair.links.push({ from: link.fromNumber, to: link.toNumber, ...optional('note', link.note) })
    pairs.set(id, pair)
  }
  return [...pairs.values()]
}

function exportBottomLines(ctx: ExportContext) {
  const { scales, bottomLines } = ctx.data
  const firstLine = (issue: string) => {
    const index = bottomLines.findIndex((line) => line.issueKey === issue)
    return index === -1 ? Number.POSITIVE_INFINITY : index
  }
  return [...scales]
    .sort((a, b) => firstLine(a.issueKey) - firstLine(b.issueKey))
    .map((scale) => ({
      issue: scale.issueKey,
      scale: scale.scale,
      lines: bottomLines
        .filter((line) => line.issueKey === scale.issueKey)
        .map((line) => ({
          party: line.actorKey,
          on: line.statedOn,
          min: line.min,
          max: line.max,
          ...optional('note', line.note),
          sources: cite(ctx, line.sources),
        })),
    }))
}

/** The file's own source list, then any source cited by an exported entry but not listed. */
async function exportSources(ctx: ExportContext) {
  const listed = await listNegotiationSources(ctx.db, ctx.data.negotiation.id)
  const known = new Set(listed.map((s) => s.key))
  const extra = await listSourcesByKey(
    ctx.db,
    [...ctx.cited].filter((key) => !known.has(key)),
  )
  return [...listed, ...extra.sort((a, b) => a.id - b.id)].map((s: SourceRow) => ({
    key: s.key,
    url: s.url,
    ...optional('title', s.title),
    publisher: s.publisher ?? s.key,
    ...optional('author', s.author),
    published: s.publishedOn,
    kind: s.kind,
    reliability: s.reliability,
    ...optional('note', s.note),
  }))
}

/**
 * The sections of a case file and how each is exported, in file order. `sources` comes last in
 * the run (it collects what the others cite) but first in the file after `negotiation`.
 */
export const caseSections: [string, SectionExporter][] = [
  ['negotiation', exportNegotiation],
  ['actors', exportActors],
  ['events', exportEvents],
  ['documents', exportDocuments],
  ['issues', exportIssues],
  ['parties', exportParties],
  ['weights', exportWeights],
  ['positions', exportPositions],
  ['lineage', exportLineage],
  ['bottomLines', exportBottomLines],
  ['claims', exportClaimsSection],
  ['forecasts', exportForecastsSection],
  ['implementation', exportImplementation],
  ['disputes', exportDisputes],
]

const FILE_ORDER = ['format', 'negotiation', 'sources']

/** A negotiation as a case file (a plain JSON value, source URLs included: staff only). */
export async function exportCase(db: Db, slug: string): Promise<Record<string, unknown>> {
  const negotiation = await requireNegotiation(db, slug)
  const ctx: ExportContext = { db, data: await loadTrackerData(db, negotiation), cited: new Set() }
  const sections: Record<string, unknown> = {}
  for (const [name, exporter] of caseSections) sections[name] = await exporter(ctx)
  sections.sources = await exportSources(ctx)
  const file: Record<string, unknown> = { format: 'parley-case/1' }
  for (const name of FILE_ORDER) if (name in sections) file[name] = sections[name]
  for (const [name, value] of Object.entries(sections)) if (!(name in file)) file[name] = value
  return file
}
