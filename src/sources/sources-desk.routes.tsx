import { type Context, Hono } from 'hono'
import { notFound } from '../platform/errors.ts'
import { requireRole } from '../platform/web/auth.ts'
import type { AppEnv } from '../platform/web/env.ts'
import { type FormProblem, formValues, problemOf } from '../platform/web/forms.tsx'
import type { Actor } from '../staff/audit.repository.ts'
import { roleAtLeast, type StaffUser } from '../staff/staff.ts'
import { addQuote } from './actions/add-quote.ts'
import { addSource } from './actions/add-source.ts'
import { type ArchiveOptions, archiveSource } from './actions/archive-source.ts'
import { checkSourceLink } from './actions/check-links.ts'
import { editSource } from './actions/edit-source.ts'
import { ledgerFilter, loadLedger, loadSourceView } from './actions/load-source-view.ts'
import { verifyQuotes } from './actions/verify-quotes.ts'
import { archiveProgress } from './archive-queue.repository.ts'
import { ledgerPage } from './ledger.pages.tsx'
import { purgeSnapshot } from './snapshots.repository.ts'
import type { SourceDeps } from './source-deps.ts'
import { findSourceById, findSourceByKey } from './sources.repository.ts'
import {
  AddSourceForm,
  ArchiveProgressPanel,
  DeskLedgerTools,
  staffSourcePage,
} from './staff-sources.pages.tsx'

type Status = ReturnType<typeof problemOf>['status'] | 200

function actorOf(staff: StaffUser): Actor {
  return { staffId: staff.id, label: staff.email }
}

function archiveOptionsOf(deps: SourceDeps): ArchiveOptions {
  return { clock: deps.clock, fetch: { allowPrivate: deps.config.fetchAllowPrivate } }
}

/** The desk's ledger: every source with its URL, the archive queue, and the form to add one. */
function deskLedgerRoutes(deps: SourceDeps) {
  const app = new Hono<AppEnv>()
  const { db } = deps

  const deskLedger = async (
    c: Context<AppEnv>,
    extra: { notice?: string; values?: Record<string, string>; problem?: FormProblem } = {},
    status: Status = 200,
  ) => {
    const [{ filter, sources, summary }, progress] = await Promise.all([
      loadLedger(
        db,
        ledgerFilter((name) => c.req.query(name)),
        true,
      ),
      archiveProgress(db),
    ])
    const staff = c.get('staff')!
    return c.html(
      ledgerPage({
        sources,
        summary,
        filter,
        links: true,
        staff: c.get('staff'),
        action: '/staff/sources',
        title: 'Source ledger — desk',
        children: (
          <>
            <DeskLedgerTools notice={extra.notice} />
            <ArchiveProgressPanel progress={progress} owner={roleAtLeast(staff.role, 'owner')} />
            <AddSourceForm values={extra.values} problem={extra.problem} />
          </>
        ),
      }),
      status,
    )
  }

  app.get('/staff/sources', requireRole('analyst'), (c) =>
    deskLedger(c, { notice: c.req.query('done') }),
  )

  app.post('/staff/sources', requireRole('analyst'), async (c) => {
    const values = formValues(await c.req.parseBody())
    const { noArchive, ...fields } = values
    try {
      const added = await addSource(db, actorOf(c.get('staff')!), fields, {
        ...archiveOptionsOf(deps),
        archive: noArchive !== '1',
      })
      const done = added.archive ? `archived, sha256 ${added.archive.snapshot.sha256}` : 'recorded'
      return c.redirect(
        `/staff/sources/${encodeURIComponent(added.source.key)}?done=${encodeURIComponent(`Added: ${done}.`)}`,
        303,
      )
    } catch (error) {
      const { problem, status } = problemOf(error)
      return deskLedger(c, { values, problem }, status)
    }
  })

  app.post('/staff/quotes/verify', requireRole('analyst'), async (c) => {
    const { counts } = await verifyQuotes(db, { clock: deps.clock })
    const notice = `Quotes: ${counts.verified} verified, ${counts.moved} moved, ${counts.orphaned} orphaned.`
    return c.redirect(`/staff/sources?done=${encodeURIComponent(notice)}`, 303)
  })

  return app
}

