import type { Site } from '../articles/site.ts'
import type { Db } from '../platform/db/client.ts'
import { isAppError } from '../platform/errors.ts'
import { randomToken, sha256Hex } from '../platform/ids.ts'
import type { Logger } from '../platform/logger.ts'
import type { Mailer, OutgoingMail } from '../platform/mailer.ts'
import { repeatEvery } from '../platform/repeat.ts'
import type { Clock } from '../platform/time.ts'
import { recordAudit } from '../staff/audit.repository.ts'
import { draftNewsletter } from './actions/draft-newsletter.ts'
import { sendNewsletterIn } from './actions/send-newsletter.ts'
import {
  afterFailure,
  CLAIM_LEASE_MS,
  DELIVERY_BATCH,
  errorLine,
  IN_FLIGHT,
  type IssueRecipient,
  issueLetter,
  RECORD_GROUP,
  unsubscribeUrl,
} from './newsletter.ts'
import {
  type ClaimedDelivery,
  claimDeliveries,
  findIssue,
  findIssueForVersion,
  markFailedTry,
  markSent,
  markSkipped,
  recordUnsubscribeHashes,
  releaseDeliveries,
  takePublishedRequest,
} from './newsletters.repository.ts'

export interface DeliveryReport {
  /** Issues sent because an article asked to go out when published. */
  issued: number[]
  sent: number
  /** Tries that failed and will be retried. */
  retrying: number
  /** Deliveries that failed for good (MAX_ATTEMPTS tries). */
  failed: number
  skipped: number
}

export interface DeliveryOptions {
  db: Db
  mailer: Mailer
  site: Site
  clock: Clock
  logger: Logger
  /** Deliveries claimed per statement (DELIVERY_BATCH). */
  batch?: number
  /** Batches per pass at most; by default a pass runs until no delivery is due. */
  maxBatches?: number
  /** How long claimed rows are held (CLAIM_LEASE_MS); tests of a crash shorten it. */
  leaseMs?: number
  /** Ends the pass early: nothing more is handed to the transport, what went is recorded. */
  signal?: AbortSignal
}

/**
 * One pass of the newsletter job: sends the issues of articles that asked to go out when
 * published, then delivers queued mail until none is due. All state is in the database, so a
 * restarted server carries on where the last one stopped, and several processes can run the job
 * at once (rows are claimed with `for update skip locked` and a lease).
 *
 * The pass is a pipeline, so that the SMTP pool never waits for the database: the next batch is
 * claimed while the current one is sent, up to IN_FLIGHT messages are with the transport at once,
 * and sent rows are recorded in groups, one statement each. A message is handed over only while
 * at least half of its row's lease remains, so another process never claims a row whose mail may
 * still be going out.
 */
export async function deliverNewsletters(options: DeliveryOptions): Promise<DeliveryReport> {
  const report: DeliveryReport = { issued: [], sent: 0, retrying: 0, failed: 0, skipped: 0 }
  await sendRequested(options, report)
  const leaseMs = options.leaseMs ?? CLAIM_LEASE_MS
  const letters = new Map<number, Promise<Letter | undefined>>()
  const letterOf = (issueId: number) => {
    let letter = letters.get(issueId)
    if (!letter) {
      letter = findIssue(options.db, issueId).then(
        (issue) => issue && issueLetter(issue, options.site.url),
      )
      letters.set(issueId, letter)
    }
    return letter
  }
  const window = new SendWindow(options, report)
  const claim = async (): Promise<Claim> => {
    const now = options.clock.now()
    const lease = new Date(now.getTime() + leaseMs)
    const rows = await claimDeliveries(options.db, now, lease, options.batch ?? DELIVERY_BATCH)
    // Made ready here, ahead of sending, so that a batch waits on no round trip when its turn
    // comes: the hashes are stored before the mail goes, so each link works on arrival.
    const off = rows.filter((row) => !row.newsletter)
    await markSkipped(
      options.db,
      ids(off),
      lease,
      'the member turned the newsletter off before it was sent',
    )
    window.report.skipped += off.length
    const tokens = new Map<number, string>()
    const on = rows.filter((row) => row.newsletter)
    for (const row of on) tokens.set(row.id, randomToken(32))
    const held = await recordUnsubscribeHashes(
      options.db,
      lease,
      on.map((row) => ({ id: row.id, unsubscribeHash: sha256Hex(tokens.get(row.id)!) })),
    )
    return {
      claimed: rows.length,
      rows: on.filter((row) => held.has(row.id)),
      tokens,
      lease,
      handBefore: now.getTime() + leaseMs / 2,
    }
  }
  const stopped = () => options.signal?.aborted === true
  let next: Promise<Claim> | undefined = claim()
  try {
    for (let batches = 0; next; batches++) {
      const current: Claim = await next
      next = undefined
      if (current.claimed === 0) break
      if (!stopped() && batches + 1 < (options.maxBatches ?? Number.POSITIVE_INFINITY))
        next = claim()
      await sendBatch(options, current, letterOf, window, stopped)
    }
  } finally {
    // A batch claimed ahead and not needed (the pass was stopped) is given back at once.
    const unused = await next?.catch(() => undefined)
    if (unused) await releaseDeliveries(options.db, ids(unused.rows), unused.lease)
    await window.drain()
  }
  return report
}

