import { Hono } from 'hono'
import { requireRole } from '../platform/web/auth.ts'
import type { AppEnv } from '../platform/web/env.ts'
import { recordAudit } from '../staff/audit.repository.ts'
import { exportCslItems, exportWarc } from './actions/export-sources.ts'
import { releaseHeldSources } from './archive-queue.repository.ts'
import type { SourceDeps } from './source-deps.ts'

/** The archive as files to download, and the owner's release of the demo's held sources. */
export function archiveRoutes(deps: SourceDeps) {
  const app = new Hono<AppEnv>()
  const { db } = deps

  // The bundled demo's sources are held, not fetched unasked; the owner queues them here.
  app.post('/staff/archive/demo', requireRole('owner'), async (c) => {
    const staff = c.get('staff')!
    const queued = await db.transaction(async (tx) => {
      const n = await releaseHeldSources(tx, deps.clock.now())
      await recordAudit(
        tx,
        { staffId: staff.id, label: staff.email },
        {
          action: 'archive-queue',
          entity: 'source',
          entityId: null,
          after: { queued: n, of: 'demo' },
        },
      )
      return n
    })
    const said =
      queued === 0
        ? 'Nothing to queue: the demo sources are queued or archived already.'
        : `Queued ${queued} demo source${queued === 1 ? '' : 's'} for archiving; progress below.`
    return c.redirect(`/staff/sources?done=${encodeURIComponent(said)}`, 303)
  })

  app.get('/staff/sources/export.csl.json', requireRole('analyst'), async (c) => {
    c.header('Content-Disposition', 'attachment; filename="parley-sources.csl.json"')
    return c.json(await exportCslItems(db, { includeUrls: true }))
  })

  app.get('/staff/sources/export.warc', requireRole('analyst'), async (c) => {
    const { warc } = await exportWarc(db, { filename: 'parley-snapshots.warc' })
    return c.body(warc as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': 'application/warc',
      'Content-Disposition': 'attachment; filename="parley-snapshots.warc"',
    })
  })

  return app
}
