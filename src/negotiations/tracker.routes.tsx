import { type Context, Hono } from 'hono'
import type { z } from 'zod'
import { exportCase } from '../casefile/export-case.ts'
import type { Db } from '../platform/db/client.ts'
import { AppError, detailsFromZod, invalidInput, isAppError, notFound } from '../platform/errors.ts'
import { isoDay } from '../platform/time.ts'
import { gateSourceRefs, loadSourceAccess, requireRole } from '../platform/web/auth.ts'
import type { AppDeps, AppEnv } from '../platform/web/env.ts'
import { listSourcesByKey } from '../sources/sources.repository.ts'
import { type Actor, recordAudit } from '../staff/audit.repository.ts'
import {
  chooseDocument,
  loadNegotiationProgress,
  loadTrackerData,
  parseDateParam,
  type ReaderWeights,
  requireNegotiation,
  type TrackerData,
} from './load-progress.ts'
import { insertActors, type NegotiationRow } from './negotiations.repository.ts'
import { checkWeights, lineageRows } from './progress.ts'
import {
  formToBody,
  IssueBody,
  PositionBody,
  ProvisionIssueBody,
  RoleBody,
  RolePatchBody,
  WeightSetBody,
} from './tracker.inputs.ts'
import { architecturePage, diffPage, editPage, positionsPage } from './tracker.pages.tsx'
import {
  deletePosition,
  deleteRole,
  findPositionRow,
  findRole,
  findWeightSetByKey,
  insertIssue,
  insertPositions,
  insertRoles,
  insertWeightSet,
  updateIssue,
  updatePosition,
  updateProvisionIssue,
  updateRole,
} from './tracker.repository.ts'

// ——— Reading parameters ———

/** Reader's issue weights from the API (`w.KEY=0.4`, fractions) or the page (`weight-KEY=40`, percent). */
export function readerWeightsFrom(
  query: Record<string, string>,
  unit: 'fraction' | 'percent',
): ReaderWeights | undefined {
  const prefix = unit === 'fraction' ? 'w.' : 'weight-'
  const byIssue = new Map<string, number>()
  const problems: { path: string; message: string }[] = []
  for (const [name, raw] of Object.entries(query)) {
    if (!name.startsWith(prefix)) continue
    const issue = name.slice(prefix.length)
    const value = raw.trim() === '' ? Number.NaN : Number(raw)
    if (!Number.isFinite(value)) {
      problems.push({ path: name, message: `expected a number, got "${raw}"` })
      continue
    }
    byIssue.set(issue, unit === 'percent' ? value / 100 : value)
  }
  if (problems.length > 0) throw invalidInput('the weights are not usable', problems)
  if (byIssue.size === 0) return undefined
  const normalize = ['1', 'true', 'on'].includes(query.normalize ?? '')
  return { byIssue, normalize }
}

function parseBody<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const parsed = schema.safeParse(value)
  if (!parsed.success) {
    throw invalidInput('the change was refused', detailsFromZod(parsed.error.issues))
  }
  return parsed.data
}

function staffActor(c: Context<AppEnv>): Actor {
  const staff = c.get('staff')!
  return { staffId: staff.id, label: staff.email }
}

// ——— The staff edits: each validates against the negotiation, writes and audits in one transaction ———

async function sourceIdsFor(db: Db, keys: readonly string[]): Promise<number[]> {
  const rows = await listSourcesByKey(db, keys)
  const byKey = new Map(rows.map((r) => [r.key, r.id]))
  const unknown = keys
    .map((key, i) => ({ key, i }))
    .filter(({ key }) => !byKey.has(key))
    .map(({ key, i }) => ({ path: `sources.${i}`, message: `unknown source "${key}"` }))
  if (unknown.length > 0) throw invalidInput('the change cites unknown sources', unknown)
  return keys.map((key) => byKey.get(key)!)
}

function requireDocument(data: TrackerData, key: string) {
  const document = data.documents.find((d) => d.key === key)
  if (!document) {
    throw invalidInput('unknown framework version', [
      { path: 'document', message: `unknown document "${key}"` },
    ])
  }
  return document
}

