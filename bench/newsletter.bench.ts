import { spawn } from 'node:child_process'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { sql } from 'drizzle-orm'
import { openDatabase } from '../src/platform/db/client.ts'
import { migrate } from '../src/platform/db/migrate.ts'
import { createScratchDatabase } from '../test/db.ts'
import { seedIssue } from '../test/newsletter-issue.ts'
import { startSmtpSink } from '../test/smtp-sink.ts'

/**
 * The newsletter at the speed of its transport (issue 15): one issue to BENCH_MEMBERS members
 * (100,000 by default) sent by Parley's delivery job — claims, unsubscribe hashes, pooled SMTP,
 * recording — beside nodemailer's pooled transport (×5) sending the same messages with no
 * database, into the same SMTP sink (smtp-server, in this process), in alternating rounds
 * (BENCH_ROUNDS, 2 by default). Each sender runs in a process of its own, so its peak resident
 * memory is its own. PostgreSQL at BENCH_DATABASE_URL (a scratch database is made and dropped).
 */
const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 100_000)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2)
const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://parley@127.0.0.1:54330/postgres'

const scratch = await createScratchDatabase(serverUrl)
const database = await openDatabase({ databaseUrl: scratch.url, dataDir: '', poolSize: 2 })
const sink = await startSmtpSink()
try {
  await migrate(database)
  const seededAt = performance.now()
  const { issueId } = await seedIssue(database.db, {
    members: MEMBERS,
    site: { url: 'https://parley.example' },
    now: new Date(),
  })
  console.log(
    `${MEMBERS} members, issue queued in ${((performance.now() - seededAt) / 1000).toFixed(1)} s`,
  )

  interface Result {
    sent: number
    ms: number
    peakRss: number
    rssAtGo: number
  }
  const run = async (script: string): Promise<Result> => {
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
      env: { ...process.env, DELIVER_DATABASE_URL: scratch.url, DELIVER_SMTP_URL: sink.url },
      stdio: ['pipe', 'pipe', 'inherit'],
    })
    let last = ''
    const lines = createInterface({ input: child.stdout })
    lines.on('line', (line) => {
      if (line === 'ready') child.stdin.write('go\n')
      else last = line
    })
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
    if (code !== 0) throw new Error(`${path.basename(script)} exited with ${code}`)
    return JSON.parse(last) as Result
  }
  // Every delivery queued again and the table vacuumed, so each round starts from the same state.
  const requeue = async () => {
    await database.db.execute(sql`
      update newsletter_deliveries
      set status = 'queued', attempts = 0, claimed_until = null, sent_at = null,
          unsubscribe_hash = null, last_error = null, next_attempt_at = now()
      where issue_id = ${issueId}`)
    await database.db.execute(sql`vacuum analyze newsletter_deliveries`)
  }

  const ways: [string, string][] = [
    ['parley newsletter job', path.join(import.meta.dirname, '../test/deliver-newsletters.ts')],
    ['nodemailer pooled x5', path.join(import.meta.dirname, 'newsletter-nodemailer.ts')],
  ]
  const results = new Map<string, Result[]>(ways.map(([name]) => [name, []]))
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, script] of ways) {
      const before = sink.total()
      const result = await run(script)
      const received = sink.total() - before
      if (received !== MEMBERS)
        throw new Error(`${name}: the sink received ${received} of ${MEMBERS}`)
      results.get(name)!.push(result)
      console.log(
        `  round ${round + 1} ${name.padEnd(22)} ${((MEMBERS * 1000) / result.ms).toFixed(0).padStart(6)} msg/s   peak RSS ${(result.peakRss / 1024 / 1024).toFixed(0)} MB (${(result.rssAtGo / 1024 / 1024).toFixed(0)} MB at the start)`,
      )
      if (name.startsWith('parley')) await requeue()
    }
  }

  const median = (values: number[]) => {
    const sorted = [...values].sort((x, y) => x - y)
    const mid = sorted.length >> 1
    return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
  }
  const rate = (name: string) => median(results.get(name)!.map((r) => (MEMBERS * 1000) / r.ms))
  const peak = (name: string) => Math.max(...results.get(name)!.map((r) => r.peakRss))
  console.log(`${MEMBERS} messages per round, ${ROUNDS} rounds; medians:`)
  for (const [name] of ways) {
    console.log(
      `  ${name.padEnd(22)} ${rate(name).toFixed(0).padStart(6)} msg/s   peak RSS ${(peak(name) / 1024 / 1024).toFixed(0)} MB`,
    )
  }
  const ratio = rate(ways[0]![0]) / rate(ways[1]![0])
  console.log(
    `ratio parley / nodemailer: ${ratio.toFixed(2)} (target >= 0.8: ${ratio >= 0.8 ? 'met' : 'not met'})`,
  )
} finally {
  await sink.close()
  await database.close()
  await scratch.drop()
}
