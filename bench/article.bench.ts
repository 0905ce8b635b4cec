/**
 * Requests per second for the published demo article to anonymous readers, beside a plain
 * `node:http` server sending the same bytes, in one run (autocannon, 10 connections).
 *
 *   node --import tsx bench/article.bench.ts          (or: npm run bench)
 *
 * Each server runs in a child process of its own, so that the load generator (this process) does
 * not share an event loop with what it measures. Parley is started the way `npm start` starts it
 * (startServer: PGlite in a temporary data directory, migrations, the demo case and its article),
 * in production mode. The two are measured in alternating rounds (so that a burst of other work on
 * a shared machine does not land on one side only), and beside requests per second the benchmark
 * prints each server's CPU time per request, which other load on the machine disturbs much less.
 * Settings: BENCH_SECONDS per server (default 12, in 3 rounds), BENCH_LOG_LEVEL (default warn:
 * the per-request log line is an operator's choice, and the plain server writes none).
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { loadavg, tmpdir } from 'node:os'
import path from 'node:path'
import autocannon from 'autocannon'

const ARTICLE_PATH = '/articles/ninety-per-cent-of-what'
const CONNECTIONS = 10
const SECONDS = Number(process.env.BENCH_SECONDS ?? 12)
const ROUNDS = 3
const WARMUP_SECONDS = 2
const TARGET = 0.5

/** Child: Parley exactly as `npm start` runs it, on a free port. */
async function serveParley(dataDir: string): Promise<void> {
  const { parseConfig } = await import('../src/platform/config.ts')
  const { createLogger } = await import('../src/platform/logger.ts')
  const { startServer } = await import('../src/app/server.ts')
  const config = parseConfig({
    PARLEY_DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    PORT: '0',
    NODE_ENV: 'production',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
  })
  const server = await startServer(config, createLogger(config.logLevel), {
    print: (line) => {
      if (line.startsWith('Parley is running at')) process.stdout.write(`LISTENING ${line}\n`)
    },
  })
  process.once('SIGTERM', () => {
    server.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  })
}

/** Child: the baseline, a node:http server answering every request with the same bytes. */
async function servePlain(file: string, contentType: string): Promise<void> {
  const body = readFileSync(file)
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': contentType, 'Content-Length': body.length })
    res.end(body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  process.stdout.write(`LISTENING http://127.0.0.1:${port}\n`)
  process.once('SIGTERM', () => server.close(() => process.exit(0)))
}

function startChild(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', import.meta.filename, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const match = /LISTENING .*?(http:\/\/\S+)/.exec(out)
      if (match) resolve({ child, url: match[1]! })
    })
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before listening`)))
  })
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve()
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })
}

/** CPU time (user + system) a process has used so far, in microseconds; Linux only. */
function cpuMicros(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    return ((Number(fields[11]) + Number(fields[12])) * 1_000_000) / 100
  } catch {
    return undefined
  }
}

interface Tally {
  requests: number
  seconds: number
  cpu: number | undefined
  p50: number[]
  p99: number[]
}

async function round(url: string, pid: number, seconds: number, tally: Tally): Promise<void> {
  const before = cpuMicros(pid)
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds })
  const after = cpuMicros(pid)
  if (result.errors > 0 || result.non2xx > 0 || result.timeouts > 0) {
    throw new Error(
      `${url}: ${result.errors} errors, ${result.non2xx} non-2xx, ${result.timeouts} timeouts`,
    )
  }
  tally.requests += result.requests.total
  tally.seconds += result.duration
  tally.cpu =
    before === undefined || after === undefined || tally.cpu === undefined
      ? undefined
      : tally.cpu + (after - before)
  tally.p50.push(result.latency.p50)
  tally.p99.push(result.latency.p99)
}

const sha = (data: Uint8Array) => createHash('sha256').update(data).digest('hex').slice(0, 16)

async function main(): Promise<void> {
  const work = mkdtempSync(path.join(tmpdir(), 'parley-bench-'))
  const children: ChildProcess[] = []
  try {
    const started = performance.now()
    const parley = await startChild(['--serve-parley', path.join(work, 'data')])
    children.push(parley.child)
    const bootMs = performance.now() - started
    const first = await fetch(`${parley.url}${ARTICLE_PATH}`)
    if (first.status !== 200) throw new Error(`the demo article answered ${first.status}`)
    const body = new Uint8Array(await first.arrayBuffer())
    const contentType = first.headers.get('content-type') ?? 'text/html; charset=UTF-8'
    const file = path.join(work, 'article.html')
    writeFileSync(file, body)
    const plain = await startChild(['--serve-plain', file, contentType])
    children.push(plain.child)
    const check = new Uint8Array(await (await fetch(plain.url)).arrayBuffer())
    if (sha(check) !== sha(body)) throw new Error('the plain server does not send the same bytes')

    process.stdout.write(
      `Article ${ARTICLE_PATH}: ${body.length} bytes (sha256 ${sha(body)}), anonymous reader; ` +
        `${CONNECTIONS} connections, ${SECONDS} s per server in ${ROUNDS} alternating rounds ` +
        `after ${WARMUP_SECONDS} s warm-up; Node ${process.version}; ` +
        `load average ${loadavg()[0]!.toFixed(1)} at start; Parley started in ${(bootMs / 1000).toFixed(1)} s\n`,
    )
    const parleyUrl = `${parley.url}${ARTICLE_PATH}`
    await autocannon({ url: parleyUrl, connections: CONNECTIONS, duration: WARMUP_SECONDS })
    await autocannon({ url: plain.url, connections: CONNECTIONS, duration: WARMUP_SECONDS })
    const p: Tally = { requests: 0, seconds: 0, cpu: 0, p50: [], p99: [] }
    const b: Tally = { requests: 0, seconds: 0, cpu: 0, p50: [], p99: [] }
    for (let i = 0; i < ROUNDS; i++) {
      await round(parleyUrl, parley.child.pid!, SECONDS / ROUNDS, p)
      await round(plain.url, plain.child.pid!, SECONDS / ROUNDS, b)
    }
    const rate = (t: Tally) => t.requests / t.seconds
    const ratio = rate(p) / rate(b)
    const line = (name: string, t: Tally) =>
      `${name.padEnd(16)} ${rate(t).toFixed(0).padStart(7)} req/s   ` +
      `latency p50 ${Math.max(...t.p50)} ms, p99 ${Math.max(...t.p99)} ms   ` +
      (t.cpu === undefined ? '' : `server CPU ${(t.cpu / t.requests).toFixed(1)} µs/request   `) +
      `${t.requests} requests\n`
    process.stdout.write(line('Parley', p))
    process.stdout.write(line('plain node:http', b))
    process.stdout.write(
      `ratio Parley / plain: ${ratio.toFixed(2)} (target ≥ ${TARGET}: ${ratio >= TARGET ? 'met' : 'NOT met'})\n`,
    )
  } finally {
    for (const child of children) await stopChild(child)
    rmSync(work, { recursive: true, force: true })
  }
}

const role = process.argv[2]
if (role === '--serve-parley') await serveParley(process.argv[3]!)
else if (role === '--serve-plain') await servePlain(process.argv[3]!, process.argv[4]!)
else await main()
