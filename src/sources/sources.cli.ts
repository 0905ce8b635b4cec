import { writeFile } from 'node:fs/promises'
import {
  type CliContext,
  type Command,
  fieldsOf,
  optionalString,
  printJson,
  readJsonFile,
  UsageError,
} from '../platform/cli/command.ts'
import { notFound } from '../platform/errors.ts'
import { systemClock } from '../platform/time.ts'
import { cliActor } from '../staff/audit.repository.ts'
import { addQuote } from './actions/add-quote.ts'
import { addSource } from './actions/add-source.ts'
import { type ArchiveOptions, archiveSource } from './actions/archive-source.ts'
import { checkLinks } from './actions/check-links.ts'
import { deleteQuoteById } from './actions/delete-quote.ts'
import { editSource } from './actions/edit-source.ts'
import {
  exportSources,
  exportWarc,
  type SourceExportFormat,
  SourceExportFormats,
} from './actions/export-sources.ts'
import { importCslSources } from './actions/import-sources.ts'
import { verifyQuotes } from './actions/verify-quotes.ts'
import { drainArchiveQueue } from './archive-queue.job.ts'
import {
  type ArchiveProgress,
  archiveProgress,
  queueUncapturedSources,
} from './archive-queue.repository.ts'
import { archiveStateLine } from './archive-queue.ts'
import { listLinkChecks, listSnapshotMeta, purgeSnapshot } from './snapshots.repository.ts'
import { findSourceByKey, listSources } from './sources.repository.ts'

function archiveOptions(ctx: CliContext): ArchiveOptions {
  return { clock: systemClock, fetch: { allowPrivate: ctx.config.fetchAllowPrivate } }
}

const sourceFields = {
  key: { type: 'string' },
  kind: { type: 'string' },
  reliability: { type: 'string' },
  title: { type: 'string' },
  publisher: { type: 'string' },
  author: { type: 'string' },
  published: { type: 'string' },
  note: { type: 'string' },
} as const

const sourceAdd: Command = {
  name: 'source add',
  summary: 'add a source to the ledger and archive it',
  usage:
    'URL [--key K] [--kind primary|official|wire|secondary|osint|state_media|dataset] [--reliability A-F] [--title T] [--publisher P] [--author A] [--published YYYY-MM-DD] [--note N] [--no-archive] [--json]',
  options: { ...sourceFields, 'no-archive': { type: 'boolean' }, json: { type: 'boolean' } },
  async run(ctx, values, positionals) {
    const url = positionals[0]
    if (!url) throw new UsageError('URL is required')
    const database = await ctx.openDatabase()
    const added = await addSource(
      database.db,
      cliActor,
      { url, ...fieldsOf(values, Object.keys(sourceFields)) },
      { ...archiveOptions(ctx), archive: values['no-archive'] !== true },
    )
    if (values.json) printJson(ctx, added)
    else {
      const snap = added.archive?.snapshot
      ctx.stdout(
        `added ${added.source.key} (${added.source.kind}, ${added.source.reliability})\n` +
          (snap
            ? `archived snapshot ${snap.id}: HTTP ${snap.httpStatus}, ${snap.byteLength} bytes, sha256 ${snap.sha256}, text ${snap.textStatus}\n`
            : 'not archived (--no-archive)\n'),
      )
    }
    return 0
  },
}

const sourceEdit: Command = {
  name: 'source edit',
  summary: "change a source's fields (never its key)",
  usage:
    'KEY [--url U] [--kind K] [--reliability R] [--title T] [--publisher P] [--author A] [--published D] [--note N]',
  options: { ...sourceFields, url: { type: 'string' } },
  async run(ctx, values, positionals) {
    const key = positionals[0]
    if (!key) throw new UsageError('KEY is required')
    if (values.key !== undefined) throw new UsageError('a key never changes')
    const patch = fieldsOf(values, [
      'url',
      'kind',
      'reliability',
      'title',
      'publisher',
      'author',
      'published',
      'note',
    ])
    if (Object.keys(patch).length === 0) throw new UsageError('nothing to change')
    const database = await ctx.openDatabase()
    const source = await editSource(database.db, cliActor, key, patch)
    ctx.stdout(`updated ${source.key}\n`)
    return 0
  },
}

