import assert from 'node:assert/strict'
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { after, test } from 'node:test'
import { testCli } from '../test/cli.ts'
import { socketPathOf } from './platform/db/socket-server.ts'
import { startPageServer } from './sources/testing/page-server.ts'

// The command line beside the real server (src/main.ts in a child process) on one data directory:
// on the embedded database through the server's socket, on PostgreSQL (TEST_DATABASE_URL) on the
// same scratch database. Before the socket, every command here was refused ("is in use").
const ROOT = path.resolve(import.meta.dirname, '..')
const CASE_FILE = path.join(ROOT, 'test/fixtures/libya-ceasefire-2020.case.json')
const onPostgres = process.env.TEST_DATABASE_URL !== undefined
const parley = await testCli({ PARLEY_FETCH_ALLOW_PRIVATE: '1' })
const pages = await startPageServer()
after(() => pages.close())

interface ChildServer {
  url: string
  child: ChildProcess
  exited: Promise<number | null>
}

async function startChildServer(): Promise<ChildServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...parley.env,
      HOST: '127.0.0.1',
      PORT: '0',
      PARLEY_DEMO: '0',
      PARLEY_LINK_CHECK_HOURS: '0',
      NODE_ENV: 'test',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
  let output = ''
  const url = await new Promise<string>((resolve, reject) => {
    const seen = (chunk: Buffer) => {
      output += chunk.toString()
      const match = /Parley is running at (\S+)/.exec(output)
      if (match?.[1]) resolve(match[1])
    }
    child.stdout?.on('data', seen)
    child.stderr?.on('data', seen)
    void exited.then((code) => reject(new Error(`the server exited (${code}): ${output}`)))
  })
  return { url, child, exited }
}

const server = await startChildServer()
let stopped = false
after(async () => {
  if (!stopped) {
    server.child.kill('SIGTERM')
    await server.exited
  }
})

let story: ReturnType<typeof tellStory> | undefined
/**
 * The Libya case imported and the Tripoli source added through the CLI while the server runs. The
 * first test tells it and checks each step; the tests that read what it wrote call this too, which
 * tells it only if no test has yet, so each of them also runs on its own.
 */
function libyaAndTripoli() {
  story ??= tellStory()
  return story
}

async function tellStory() {
  pages.set('/tripoli', {
    body: '<html><head><title>Tripoli talks</title></head><body><article><p>The delegations met in Geneva under the auspices of the United Nations mission and agreed on a permanent ceasefire.</p></article></body></html>',
  })
  const imported = await parley.run(['import', 'case', CASE_FILE, '--json'])
  const negotiationPage = await fetch(`${server.url}/negotiations/libya-ceasefire-2020`)
  const exported = await parley.run(['export', 'case', 'libya-ceasefire-2020'])
  const added = await parley.run([
    'source',
    'add',
    `${pages.origin}/tripoli`,
    '--key',
    'wire-2020-10-23-tripoli',
    '--kind',
    'wire',
    '--json',
  ])
  const health = await fetch(`${server.url}/healthz`)
  return { imported, negotiationPage, exported, added, health }
}

test('the CLI imports, exports, adds a source and reports progress while the server answers', async () => {
  if (!onPostgres) {
    const socket = statSync(socketPathOf(parley.dataDir))
    assert.ok(socket.isSocket())
    assert.equal(socket.mode & 0o777, 0o600)
  }

  const { imported, negotiationPage, exported, added, health } = await libyaAndTripoli()

  assert.equal(imported.status, 0, imported.stderr)
  assert.equal(JSON.parse(imported.stdout).negotiation, 'libya-ceasefire-2020')
  assert.equal(negotiationPage.status, 200)
  assert.match(await negotiationPage.text(), /Libya/)
  assert.equal(exported.status, 0, exported.stderr)
  const original = JSON.parse(readFileSync(CASE_FILE, 'utf8'))
  assert.equal(JSON.parse(exported.stdout).negotiation.slug, original.negotiation.slug)
  assert.equal(added.status, 0, added.stderr)
  assert.ok(JSON.parse(added.stdout).archive.snapshot.sha256)
  assert.equal(health.status, 200)
  assert.deepEqual(await health.json(), {
    status: 'ok',
    database: onPostgres ? 'postgres' : 'pglite',
  })
})

test('a command run as its own process (bin/parley.js) works beside the server', async () => {
  await libyaAndTripoli()

  const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
    (resolve) => {
      const child = spawn(
        process.execPath,
        ['bin/parley.js', 'progress', 'libya-ceasefire-2020', '--json'],
        { cwd: ROOT, env: { ...process.env, ...parley.env } },
      )
      let stdout = ''
      let stderr = ''
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString()
      })
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString()
      })
      child.on('exit', (code) => resolve({ code, stdout, stderr }))
    },
  )

  assert.equal(result.code, 0, result.stderr)
  assert.equal(typeof JSON.parse(result.stdout), 'object')
  assert.equal((await fetch(`${server.url}/healthz`)).status, 200)
})

test('a clean shutdown removes the socket, and the CLI then opens the directory itself', async () => {
  await libyaAndTripoli()
  server.child.kill('SIGTERM')
  const code = await server.exited
  stopped = true

  const listed = await parley.run(['source', 'list'])

  assert.equal(code, 0)
  assert.equal(existsSync(socketPathOf(parley.dataDir)), false)
  assert.equal(listed.status, 0, listed.stderr)
  assert.match(listed.stdout, /wire-2020-10-23-tripoli/)
})
