import { z } from 'zod'
import { EventKinds } from '../negotiations/event-kinds.ts'
import { ActorKinds } from '../negotiations/tracker.inputs.ts'
import { IsoDate, Key, Slug } from '../platform/values.ts'
import { type SourceKind, SourceKinds } from '../sources/source-kinds.ts'
import { CaseClaim, checkClaimReferences } from './case-claims.ts'
import { CaseQuestion, checkForecastReferences } from './case-forecasts.ts'
import {
  CaseDispute,
  CaseImplementationRecord,
  CaseObligation,
  checkImplementationReferences,
} from './case-implementation.ts'
import type { CaseProblem } from './case-problem.ts'
import {
  CaseBottomLines,
  CaseLineage,
  CaseParty,
  CasePosition,
  CaseWeightSet,
  checkTrackerReferences,
} from './case-tracker.ts'

/**
 * The case file: one negotiation with its evidence, as a JSON document (docs/case-file.md).
 * Everything inside refers to everything else by `key`, so a file reads on its own and imports
 * in one transaction. Later capabilities add sections; unknown top-level sections are refused so
 * that a typo does not silently drop data.
 */

export { type SourceKind, SourceKinds }

export const CaseSource = z
  .object({
    key: Key,
    url: z.url({ protocol: /^https?$/ }),
    title: z.string().min(1).optional(),
    publisher: z.string().min(1),
    author: z.string().min(1).optional(),
    published: IsoDate.nullable().default(null),
    kind: z.enum(SourceKinds).default('secondary'),
    /** Admiralty source reliability: A (completely reliable) … F (cannot be judged). */
    reliability: z.enum(['A', 'B', 'C', 'D', 'E', 'F']).default('F'),
    note: z.string().optional(),
  })
  .strict()

export const CaseActor = z
  .object({
    key: Key,
    name: z.string().min(1),
    kind: z.enum(ActorKinds),
    /** For a person: the actor (state or organisation) they speak for. */
    represents: Key.optional(),
    role: z.string().optional(),
    /** For a group: the keys of the actors it is made of. */
    members: z.array(Key).optional(),
  })
  .strict()

export const CaseEvent = z
  .object({
    key: Key,
    date: IsoDate,
    dateEnd: IsoDate.optional(),
    kind: z.enum(EventKinds),
    title: z.string().min(1),
    summary: z.string().min(1),
    actors: z.array(Key).default([]),
    location: z.string().optional(),
    confidence: z.enum(['reported', 'uncertain']).default('reported'),
    note: z.string().optional(),
    sources: z.array(Key).min(1),
  })
  .strict()

export const CaseProvision = z
  .object({
    number: z.number().int().positive(),
    /** Short topic label, e.g. "territory"; ties the point to an issue when `issue` is absent. */
    topic: z.string().min(1),
    /** Key of the issue this point belongs to. */
    issue: Key.optional(),
    text: z.string().min(1),
    reportedStatus: z.string().optional(),
    uncertain: z.boolean().default(false),
    sources: z.array(Key).min(1),
    /** What signing this point obliges each party to do (decision 0007); optional. */
    obligations: z.array(CaseObligation).default([]),
  })
  .strict()

export const CaseDocument = z
  .object({
    key: Key,
    title: z.string().min(1),
    date: IsoDate,
    /** Key of the document this one revises, when it is a later version of the same framework. */
    supersedes: Key.optional(),
    textStatus: z.string().optional(),
    sources: z.array(Key).min(1),
    provisions: z.array(CaseProvision).min(1),
  })
  .strict()

export const CaseIssue = z
  .object({
    key: Key,
    title: z.string().min(1),
    /** What the earlier and later drafts said about it, and where it stands. */
    summary: z.string().min(1),
    statusLatest: z.string().optional(),
    core: z.boolean().default(false),
    divisible: z.boolean().default(true),
    sources: z.array(Key).default([]),
  })
  .strict()

export const CaseFile = z
  .object({
    format: z.literal('parley-case/1'),
    negotiation: z
      .object({
        slug: Slug,
        title: z.string().min(1),
        summary: z.string().min(1),
        startedOn: IsoDate,
        endedOn: IsoDate.nullable().default(null),
        attribution: z.string().optional(),
      })
      .strict(),
    sources: z.array(CaseSource).default([]),
    actors: z.array(CaseActor).default([]),
    events: z.array(CaseEvent).default([]),
    documents: z.array(CaseDocument).default([]),
    issues: z.array(CaseIssue).default([]),
    parties: z.array(CaseParty).default([]),
    weights: z.array(CaseWeightSet).default([]),
    positions: z.array(CasePosition).default([]),
    lineage: z.array(CaseLineage).default([]),
    bottomLines: z.array(CaseBottomLines).default([]),
    claims: z.array(CaseClaim).default([]),
    forecasts: z.array(CaseQuestion).default([]),
    /** Dated implementation records of the obligations listed under points. */
    implementation: z.array(CaseImplementationRecord).default([]),
    /** Parties' differing readings of what an obligation requires. */
    disputes: z.array(CaseDispute).default([]),
  })
  .strict()