const sourceList: Command = {
  name: 'source list',
  summary: 'list or search the ledger',
  usage: '[WORDS…] [--kind K] [--status ok|changed|dead|unreachable|unchecked] [--json]',
  options: { kind: { type: 'string' }, status: { type: 'string' }, json: { type: 'boolean' } },
  async run(ctx, values, positionals) {
    const database = await ctx.openDatabase()
    const rows = await listSources(database.db, {
      q: positionals.join(' '),
      kind: optionalString(values, 'kind'),
      linkStatus: optionalString(values, 'status'),
      searchUrls: true,
      limit: 100_000,
    })
    if (values.json) printJson(ctx, rows)
    else {
      for (const s of rows)
        ctx.stdout(
          `${s.key}  ${s.publishedOn ?? 'undated'}  ${s.kind}/${s.reliability}  ${s.snapshotCount} snapshot(s)  link ${s.linkStatus}  ${s.title ?? s.publisher ?? ''}\n`,
        )
      ctx.stdout(`${rows.length} source${rows.length === 1 ? '' : 's'}\n`)
    }
    return 0
  },
}

const sourceShow: Command = {
  name: 'source show',
  summary: 'one source with its snapshots and link history',
  usage: 'KEY [--json]',
  options: { json: { type: 'boolean' } },
  async run(ctx, values, positionals) {
    const key = positionals[0]
    if (!key) throw new UsageError('KEY is required')
    const database = await ctx.openDatabase()
    const source = await findSourceByKey(database.db, key)
    if (!source) throw notFound(`source "${key}"`)
    const snapshots = await listSnapshotMeta(database.db, source.id)
    const checks = await listLinkChecks(database.db, source.id, 20)
    if (values.json) {
      printJson(ctx, { ...source, snapshots, linkChecks: checks })
      return 0
    }
    ctx.stdout(
      `${[
        `${source.key}: ${source.title ?? '(untitled)'}`,
        `  ${source.publisher ?? ''} ${source.publishedOn ?? 'undated'} · ${source.kind} · reliability ${source.reliability} · link ${source.linkStatus}`,
        `  ${source.url}`,
        ...snapshots.map(
          (s) =>
            `  snapshot ${s.id} ${s.fetchedAt.toISOString()} HTTP ${s.httpStatus} ${s.byteLength} B sha256 ${s.sha256} text ${s.textSha256 ?? s.textStatus}`,
        ),
        ...checks.map(
          (c) =>
            `  check ${c.checkedAt.toISOString()} ${c.status}${c.httpStatus ? ` HTTP ${c.httpStatus}` : ''}${c.error ? ` (${c.error})` : ''}`,
        ),
      ].join('\n')}\n`,
    )
    return 0
  },
}

const archive: Command = {
  name: 'archive',
  summary:
    'fetch a source now; --all: archive every source without a capture (through the queue); --status: the queue',
  usage: 'KEY | --all | --status [--json]',
  options: {
    all: { type: 'boolean' },
    status: { type: 'boolean' },
    json: { type: 'boolean' },
  },
  async run(ctx, values, positionals) {
    const key = positionals[0]
    const modes = [key !== undefined, values.all === true, values.status === true]
    if (modes.filter(Boolean).length !== 1)
      throw new UsageError('give one of KEY, --all or --status')
    const database = await ctx.openDatabase()
    if (values.status === true) {
      const progress = await archiveProgress(database.db)
      if (values.json) printJson(ctx, progress)
      else ctx.stdout(progressText(progress))
      return 0
    }
    if (key) {
      const result = await archiveSource(database.db, cliActor, key, archiveOptions(ctx))
      if (values.json) printJson(ctx, result)
      else
        ctx.stdout(
          `${result.sourceKey}: ${result.outcome} (snapshot ${result.snapshot.id}, sha256 ${result.snapshot.sha256})\n`,
        )
      return 0
    }
    const clock = systemClock
    const queued = await queueUncapturedSources(database.db, clock.now())
    if (!values.json) ctx.stderr(`${queued} source(s) without a capture queued for archiving\n`)
    const results = await drainArchiveQueue(database.db, {
      clock,
      fetch: { allowPrivate: ctx.config.fetchAllowPrivate },
      actor: cliActor,
      onResult: values.json
        ? undefined
        : (r) =>
            ctx.stdout(
              `${r.sourceKey}: ${r.outcome === 'already' ? 'archived already' : r.outcome}${r.reason ? ` — ${r.reason}` : ''}\n`,
            ),
      onWait: values.json
        ? undefined
        : (until, waiting) =>
            ctx.stderr(
              `${waiting} source(s) wait to be tried again; next try at ${until.toISOString()}\n`,
            ),
    })
    const progress = await archiveProgress(database.db)
    if (values.json) printJson(ctx, { results, progress })
    else ctx.stderr(progressText(progress))
    return progress.failed > 0 ? 1 : 0
  },
}