type Letter = (recipient: IssueRecipient) => OutgoingMail

interface Claim {
  /** Rows the statement claimed, skipped ones included: none means nothing is due. */
  claimed: number
  /** Rows to send: held, with the newsletter on and their unsubscribe hash stored. */
  rows: ClaimedDelivery[]
  tokens: Map<number, string>
  lease: Date
  /** Epoch ms after which no message of this batch is handed to the transport. */
  handBefore: number
}

const ids = (rows: readonly { id: number }[]) => rows.map((row) => row.id)

/** Hands one claimed batch to the transport; returns once all of it is handed (or given back). */
async function sendBatch(
  options: DeliveryOptions,
  claim: Claim,
  letterOf: (issueId: number) => Promise<Letter | undefined>,
  window: SendWindow,
  stopped: () => boolean,
): Promise<void> {
  const { db } = options
  const unsent: number[] = []
  for (const row of claim.rows) {
    const letter = await letterOf(row.issueId)
    if (letter) await window.slot()
    if (!letter || stopped() || options.clock.now().getTime() >= claim.handBefore) {
      unsent.push(row.id)
      continue
    }
    window.send(
      row,
      claim.lease,
      letter({
        to: row.email,
        unsubscribeUrl: unsubscribeUrl(options.site.url, claim.tokens.get(row.id)!),
      }),
    )
  }
  await releaseDeliveries(db, unsent, claim.lease)
}

/**
 * The messages with the transport and not yet recorded as sent: at most IN_FLIGHT. Sent rows are
 * recorded RECORD_GROUP at a time, one statement per group, and all of them when the transport
 * falls idle; a failed try is recorded on its own (failures are few, and each has its own error).
 */
class SendWindow {
  /** Handed to the transport and not yet recorded. */
  private unrecorded = 0
  /** With the transport now. */
  private sending = 0
  private sent: { id: number; lease: Date }[] = []
  private recording: Promise<void> | undefined
  private waiters: (() => void)[] = []
  private failure: unknown

  constructor(
    private readonly options: DeliveryOptions,
    readonly report: DeliveryReport,
  ) {}

  /** Waits for room in the window; throws when recording has failed (the pass must stop). */
  async slot(): Promise<void> {
    while (this.unrecorded >= IN_FLIGHT && this.failure === undefined) {
      await new Promise<void>((resolve) => this.waiters.push(resolve))
    }
    if (this.failure !== undefined) throw this.failure
  }

  send(row: ClaimedDelivery, lease: Date, mail: OutgoingMail): void {
    this.unrecorded++
    this.sending++
    this.options.mailer.send(mail).then(
      () => {
        this.sending--
        this.sent.push({ id: row.id, lease })
        this.record()
      },
      (error: unknown) => {
        this.sending--
        this.recordFailure(row, lease, error)
        this.record()
      },
    )
  }

  /** Waits until everything handed over is recorded; rethrows a failure to record. */
  async drain(): Promise<void> {
    while (this.unrecorded > 0 && this.failure === undefined) {
      await new Promise<void>((resolve) => this.waiters.push(resolve))
    }
    if (this.failure !== undefined) throw this.failure
  }

  private wake(): void {
    const waiters = this.waiters
    this.waiters = []
    for (const resolve of waiters) resolve()
  }

  private fail(error: unknown): void {
    this.failure ??= error
    this.wake()
  }