function requireProvision(data: TrackerData, documentKey: string, point: number) {
  const document = requireDocument(data, documentKey)
  const provision = document.provisions.find((p) => p.number === point)
  if (!provision) {
    throw invalidInput('unknown point', [
      { path: 'point', message: `document "${documentKey}" has no point ${point}` },
    ])
  }
  return { document, provision }
}

/** Records (or replaces, for the same party, point and date) a position. */
export async function savePosition(
  db: Db,
  actor: Actor,
  negotiation: NegotiationRow,
  value: unknown,
): Promise<{ id: number; replaced: boolean }> {
  const body = parseBody(PositionBody, value)
  return db.transaction(async (tx) => {
    const data = await loadTrackerData(tx, negotiation)
    const { provision } = requireProvision(data, body.document, body.point)
    const party = data.actors.find((a) => a.key === body.party)
    if (!party || !data.roles.some((r) => r.actorId === party.id)) {
      throw invalidInput('unknown party', [
        { path: 'party', message: `unknown party "${body.party}" (give it a role first)` },
      ])
    }
    const sourceIds = await sourceIdsFor(tx, body.sources)
    const existing = await findPositionRow(tx, provision.id, party.id, body.on)
    const after = { ...body, negotiation: negotiation.slug }
    let id: number
    if (existing) {
      await updatePosition(tx, existing.id, { level: body.level, note: body.note }, sourceIds)
      id = existing.id
    } else {
      ;[id] = (await insertPositions(tx, [
        {
          provisionId: provision.id,
          actorId: party.id,
          statedOn: body.on,
          level: body.level,
          note: body.note,
          sourceIds,
        },
      ])) as [number]
    }
    await recordAudit(tx, actor, {
      action: existing ? 'update' : 'create',
      entity: 'position',
      entityId: id,
      before: existing ? { level: existing.level, note: existing.note } : null,
      after,
    })
    return { id, replaced: existing !== undefined }
  })
}

export async function removePosition(
  db: Db,
  actor: Actor,
  negotiation: NegotiationRow,
  id: number,
): Promise<void> {
  await db.transaction(async (tx) => {
    const data = await loadTrackerData(tx, negotiation)
    const position = data.positions.find((p) => p.id === id)
    if (!position) throw notFound(`position ${id}`)
    await deletePosition(tx, id)
    await recordAudit(tx, actor, {
      action: 'delete',
      entity: 'position',
      entityId: id,
      before: {
        document: position.documentKey,
        point: position.number,
        party: position.actorKey,
        on: position.statedOn,
        level: position.level,
        sources: position.sources.map((s) => s.key),
      },
    })
  })
}

function checkNoOverlap(
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

/** Adds a role period; a new actor is created when a name and kind are given for an unknown key. */
export async function addRole(
  db: Db,
  actor: Actor,
  negotiation: NegotiationRow,
  value: unknown,
): Promise<{ id: number }> {
  const body = parseBody(RoleBody, value)
  return db.transaction(async (tx) => {
    const data = await loadTrackerData(tx, negotiation)
    let party = data.actors.find((a) => a.key === body.actor)
    if (!party) {
      if (body.name === null || body.kind === undefined) {
        throw invalidInput('unknown party', [
          {
            path: 'actor',
            message: `unknown actor "${body.actor}" (give a name and a kind to add it)`,
          },
        ])
      }
      ;[party] = await insertActors(tx, [
        {
          negotiationId: negotiation.id,
          key: body.actor,
          name: body.name,
          kind: body.kind,
          representsKey: null,
          role: null,
        },
      ])
      await recordAudit(tx, actor, {
        action: 'create',
        entity: 'actor',
        entityId: `${negotiation.slug}/${body.actor}`,
        after: { key: body.actor, name: body.name, kind: body.kind },
      })
    }
    const actorId = party!.id
    checkNoOverlap(data, actorId, { from: body.from, to: body.to })
    const sourceIds = await sourceIdsFor(tx, body.sources)
    const [id] = (await insertRoles(tx, [
      {
        negotiationId: negotiation.id,
        actorId,
        role: body.role,
        fromOn: body.from,
        toOn: body.to,
        note: body.note,
        sourceIds,
      },
    ])) as [number]
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'party_role',
      entityId: id,
      after: { negotiation: negotiation.slug, ...body },
    })
    return { id }
  })
}

