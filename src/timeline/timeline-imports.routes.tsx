import { type Context, Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { Db } from '../platform/db/client.ts'
import { AppError, detailsFromZod, invalidInput, isAppError } from '../platform/errors.ts'
import { requireRole } from '../platform/web/auth.ts'
import type { AppDeps, AppEnv } from '../platform/web/env.ts'
import type { Actor } from '../staff/audit.repository.ts'
import { importEvents } from './actions/import-events.ts'
import { importStrikes, readWeaponTable } from './actions/import-strikes.ts'
import type { ImportReport } from './datasets.ts'
import { datasetKey } from './timeline.inputs.ts'
import { importPage } from './timeline-import.pages.tsx'

const UPLOAD_LIMIT = 64 * 1024 * 1024

const uploadLimit = bodyLimit({
  maxSize: UPLOAD_LIMIT,
  onError: () => {
    throw new AppError('payload_too_large', `an upload may be at most ${UPLOAD_LIMIT >> 20} MB`)
  },
})

function staffActor(c: Context<AppEnv>): Actor {
  const staff = c.get('staff')!
  return { staffId: staff.id, label: staff.email }
}

type Upload = AsyncIterable<Uint8Array> | string

/** A multipart field that holds a file (or pasted text), as something the CSV reader can stream. */
function fieldInput(value: unknown): Upload | undefined {
  if (value instanceof File) {
    return value.size === 0 ? undefined : (value.stream() as unknown as AsyncIterable<Uint8Array>)
  }
  if (typeof value === 'string' && value.trim() !== '') return value
  return undefined
}

async function fieldText(value: unknown): Promise<string | undefined> {
  if (value instanceof File) return value.size === 0 ? undefined : value.text()
  if (typeof value === 'string' && value.trim() !== '') return value
  return undefined
}

interface UploadRequest {
  format: 'strikes' | 'gdelt' | 'csv'
  file: Upload
  weapons?: Upload | undefined
  mapping?: unknown
  dataset?: string | undefined
  skipBadRows: boolean
}

const flag = (v: unknown) => v === '1' || v === 'true' || v === 'on'

/** Reads an upload: multipart (file, weapons, mapping fields) or the raw body as the file. */
async function readUpload(
  c: Context<AppEnv>,
  format: UploadRequest['format'] | undefined,
): Promise<UploadRequest> {
  const type = c.req.header('content-type') ?? ''
  const query = c.req.query()
  if (type.startsWith('multipart/form-data')) {
    const form = await c.req.parseBody()
    const chosen = format ?? (form.format as UploadRequest['format'] | undefined)
    if (chosen !== 'strikes' && chosen !== 'gdelt' && chosen !== 'csv')
      throw invalidInput('choose what kind of file this is', [
        { path: 'format', message: 'expected strikes, gdelt or csv' },
      ])
    const file = fieldInput(form.file)
    if (!file) throw invalidInput('no file uploaded', [{ path: 'file', message: 'choose a file' }])
    let mapping: unknown
    if (chosen === 'csv') {
      const text = await fieldText(form.mapping)
      if (!text)
        throw invalidInput('a CSV event table needs its mapping', [
          { path: 'mapping', message: 'upload MAPPING.json' },
        ])
      try {
        mapping = JSON.parse(text)
      } catch (error) {
        throw invalidInput('the mapping is not valid JSON', [
          { path: 'mapping', message: (error as Error).message },
        ])
      }
    }
    const dataset =
      typeof form.dataset === 'string' && form.dataset !== '' ? form.dataset : query.dataset
    return {
      format: chosen,
      file,
      weapons: fieldInput(form.weapons),
      mapping,
      dataset,
      skipBadRows: flag(form.skipBadRows) || flag(query.skipBadRows),
    }
  }
  if (!format || format === 'csv')
    throw invalidInput(
      'send the file and its mapping as multipart/form-data (fields file, mapping)',
    )
  const body = c.req.raw.body
  if (!body) throw invalidInput('the request has no body')
  return {
    format,
    file: body as unknown as AsyncIterable<Uint8Array>,
    dataset: query.dataset,
    skipBadRows: flag(query.skipBadRows),
  }
}

async function runImport(db: Db, actor: Actor, upload: UploadRequest): Promise<ImportReport> {
  if (upload.dataset !== undefined) {
    const checked = datasetKey.safeParse(upload.dataset)
    if (!checked.success)
      throw invalidInput('invalid data set key', detailsFromZod(checked.error.issues))
  }
  if (upload.format === 'strikes') {
    const weapons = upload.weapons ? await readWeaponTable(upload.weapons) : undefined
    return importStrikes(db, actor, upload.file, {
      skipBadRows: upload.skipBadRows,
      ...(upload.dataset ? { dataset: upload.dataset } : {}),
      ...(weapons ? { weapons } : {}),
    })
  }
  if (upload.format === 'gdelt') {
    return importEvents(db, actor, upload.file, {
      format: 'gdelt',
      skipBadRows: upload.skipBadRows,
      ...(upload.dataset ? { dataset: upload.dataset } : {}),
    })
  }
  const mapping =
    upload.dataset && typeof upload.mapping === 'object' && upload.mapping !== null
      ? { ...upload.mapping, dataset: upload.dataset }
      : upload.mapping
  return importEvents(db, actor, upload.file, {
    format: 'csv',
    mapping,
    skipBadRows: upload.skipBadRows,
  })
}

/**
 * Uploads of strike files and event tables: the staff page and the JSON API. A strike import
 * changes what every timeline embed draws, so the articles that embed it follow once it has
 * committed; event tables feed only the dyad view, which no article embeds.
 */
export function timelineImportRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>()
  const { db } = deps
  const run = async (c: Context<AppEnv>, upload: UploadRequest) => {
    const report = await runImport(db, staffActor(c), upload)
    if (upload.format === 'strikes') await deps.dataChanged({ data: 'strikes' })
    return report
  }

  app.get('/staff/timeline/import', requireRole('analyst'), (c) =>
    c.html(importPage({ staff: c.get('staff') })),
  )

  app.post('/staff/timeline/import', requireRole('analyst'), uploadLimit, async (c) => {
    try {
      const report = await run(c, await readUpload(c, undefined))
      return c.html(importPage({ staff: c.get('staff'), report }))
    } catch (error) {
      if (!isAppError(error) || error.code !== 'invalid_input') throw error
      return c.html(importPage({ staff: c.get('staff'), error }), 400)
    }
  })

  app.post('/api/timeline/imports/strikes', requireRole('analyst'), uploadLimit, async (c) =>
    c.json(await run(c, await readUpload(c, 'strikes'))),
  )

  app.post('/api/timeline/imports/events', requireRole('analyst'), uploadLimit, async (c) => {
    const format = c.req.query('format')
    if (format !== 'gdelt' && format !== 'csv')
      throw invalidInput('invalid query', [{ path: 'format', message: 'expected gdelt or csv' }])
    return c.json(await run(c, await readUpload(c, format)))
  })

  return app
}
