import { EventKinds } from '../../negotiations/event-kinds.ts'
import { listNegotiationEvents } from '../../negotiations/events.repository.ts'
import {
  findNegotiationBySlug,
  type NegotiationRow,
} from '../../negotiations/negotiations.repository.ts'
import type { Db } from '../../platform/db/client.ts'
import { notFound } from '../../platform/errors.ts'
import { MISSILE_ATTACKS_DATASET } from '../datasets.ts'
import { type NightlySeries, type TalksWindowRatio, talksWindowRatio } from '../intensity.ts'
import { findNightlySeries } from '../strikes.repository.ts'

/**
 * The negotiation's own events drawn as numbered markers: every kind but a strike, which the
 * nightly bars already show. Ceasefires, territorial changes, signings and deadlines (#13) are
 * markers like talks, so that events of a new kind appear rather than drop out.
 */
const MARKED: ReadonlySet<string> = new Set(EventKinds.filter((kind) => kind !== 'strike'))

/** An event of the talks (any kind but a strike) placed on the timeline, numbered in date order, with its talks-window ratio. */
export interface MarkedEvent {
  number: number
  key: string
  kind: string
  title: string
  occurredOn: string
  endedOn: string | null
  ratio: TalksWindowRatio
}

export interface NegotiationTimeline {
  negotiation: NegotiationRow
  series: NightlySeries | undefined
  events: MarkedEvent[]
}

/** A negotiation's timeline: the strike series with its events numbered and their ratios. */
export async function loadNegotiationTimeline(db: Db, slug: string): Promise<NegotiationTimeline> {
  const negotiation = await findNegotiationBySlug(db, slug)
  if (!negotiation) throw notFound('negotiation')
  const [series, events] = await Promise.all([
    findNightlySeries(db, MISSILE_ATTACKS_DATASET.key),
    listNegotiationEvents(db, negotiation.id),
  ])
  const marked = events
    .filter((e) => MARKED.has(e.kind))
    .map((e, i) => ({
      number: i + 1,
      key: e.key,
      kind: e.kind,
      title: e.title,
      occurredOn: e.occurredOn,
      endedOn: e.endedOn,
      ratio: talksWindowRatio(series, e.occurredOn),
    }))
  return { negotiation, series, events: marked }
}