const back = (key: string, notice: string) =>
  `/staff/sources/${encodeURIComponent(key)}?done=${encodeURIComponent(notice)}`

/** One source on the desk: edit it, archive it, check its link, quote it, purge a snapshot. */
function deskSourceRoutes(deps: SourceDeps) {
  const app = new Hono<AppEnv>()
  const { db } = deps

  const deskSource = async (
    c: Context<AppEnv>,
    key: string,
    extra: {
      notice?: string | undefined
      problem?: FormProblem
      quoteValues?: Record<string, string>
    } = {},
    status: Status = 200,
  ) => {
    const view = await loadSourceView(db, key, { links: true, claimsCiting: deps.claimsCiting })
    return c.html(staffSourcePage({ ...view, staff: c.get('staff')!, ...extra }), status)
  }

  /** Runs a desk write; a refused one shows the source's page again with the problem. */
  const orShowProblem = async (
    c: Context<AppEnv>,
    key: string,
    write: () => Promise<Response>,
    quoteValues?: Record<string, string>,
  ) => {
    try {
      return await write()
    } catch (error) {
      const { problem, status } = problemOf(error)
      return deskSource(c, key, quoteValues ? { problem, quoteValues } : { problem }, status)
    }
  }

  app.get('/staff/sources/:key', requireRole('analyst'), (c) =>
    deskSource(c, c.req.param('key'), { notice: c.req.query('done') }),
  )

  app.post('/staff/sources/:key', requireRole('analyst'), async (c) => {
    const key = c.req.param('key')
    return orShowProblem(c, key, async () => {
      await editSource(db, actorOf(c.get('staff')!), key, formValues(await c.req.parseBody()))
      return c.redirect(back(key, 'Saved.'), 303)
    })
  })

  app.post('/staff/sources/:key/archive', requireRole('analyst'), async (c) => {
    const key = c.req.param('key')
    return orShowProblem(c, key, async () => {
      const actor = actorOf(c.get('staff')!)
      const result = await archiveSource(db, actor, key, archiveOptionsOf(deps))
      const said = {
        new: 'Archived.',
        changed: 'The content has changed: archived as a new snapshot.',
        unchanged: 'Unchanged since the newest snapshot: nothing new stored.',
      }[result.outcome]
      return c.redirect(back(key, said), 303)
    })
  })

  app.post('/staff/sources/:key/check', requireRole('analyst'), async (c) => {
    const key = c.req.param('key')
    const source = await findSourceByKey(db, key)
    if (!source) throw notFound(`source "${key}"`)
    const actor = actorOf(c.get('staff')!)
    const result = await checkSourceLink(db, actor, source, archiveOptionsOf(deps))
    const http = result.httpStatus ? ` (HTTP ${result.httpStatus})` : ''
    return c.redirect(back(key, `Link checked: ${result.status}${http}.`), 303)
  })

  app.post('/staff/sources/:key/quotes', requireRole('analyst'), async (c) => {
    const key = c.req.param('key')
    const values = formValues(await c.req.parseBody())
    const body = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ''))
    return orShowProblem(
      c,
      key,
      async () => {
        const quote = await addQuote(db, actorOf(c.get('staff')!), key, body, deps.clock)
        return c.redirect(
          `${back(key, `Quote ${quote.id} anchored at ${quote.start}–${quote.end}.`)}#quote-${quote.id}`,
          303,
        )
      },
      values,
    )
  })

  app.post('/staff/snapshots/:id/purge', requireRole('owner'), async (c) => {
    const { reason } = formValues(await c.req.parseBody())
    const actor = actorOf(c.get('staff')!)
    const purged = await purgeSnapshot(db, actor, Number(c.req.param('id')), reason ?? '')
    const source = await findSourceById(db, purged.sourceId)
    return c.redirect(back(source?.key ?? '', `Snapshot #${purged.id} purged.`), 303)
  })

  return app
}

/** The desk's source pages (staff only; always with URLs). */
export function sourceDeskRoutes(deps: SourceDeps) {
  const app = new Hono<AppEnv>()
  app.route('/', deskLedgerRoutes(deps))
  app.route('/', deskSourceRoutes(deps))
  return app
}