function progressText(p: ArchiveProgress): string {
  const lines = [
    `${p.archived} archived, ${p.failed} failed, ${p.left} left` +
      (p.retrying > 0 ? ` (${p.retrying} waiting to be tried again)` : '') +
      (p.held > 0 ? `, ${p.held} of the demo's held (queue them with: parley archive --all)` : '') +
      (p.notQueued > 0 ? `, ${p.notQueued} never queued` : ''),
    ...p.failures.map(
      (f) =>
        `  ${f.key}: ${archiveStateLine({ kind: 'failed', reason: f.reason, attempts: f.attempts, lastAttemptAt: f.lastAttemptAt })}`,
    ),
  ]
  return `${lines.join('\n')}\n`
}

const checkLinksCommand: Command = {
  name: 'check-links',
  summary: "check every source's address (or the named ones) and record its status",
  usage: '[KEY…] [--json]',
  options: { json: { type: 'boolean' } },
  async run(ctx, values, positionals) {
    const database = await ctx.openDatabase()
    const results = await checkLinks(database.db, cliActor, {
      ...archiveOptions(ctx),
      keys: positionals,
      onResult: values.json
        ? undefined
        : (r) =>
            ctx.stdout(
              `${r.sourceKey}: ${r.status}${r.httpStatus ? ` (HTTP ${r.httpStatus})` : ''}${r.error && !r.httpStatus ? ` — ${r.error}` : ''}\n`,
            ),
    })
    if (values.json) printJson(ctx, results)
    else {
      const counts = new Map<string, number>()
      for (const r of results) counts.set(r.status, (counts.get(r.status) ?? 0) + 1)
      ctx.stdout(`${[...counts].map(([s, n]) => `${n} ${s}`).join(', ') || 'no sources'}\n`)
    }
    return 0
  },
}

