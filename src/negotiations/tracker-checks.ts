import { invalidInput } from '../platform/errors.ts'
import type { TrackerData } from './actions/load-progress.ts'

/**
 * Checks a staff change against the negotiation as it stands: the version, the point and the role
 * periods it names must fit. Each refuses with the field at fault, as the forms show it.
 */

export function requireDocument(data: TrackerData, key: string) {
  const document = data.documents.find((d) => d.key === key)
  if (!document) {
    throw invalidInput('unknown framework version', [
      { path: 'document', message: `unknown document "${key}"` },
    ])
  }
  return document
}

export function requireProvision(data: TrackerData, documentKey: string, point: number) {
  const document = requireDocument(data, documentKey)
  const provision = document.provisions.find((p) => p.number === point)
  if (!provision) {
    throw invalidInput('unknown point', [
      { path: 'point', message: `document "${documentKey}" has no point ${point}` },
    ])
  }
  return { document, provision }
}

/** A party has one role at a time: a period may not end before it starts nor overlap another. */
export function checkNoOverlap(
  data: TrackerData,
  actorId: number,
  period: { from: string; to: string | null },
  exceptId?: number,
) {
  if (period.to !== null && period.to < period.from) {
    throw invalidInput('the role ends before it starts', [
      { path: 'to', message: 'ends before it starts' },
    ])
  }
  const clash = data.roles.find(
    (r) =>
      r.actorId === actorId &&
      r.id !== exceptId &&
      r.fromOn <= (period.to ?? '9999-12-31') &&
      period.from <= (r.toOn ?? '9999-12-31'),
  )
  if (clash) {
    throw invalidInput('a party has one role at a time', [
      {
        path: 'from',
        message: `overlaps ${clash.role} from ${clash.fromOn} to ${clash.toOn ?? 'now'}`,
      },
    ])
  }
}