/** Changes a role period (its end date, most often), keeping one role per party at a time. */
export async function changeRole(
  db: Db,
  actor: Actor,
  negotiation: NegotiationRow,
  id: number,
  value: unknown,
): Promise<void> {
  const body = parseBody(RolePatchBody, value)
  await db.transaction(async (tx) => {
    const data = await loadTrackerData(tx, negotiation)
    const role = data.roles.find((r) => r.id === id)
    if (!role) throw notFound(`role ${id}`)
    const next = {
      role: body.role ?? role.role,
      fromOn: body.from ?? role.fromOn,
      toOn: body.to === undefined ? role.toOn : body.to,
      note: body.note === undefined ? role.note : body.note,
    }
    checkNoOverlap(data, role.actorId, { from: next.fromOn, to: next.toOn }, id)
    const sourceIds = body.sources ? await sourceIdsFor(tx, body.sources) : undefined
    await updateRole(tx, id, next, sourceIds)
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'party_role',
      entityId: id,
      before: { role: role.role, fromOn: role.fromOn, toOn: role.toOn, note: role.note },
      after: next,
    })
  })
}

export async function removeRole(
  db: Db,
  actor: Actor,
  negotiation: NegotiationRow,
  id: number,
): Promise<void> {
  await db.transaction(async (tx) => {
    const role = await findRole(tx, negotiation.id, id)
    if (!role) throw notFound(`role ${id}`)
    await deleteRole(tx, id)
    await recordAudit(tx, actor, {
      action: 'delete',
      entity: 'party_role',
      entityId: id,
      before: role,
    })
  })
}

/** Creates an issue, or updates the one with the same key. */
export async function saveIssue(
  db: Db,
  actor: Actor,
  negotiation: NegotiationRow,
  value: unknown,
): Promise<{ created: boolean }> {
  const body = parseBody(IssueBody, value)
  return db.transaction(async (tx) => {
    const data = await loadTrackerData(tx, negotiation)
    const existing = data.issues.find((i) => i.key === body.key)
    const values = {
      title: body.title,
      summary: body.summary,
      statusLatest: body.statusLatest,
      core: body.core,
      divisible: body.divisible,
    }
    if (existing) await updateIssue(tx, existing.id, values)
    else
      await insertIssue(tx, {
        negotiationId: negotiation.id,
        key: body.key,
        position: data.issues.length,
        ...values,
      })
    await recordAudit(tx, actor, {
      action: existing ? 'update' : 'create',
      entity: 'issue',
      entityId: `${negotiation.slug}/${body.key}`,
      before: existing
        ? {
            title: existing.title,
            summary: existing.summary,
            statusLatest: existing.statusLatest,
            core: existing.core,
            divisible: existing.divisible,
          }
        : null,
      after: values,
    })
    return { created: existing === undefined }
  })
}

export async function assignProvisionIssue(
  db: Db,
  actor: Actor,
  negotiation: NegotiationRow,
  value: unknown,
): Promise<void> {
  const body = parseBody(ProvisionIssueBody, value)
  await db.transaction(async (tx) => {
    const data = await loadTrackerData(tx, negotiation)
    const { provision } = requireProvision(data, body.document, body.point)
    const issue = body.issue === null ? null : data.issues.find((i) => i.key === body.issue)
    if (issue === undefined) {
      throw invalidInput('unknown issue', [
        { path: 'issue', message: `unknown issue "${body.issue}"` },
      ])
    }
    await updateProvisionIssue(tx, provision.id, issue?.id ?? null)
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'provision',
      entityId: `${negotiation.slug}/${body.document}#${body.point}`,
      before: { issue: provision.issueKey },
      after: { issue: body.issue },
    })
  })
}