const quoteAdd: Command = {
  name: 'quote add',
  summary: "anchor a quote in a source's snapshot (the newest unless --snapshot)",
  usage: 'KEY --exact TEXT [--prefix P] [--suffix S] [--snapshot ID] [--note N] [--json]',
  options: {
    exact: { type: 'string' },
    prefix: { type: 'string' },
    suffix: { type: 'string' },
    snapshot: { type: 'string' },
    start: { type: 'string' },
    end: { type: 'string' },
    note: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(ctx, values, positionals) {
    const key = positionals[0]
    if (!key) throw new UsageError('KEY is required')
    const body: Record<string, string> = fieldsOf(values, [
      'exact',
      'prefix',
      'suffix',
      'start',
      'end',
      'note',
    ])
    if (optionalString(values, 'snapshot') !== undefined)
      body.snapshotId = optionalString(values, 'snapshot')!
    const database = await ctx.openDatabase()
    const quote = await addQuote(database.db, cliActor, key, body, systemClock)
    if (values.json) printJson(ctx, quote)
    else
      ctx.stdout(
        `quote ${quote.id} anchored in snapshot ${quote.snapshotId} at ${quote.start}–${quote.end}\n`,
      )
    return 0
  },
}

const quoteDelete: Command = {
  name: 'quote delete',
  summary: 'delete a quote (audited; refused while a claim rests on it)',
  usage: 'ID',
  options: {},
  async run(ctx, _values, positionals) {
    const id = Number(positionals[0])
    if (!Number.isInteger(id) || id <= 0) throw new UsageError('ID must be a quote number')
    const database = await ctx.openDatabase()
    await deleteQuoteById(database.db, cliActor, id)
    ctx.stdout(`deleted quote ${id}\n`)
    return 0
  },
}

const verifyQuotesCommand: Command = {
  name: 'verify-quotes',
  summary:
    "re-anchor every quote in its source's newest snapshot: verified, moved or orphaned (exit 1 if any orphaned)",
  usage: '[--source KEY] [--json]',
  options: { source: { type: 'string' }, json: { type: 'boolean' } },
  async run(ctx, values) {
    const database = await ctx.openDatabase()
    const report = await verifyQuotes(database.db, {
      clock: systemClock,
      sourceKey: optionalString(values, 'source'),
    })
    if (values.json) printJson(ctx, report)
    else {
      for (const r of report.results) {
        const words = r.exact.length > 60 ? `${r.exact.slice(0, 57)}…` : r.exact
        ctx.stdout(
          `${r.status.padEnd(8)} quote ${r.quoteId} (${r.sourceKey}) "${words}"${r.archived === 'damaged' ? ' — ARCHIVED COPY DAMAGED' : ''}\n`,
        )
      }
      const { verified, moved, orphaned } = report.counts
      ctx.stdout(`${verified} verified, ${moved} moved, ${orphaned} orphaned\n`)
    }
    // Non-zero when something needs an analyst's attention, so the check can run unattended.
    const damaged = report.results.some((r) => r.archived === 'damaged')
    return report.counts.orphaned > 0 || damaged ? 1 : 0
  },
}

const exportSourcesCommand: Command = {
  name: 'export sources',
  summary: 'the ledger as CSL-JSON, or as an APA or Chicago bibliography',
  usage: '--format csl-json|apa|chicago [KEY…] [--html] [--out FILE]',
  options: { format: { type: 'string' }, out: { type: 'string' }, html: { type: 'boolean' } },
  async run(ctx, values, positionals) {
    const format = optionalString(values, 'format') ?? 'csl-json'
    if (!SourceExportFormats.includes(format as SourceExportFormat))
      throw new UsageError(`--format must be one of ${SourceExportFormats.join(', ')}`)
    const database = await ctx.openDatabase()
    const text = await exportSources(database.db, {
      format: format as SourceExportFormat,
      keys: positionals,
      includeUrls: true,
      html: values.html === true,
    })
    const out = optionalString(values, 'out')
    if (out) {
      await writeFile(out, text)
      ctx.stderr(`wrote ${out}\n`)
    } else ctx.stdout(text.endsWith('\n') ? text : `${text}\n`)
    return 0
  },
}

const exportWarcCommand: Command = {
  name: 'export warc',
  summary: 'snapshots (all, or of the named sources) as one WARC file',
  usage: '[KEY…] --out FILE.warc',
  options: { out: { type: 'string' } },
  async run(ctx, values, positionals) {
    const out = optionalString(values, 'out')
    if (!out) throw new UsageError('--out FILE is required (a WARC is binary)')
    const database = await ctx.openDatabase()
    const { warc, records } = await exportWarc(database.db, {
      keys: positionals,
      filename: out.split('/').pop()!,
    })
    await writeFile(out, warc)
    ctx.stdout(`wrote ${out}: ${records} snapshot(s), ${warc.length} bytes\n`)
    return 0
  },
}

const importSourcesCommand: Command = {
  name: 'import sources',
  summary:
    'add sources from a CSL-JSON file (one transaction); the new ones are queued for archiving',
  usage: 'FILE [--format csl-json] [--no-archive] [--json]',
  options: {
    format: { type: 'string' },
    'no-archive': { type: 'boolean' },
    json: { type: 'boolean' },
  },
  async run(ctx, values, positionals) {
    const file = positionals[0]
    if (!file) throw new UsageError('FILE is required')
    if ((optionalString(values, 'format') ?? 'csl-json') !== 'csl-json')
      throw new UsageError('only --format csl-json is read')
    const value = await readJsonFile(file)
    const database = await ctx.openDatabase()
    const report = await importCslSources(database.db, cliActor, value, {
      archive: values['no-archive'] !== true,
      now: systemClock.now(),
    })
    if (values.json) printJson(ctx, report)
    else
      ctx.stdout(
        `imported ${report.created.length} source(s); ${report.existing.length} already in the ledger\n` +
          (values['no-archive'] === true
            ? 'not queued for archiving (--no-archive); archive them with: parley archive --all\n'
            : `${report.queued} queued for archiving: the server archives them, or run parley archive --all\n`),
      )
    return 0
  },
}

const snapshotPurge: Command = {
  name: 'snapshot purge',
  summary: 'remove one snapshot for good (audited; needs a reason)',
  usage: 'ID --reason TEXT',
  options: { reason: { type: 'string' } },
  async run(ctx, values, positionals) {
    const id = Number(positionals[0])
    if (!Number.isInteger(id) || id <= 0) throw new UsageError('ID must be a snapshot number')
    const reason = optionalString(values, 'reason')
    if (!reason) throw new UsageError('--reason is required')
    const database = await ctx.openDatabase()
    const purged = await purgeSnapshot(database.db, cliActor, id, reason)
    ctx.stdout(`purged snapshot ${purged.id} (sha256 ${purged.sha256})\n`)
    return 0
  },
}

export const sourceCommands: Command[] = [
  sourceAdd,
  sourceEdit,
  sourceList,
  sourceShow,
  archive,
  checkLinksCommand,
  quoteAdd,
  quoteDelete,
  verifyQuotesCommand,
  exportSourcesCommand,
  exportWarcCommand,
  importSourcesCommand,
  snapshotPurge,
]