export type CaseFile = z.infer<typeof CaseFile>
export type CaseFileInput = z.input<typeof CaseFile>

/** Renders a zod issue path as a JSON path (`$.a[0].b`). */
export function jsonPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, part) => {
    if (typeof part === 'number') return `${out}[${part}]`
    return /^[A-Za-z_$][\w$]*$/.test(String(part))
      ? `${out}.${String(part)}`
      : `${out}[${JSON.stringify(String(part))}]`
  }, '$')
}

/**
 * Checks the cross-references a schema cannot: unique keys, and every key used where one is
 * declared. Returns all problems at once so that an author fixes a file in one pass.
 */
export function checkCaseReferences(file: CaseFile): CaseProblem[] {
  const problems: CaseProblem[] = []
  const unique = (section: string, keys: readonly string[]) => {
    const seen = new Set<string>()
    keys.forEach((key, index) => {
      if (seen.has(key))
        problems.push({ path: `$.${section}[${index}].key`, message: `duplicate key "${key}"` })
      seen.add(key)
    })
    return seen
  }
  const sources = unique(
    'sources',
    file.sources.map((s) => s.key),
  )
  const actors = unique(
    'actors',
    file.actors.map((a) => a.key),
  )
  unique(
    'events',
    file.events.map((e) => e.key),
  )
  const documents = unique(
    'documents',
    file.documents.map((d) => d.key),
  )
  const issues = unique(
    'issues',
    file.issues.map((i) => i.key),
  )

  const refs = (path: string, keys: readonly string[], known: Set<string>, what: string) => {
    keys.forEach((key, index) => {
      if (!known.has(key))
        problems.push({ path: `${path}[${index}]`, message: `unknown ${what} "${key}"` })
    })
  }
  const ref = (path: string, key: string | undefined, known: Set<string>, what: string) => {
    if (key !== undefined && !known.has(key))
      problems.push({ path, message: `unknown ${what} "${key}"` })
  }

  for (const [i, actor] of file.actors.entries()) {
    ref(`$.actors[${i}].represents`, actor.represents, actors, 'actor')
    if (actor.members === undefined) continue
    if (actor.kind !== 'group') {
      problems.push({
        path: `$.actors[${i}].members`,
        message: `only an actor of kind "group" has members; this one is a ${actor.kind}`,
      })
    }
    refs(`$.actors[${i}].members`, actor.members, actors, 'actor')
    actor.members.forEach((member, m) => {
      if (member === actor.key)
        problems.push({
          path: `$.actors[${i}].members[${m}]`,
          message: 'a group is not its own member',
        })
    })
  }
  file.events.forEach((event, i) => {
    refs(`$.events[${i}].actors`, event.actors, actors, 'actor')
    refs(`$.events[${i}].sources`, event.sources, sources, 'source')
    if (event.dateEnd !== undefined && event.dateEnd < event.date) {
      problems.push({ path: `$.events[${i}].dateEnd`, message: 'ends before it starts' })
    }
  })
  for (const [i, issue] of file.issues.entries()) {
    refs(`$.issues[${i}].sources`, issue.sources, sources, 'source')
  }
  file.documents.forEach((doc, d) => {
    refs(`$.documents[${d}].sources`, doc.sources, sources, 'source')
    ref(`$.documents[${d}].supersedes`, doc.supersedes, documents, 'document')
    const numbers = new Set<number>()
    doc.provisions.forEach((point, p) => {
      const at = `$.documents[${d}].provisions[${p}]`
      if (numbers.has(point.number))
        problems.push({ path: `${at}.number`, message: `duplicate point number ${point.number}` })
      numbers.add(point.number)
      ref(`${at}.issue`, point.issue, issues, 'issue')
      refs(`${at}.sources`, point.sources, sources, 'source')
    })
  })
  problems.push(
    ...checkTrackerReferences(file, {
      sources,
      actors,
      issues,
      documents: new Map(
        file.documents.map((d) => [d.key, new Set(d.provisions.map((p) => p.number))]),
      ),
    }),
  )
  problems.push(...checkImplementationReferences(file, { sources }))
  problems.push(...checkClaimReferences(file.claims, { sources, actors }))
  problems.push(
    ...checkForecastReferences(file.forecasts, {
      sources,
      claims: new Set(file.claims.map((c) => c.key)),
    }),
  )
  return problems
}

export type ParsedCase = { ok: true; file: CaseFile } | { ok: false; problems: CaseProblem[] }

/** Validates an already-parsed JSON value as a case file: shape first, then references. */
export function parseCaseFile(value: unknown): ParsedCase {
  const shaped = CaseFile.safeParse(value)
  if (!shaped.success) {
    return {
      ok: false,
      problems: shaped.error.issues.map((issue) => ({
        path: jsonPath(issue.path),
        message: issue.message,
      })),
    }
  }
  const problems = checkCaseReferences(shaped.data)
  return problems.length === 0 ? { ok: true, file: shaped.data } : { ok: false, problems }
}