/** Publishes a new weight set for a version: every point weighted once, ≥ 0, summing to 1. */
export async function publishWeights(
  db: Db,
  actor: Actor,
  negotiation: NegotiationRow,
  value: unknown,
  today: string,
): Promise<{ id: number; key: string }> {
  const body = parseBody(WeightSetBody, value)
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

// ——— Routes ———

export function trackerRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>()
  const { db } = deps
  const today = () => isoDay(deps.clock.now())

  app.get('/api/negotiations/:slug/progress', async (c) => {
    const query = c.req.query()
    const at = parseDateParam('at', query.at)
    const progress = await loadNegotiationProgress(db, c.req.param('slug'), {
      at,
      framework: query.framework,
      reader: readerWeightsFrom(query, 'fraction'),
      today: today(),
    })
    const { answer } = progress
    return c.json({
      ...answer,
      claims: answer.claims.map((claim) => ({ ...claim })),
      series: progress.series,
      implementationSeries: progress.implementationSeries,
    })
  })

  app.get('/api/negotiations/:slug/positions', async (c) => {
    const negotiation = await requireNegotiation(db, c.req.param('slug'))
    const data = await loadTrackerData(db, negotiation)
    return c.json({
      negotiation: negotiation.slug,
      parties: data.roles.map((r) => ({
        id: r.id,
        party: r.actorKey,
        role: r.role,
        from: r.fromOn,
        to: r.toOn,
        note: r.note,
        sources: gateSourceRefs(c, r.sources),
      })),
      positions: data.positions.map((p) => ({
        id: p.id,
        document: p.documentKey,
        point: p.number,
        party: p.actorKey,
        on: p.statedOn,
        level: p.level,
        note: p.note,
        sources: gateSourceRefs(c, p.sources),
      })),
      weightSets: data.weightSets.map(
        ({ id: _i, documentId: _d, createdAt: _c, weights, ...set }) => ({
          ...set,
          weights: weights.map((w) => ({ point: w.number, weight: w.weight, note: w.note })),
        }),
      ),
    })
  })

  app.get('/negotiations/:slug/architecture', async (c) => {
    const negotiation = await requireNegotiation(db, c.req.param('slug'))
    const data = await loadTrackerData(db, negotiation)
    const last = [
      ...data.roles.flatMap((r) => [r.fromOn, r.toOn ?? r.fromOn]),
      ...data.positions.map((p) => p.statedOn),
      negotiation.endedOn ?? negotiation.startedOn,
    ]
      .sort()
      .at(-1)!
    const end = [last, today()].sort()[0]!
    const at = parseDateParam('at', c.req.query('at')) ?? end
    const access = await loadSourceAccess(
      c,
      db,
      data.roles.flatMap((r) => r.sources.map((s) => s.key)),
    )
    return c.html(architecturePage({ data, end, at, staff: c.get('staff'), access }))
  })

  app.get('/negotiations/:slug/positions', async (c) => {
    const negotiation = await requireNegotiation(db, c.req.param('slug'))
    const data = await loadTrackerData(db, negotiation)
    const progress = await loadNegotiationProgress(db, negotiation.slug, {
      at: parseDateParam('at', c.req.query('at')),
      framework: c.req.query('framework') || undefined,
      today: today(),
    })
    return c.html(
      positionsPage({
        data,
        document: progress.bundle.document,
        at: progress.answer.at,
        staff: c.get('staff'),
        access: await loadSourceAccess(
          c,
          db,
          data.positions.flatMap((p) => p.sources.map((s) => s.key)),
        ),
      }),
    )
  })

  app.get('/negotiations/:slug/diff', async (c) => {
    const negotiation = await requireNegotiation(db, c.req.param('slug'))
    const data = await loadTrackerData(db, negotiation)
    const find = (key: string | undefined, name: string) => {
      if (key === undefined || key === '') return undefined
      const doc = data.documents.find((d) => d.key === key)
      if (!doc)
        throw invalidInput(`unknown ${name} version`, [
          { path: name, message: `unknown document "${key}"` },
        ])
      return doc
    }
    const later =
      find(c.req.query('to'), 'to') ??
      data.documents.findLast((d) => d.supersedesKey !== null) ??
      data.documents.at(-1)
    if (!later) throw notFound('framework documents')
    const earlier =
      find(c.req.query('from'), 'from') ??
      data.documents.find((d) => d.key === later.supersedesKey) ??
      data.documents[0]!
    if (earlier.id === later.id) {
      return c.html(
        diffPage({
          negotiation,
          documents: data.documents,
          from: earlier,
          to: later,
          rows: [],
          linked: false,
          staff: c.get('staff'),
        }),
      )
    }
    const links = data.links
      .filter((l) => l.fromDocumentKey === earlier.key && l.toDocumentKey === later.key)
      .map((l) => ({ from: l.fromNumber, to: l.toNumber, note: l.note }))
    const rows = lineageRows(
      earlier.provisions.map((p) => p.number),
      later.provisions.map((p) => p.number),
      links,
    )
    return c.html(
      diffPage({
        negotiation,
        documents: data.documents,
        from: earlier,
        to: later,
        rows,
        linked: links.length > 0,
        staff: c.get('staff'),
      }),
    )
  })

  // ——— Staff: the case file out, and the edits through the API ———

  app.get('/api/negotiations/:slug/case.json', requireRole('analyst'), async (c) => {
    const file = await exportCase(db, c.req.param('slug'))
    c.header('Content-Disposition', `attachment; filename="${c.req.param('slug')}.json"`)
    return c.json(file)
  })

  const jsonBody = async (c: Context<AppEnv>) => {
    try {
      return await c.req.json()
    } catch {
      throw invalidInput('the body is not valid JSON', [
        { path: '(body)', message: 'expected JSON' },
      ])
    }
  }
  const idParam = (c: Context<AppEnv>) => {
    const id = Number(c.req.param('id'))
    if (!Number.isInteger(id) || id <= 0) throw notFound('entry')
    return id
  }

  app.post('/api/negotiations/:slug/positions', requireRole('analyst'), async (c) => {
    const negotiation = await requireNegotiation(db, c.req.param('slug'))
    const saved = await savePosition(db, staffActor(c), negotiation, await jsonBody(c))
    return c.json(saved, saved.replaced ? 200 : 201)
  })
  app.delete('/api/negotiations/:slug/positions/:id', requireRole('analyst'), async (c) => {
    const negotiation = await requireNegotiation(db, c.req.param('slug'))
    await removePosition(db, staffActor(c), negotiation, idParam(c))
    return c.body(null, 204)
  })
  app.post('/api/negotiations/:slug/roles', requireRole('analyst'), async (c) => {
    const negotiation = await requireNegotiation(db, c.req.param('slug'))
    return c.json(await addRole(db, staffActor(c), negotiation, await jsonBody(c)), 201)
  })
  app.patch('/api/negotiations/:slug/roles/:id', requireRole('analyst'), async (c) => {
    const negotiation = await requireNegotiation(db, c.req.param('slug'))
    await changeRole(db, staffActor(c), negotiation, idParam(c), await jsonBody(c))
    return c.json({ ok: true })
  })
  app.delete('/api/negotiations/:slug/roles/:id', requireRole('analyst'), async (c) => {
    const negotiation = await requireNegotiation(db, c.req.param('slug'))
    await removeRole(db, staffActor(c), negotiation, idParam(c))
    return c.body(null, 204)
  })
  app.post('/api/negotiations/:slug/issues', requireRole('analyst'), async (c) => {
    const negotiation = await requireNegotiation(db, c.req.param('slug'))
    const saved = await saveIssue(db, staffActor(c), negotiation, await jsonBody(c))
    return c.json(saved, saved.created ? 201 : 200)
  })
  app.post('/api/negotiations/:slug/provision-issue', requireRole('analyst'), async (c) => {
    const negotiation = await requireNegotiation(db, c.req.param('slug'))
    await assignProvisionIssue(db, staffActor(c), negotiation, await jsonBody(c))
    return c.json({ ok: true })
  })
  app.post('/api/negotiations/:slug/weights', requireRole('analyst'), async (c) => {
    const negotiation = await requireNegotiation(db, c.req.param('slug'))
    return c.json(
      await publishWeights(db, staffActor(c), negotiation, await jsonBody(c), today()),
      201,
    )
  })

  // ——— Staff: the edit page and its forms ———

  const renderEdit = async (
    c: Context<AppEnv>,
    negotiation: NegotiationRow,
    extra: {
      notice?: string
      error?: NonNullable<Parameters<typeof editPage>[0]['error']>
      values?: Record<string, string>
      framework?: string | undefined
    },
    status: 200 | 400 | 404 | 409 = 200,
  ) => {
    const data = await loadTrackerData(db, negotiation)
    const document = chooseDocument(data, today(), extra.framework || undefined)
    return c.html(editPage({ data, document, staff: c.get('staff')!, ...extra }), status)
  }

  app.get('/negotiations/:slug/edit', requireRole('analyst'), async (c) => {
    const negotiation = await requireNegotiation(db, c.req.param('slug'))
    const done = c.req.query('done')
    return renderEdit(c, negotiation, {
      framework: c.req.query('framework'),
      ...(done ? { notice: `Saved: ${done}. The measures use it from now on.` } : {}),
    })
  })

  const forms: Record<
    string,
    (actor: Actor, negotiation: NegotiationRow, body: Record<string, unknown>) => Promise<string>
  > = {
    position: async (actor, n, body) => {
      const saved = await savePosition(db, actor, n, body)
      return saved.replaced ? 'position replaced' : 'position recorded'
    },
    'position-delete': async (actor, n, body) => {
      await removePosition(db, actor, n, Number(body.id))
      return 'position deleted'
    },
    role: async (actor, n, body) => {
      await addRole(db, actor, n, body)
      return 'role added'
    },
    'role-end': async (actor, n, body) => {
      await changeRole(db, actor, n, Number(body.id), { to: body.to ?? '' })
      return 'role changed'
    },
    'role-delete': async (actor, n, body) => {
      await removeRole(db, actor, n, Number(body.id))
      return 'role removed'
    },
    issue: async (actor, n, body) => {
      const saved = await saveIssue(db, actor, n, body)
      return saved.created ? 'issue added' : 'issue updated'
    },
    'provision-issue': async (actor, n, body) => {
      await assignProvisionIssue(db, actor, n, body)
      return 'point assigned'
    },
    weights: async (actor, n, body) => {
      const saved = await publishWeights(db, actor, n, body, today())
      return `weight set ${saved.key} published`
    },
  }

  app.post('/negotiations/:slug/edit/:form', requireRole('analyst'), async (c) => {
    const negotiation = await requireNegotiation(db, c.req.param('slug'))
    const name = c.req.param('form')
    const handler = Object.hasOwn(forms, name) ? forms[name] : undefined
    if (!handler) throw notFound('form')
    const form = await c.req.parseBody()
    const values = Object.fromEntries(
      Object.entries(form).filter((e): e is [string, string] => typeof e[1] === 'string'),
    )
    const document = typeof values.document === 'string' ? values.document : undefined
    try {
      const done = await handler(staffActor(c), negotiation, formToBody(values))
      const query = new URLSearchParams({ done, ...(document ? { framework: document } : {}) })
      return c.redirect(`/negotiations/${negotiation.slug}/edit?${query}`, 303)
    } catch (error) {
      if (!isAppError(error) || error.code === 'forbidden' || error.code === 'unauthenticated')
        throw error
      const formName = c.req.param('form').replace(/-(delete|end)$/, '')
      return renderEdit(
        c,
        negotiation,
        {
          framework: document,
          values,
          error: { form: formName, message: error.message, details: [...error.details] },
        },
        error.code === 'not_found' ? 404 : error.code === 'conflict' ? 409 : 400,
      )
    }
  })

  return app
}
