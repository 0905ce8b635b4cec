import { z } from 'zod'
import { ImplementationFlags, rungLabels } from '../negotiations/progress.ts'
import { IsoDate, Key } from '../platform/values.ts'

/**
 * The implementation parts of a case file (docs/case-file.md, decision 0007): the obligations a
 * point creates (listed under the point), dated implementation records on the 0–3 ladder, and the
 * parties' disputed readings of an obligation. All optional: a file without them is unchanged.
 */

const Note = z.string().min(1)

export const CaseObligation = z
  .object({
    /** Unique in the file: implementation records and disputes name the obligation by it. */
    key: Key,
    /** Key of the party that must act; it must be listed under `parties`. */
    party: Key,
    action: z.string().min(1),
    /** Last day to carry it out; absent when the text sets none. */
    due: IsoDate.optional(),
    note: Note.optional(),
    sources: z.array(Key).default([]),
  })
  .strict()

const ladder = Object.entries(rungLabels)
  .map(([rung, label]) => `${rung} ${label}`)
  .join(', ')

export const Rung = z
  .number({ error: `expected a rung of the 0–3 implementation ladder (${ladder})` })
  .int(`expected a rung of the 0–3 implementation ladder (${ladder})`)
  .min(0, `expected a rung of the 0–3 implementation ladder (${ladder})`)
  .max(3, `expected a rung of the 0–3 implementation ladder (${ladder})`)

export const CaseImplementationRecord = z
  .object({
    /** Key of the obligation assessed. */
    obligation: Key,
    on: IsoDate,
    rung: Rung,
    flags: z
      .array(z.enum(ImplementationFlags, { error: `expected ${ImplementationFlags.join(' or ')}` }))
      .default([]),
    note: Note.optional(),
    sources: z.array(Key).min(1),
  })
  .strict()

export const CaseDispute = z
  .object({
    obligation: Key,
    /** The party whose reading this is; it must be listed under `parties`. */
    party: Key,
    on: IsoDate.optional(),
    reading: z.string().min(1),
    sources: z.array(Key).min(1),
  })
  .strict()

export type CaseObligation = z.infer<typeof CaseObligation>
export type CaseImplementationRecord = z.infer<typeof CaseImplementationRecord>
export type CaseDispute = z.infer<typeof CaseDispute>

export interface ImplementationSections {
  documents: readonly { provisions: readonly { obligations: readonly CaseObligation[] }[] }[]
  parties: readonly { actor: string }[]
  implementation: readonly CaseImplementationRecord[]
  disputes: readonly CaseDispute[]
}

/**
 * Cross-references of the implementation parts: obligation keys unique in the file, every party
 * named a party to the negotiation, every record and dispute naming an obligation that exists,
 * every source declared. All problems at once, each with its JSON path.
 */
export function checkImplementationReferences(
  file: ImplementationSections,
  known: { sources: ReadonlySet<string> },
): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = []
  const push = (path: string, message: string) => problems.push({ path, message })
  const sources = (path: string, keys: readonly string[]) =>
    keys.forEach((key, i) => {
      if (!known.sources.has(key)) push(`${path}[${i}]`, `unknown source "${key}"`)
    })
  const parties = new Set(file.parties.map((p) => p.actor))
  const party = (path: string, key: string) => {
    if (!parties.has(key))
      push(path, `"${key}" is not a party to the negotiation (list it under $.parties)`)
  }

  const obligations = new Map<string, string>()
  file.documents.forEach((doc, d) => {
    doc.provisions.forEach((point, p) => {
      point.obligations.forEach((obligation, o) => {
        const at = `$.documents[${d}].provisions[${p}].obligations[${o}]`
        const earlier = obligations.get(obligation.key)
        if (earlier !== undefined)
          push(`${at}.key`, `duplicate obligation key "${obligation.key}" (also at ${earlier})`)
        else obligations.set(obligation.key, at)
        party(`${at}.party`, obligation.party)
        sources(`${at}.sources`, obligation.sources)
      })
    })
  })
  const obligation = (path: string, key: string) => {
    if (!obligations.has(key)) push(path, `unknown obligation "${key}"`)
  }
  file.implementation.forEach((record, i) => {
    const at = `$.implementation[${i}]`
    obligation(`${at}.obligation`, record.obligation)
    sources(`${at}.sources`, record.sources)
  })
  file.disputes.forEach((dispute, i) => {
    const at = `$.disputes[${i}]`
    obligation(`${at}.obligation`, dispute.obligation)
    party(`${at}.party`, dispute.party)
    sources(`${at}.sources`, dispute.sources)
  })
  return problems
}