  private record(): void {
    if (this.recording || this.sent.length === 0) return
    if (this.sent.length < RECORD_GROUP && this.sending > 0) return
    const group = this.sent
    this.sent = []
    const at = this.options.clock.now()
    // Rows of one group may hold different leases (two batches overlap in the window).
    const byLease = new Map<number, number[]>()
    for (const { id, lease } of group) {
      const list = byLease.get(lease.getTime()) ?? []
      list.push(id)
      byLease.set(lease.getTime(), list)
    }
    this.recording = (async () => {
      for (const [lease, list] of byLease)
        await markSent(this.options.db, list, new Date(lease), at)
    })().then(
      () => {
        this.recording = undefined
        this.unrecorded -= group.length
        this.report.sent += group.length
        this.wake()
        this.record()
      },
      (error: unknown) => this.fail(error),
    )
  }

  private recordFailure(row: ClaimedDelivery, lease: Date, error: unknown): void {
    const { options, report } = this
    const next = afterFailure(row.attempts, options.clock.now())
    markFailedTry(options.db, row.id, lease, { ...next, error: errorLine(error) }).then(
      () => {
        this.unrecorded--
        if (next.status === 'failed') report.failed++
        else report.retrying++
        options.logger.warn('newsletter delivery failed', {
          delivery: row.id,
          issue: row.issueId,
          attempts: row.attempts,
          willRetry: next.status === 'queued',
          error: errorLine(error),
        })
        this.wake()
        this.record()
      },
      (failure: unknown) => this.fail(failure),
    )
  }
}

/** Articles asked to go out when published, and now published: their issue is made now. */
async function sendRequested(options: DeliveryOptions, report: DeliveryReport): Promise<void> {
  const { db, site, logger } = options
  for (let i = 0; i < 20; i++) {
    const taken = await db.transaction(async (tx) => {
      const request = await takePublishedRequest(tx)
      if (!request) return undefined
      const actor = { staffId: request.staffId, label: request.requestedBy }
      const now = options.clock.now()
      try {
        const draft = await draftNewsletter(tx, request.articleId, site)
        if (await findIssueForVersion(tx, draft.version.id)) return { request, issue: undefined }
        // In a savepoint: a refusal undoes the send, not the taking of the request.
        const { issue } = await tx.transaction((sp) =>
          sendNewsletterIn(sp, actor, {
            articleId: request.articleId,
            versionId: draft.version.id,
            kind: draft.kind,
            now,
            site,
          }),
        )
        return { request, issue }
      } catch (error) {
        if (!isAppError(error)) throw error
        await recordAudit(tx, actor, {
          action: 'newsletter-refused',
          entity: 'article',
          entityId: request.articleId,
          after: { message: error.message },
        })
        logger.warn('newsletter on publication not sent', {
          article: request.articleId,
          message: error.message,
        })
        return { request, issue: undefined }
      }
    })
    if (!taken) return
    if (taken.issue) {
      report.issued.push(taken.issue.id)
      logger.info('newsletter sent on publication', {
        article: taken.request.articleId,
        issue: taken.issue.id,
        recipients: taken.issue.recipientCount,
      })
    }
  }
}

export interface NewsletterJob {
  /** One pass now (tests, operators). */
  runOnce(): Promise<DeliveryReport>
  /** Stops scheduling, ends a pass in progress early and waits for it to record what it sent. */
  stop(): Promise<void>
}

/**
 * Delivery looks for due mail this often. A pass sends until nothing is due, so this is only how
 * long a newly queued issue or a retry waits to be noticed.
 */
export const DELIVERY_EVERY_MS = 15_000

/** Runs the newsletter job in the server, every `intervalMs`. */
export function startNewsletterJob(
  options: DeliveryOptions & { intervalMs?: number },
): NewsletterJob {
  const stopping = new AbortController()
  const runOnce = () => deliverNewsletters({ ...options, signal: stopping.signal })
  const repeating = repeatEvery(
    options.intervalMs ?? DELIVERY_EVERY_MS,
    async () => {
      const report = await runOnce()
      if (report.sent + report.retrying + report.failed + report.skipped > 0)
        options.logger.info('newsletter deliveries', { ...report })
    },
    (error) =>
      options.logger.error('newsletter job failed', {
        error: error instanceof Error ? error.message : String(error),
      }),
  )
  return {
    runOnce,
    async stop() {
      stopping.abort()
      await repeating.stop()
    },
  }
}
