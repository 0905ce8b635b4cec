import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import { isAppError } from '../errors.ts'
import { acquireDataDirLock, currentOwner } from './lock.ts'

const ROOT = path.resolve(import.meta.dirname, '../../..')
const freshDir = () => mkdtempSync(path.join(tmpdir(), 'parley-lock-'))

/**
 * A live process other than this one, holding nothing: `sleep`, for far longer than any test may
 * take on a loaded machine (a CLI start can take minutes there), until `stop` ends it.
 */
function otherProcess() {
  const child = spawn('sleep', ['3600'], { stdio: 'ignore' })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  return {
    pid: child.pid!,
    stop: () => child.kill('SIGKILL'),
    /** Ends the process and waits until it is gone, so its pid names no live process. */
    async gone() {
      child.kill('SIGKILL')
      await exited
    },
  }
}

test('a directory locked by a live process is refused, naming its pid', () => {
  const dir = freshDir()
  const holder = otherProcess()
  writeFileSync(path.join(dir, 'parley.lock'), `${holder.pid}\n`)
  try {
    assert.throws(
      () => acquireDataDirLock(dir),
      (error: unknown) =>
        isAppError(error) && error.code === 'locked' && error.message.includes(`pid ${holder.pid}`),
    )
  } finally {
    holder.stop()
  }
})

test('a lock left by a process that is gone is taken over', async () => {
  const dir = freshDir()
  const gone = otherProcess()
  await gone.gone()
  writeFileSync(path.join(dir, 'parley.lock'), `${gone.pid}\n`)

  const lock = acquireDataDirLock(dir)

  assert.equal(readFileSync(lock.path, 'utf8').split('\n')[0], String(process.pid))
  lock.release()
  assert.equal(existsSync(lock.path), false)
})

test('the same process cannot take its own lock twice', () => {
  const dir = freshDir()
  const lock = acquireDataDirLock(dir)

  assert.throws(() => acquireDataDirLock(dir), /in use by another Parley process/)
  lock.release()
})

test('the CLI refuses a data directory held by another process and writes nothing', async () => {
  const dir = freshDir()
  const holder = otherProcess()
  writeFileSync(path.join(dir, 'parley.lock'), `${holder.pid}\n`)
  const before = readdirSync(dir)

  const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['bin/parley.js', 'migrate'], {
      cwd: ROOT,
      env: { ...process.env, PARLEY_DATA_DIR: dir, DATABASE_URL: '' },
    })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    child.on('exit', (code) => resolve({ code, stderr }))
  })
  holder.stop()

  assert.notEqual(result.code, 0)
  assert.match(result.stderr, new RegExp(`pid ${holder.pid}`))
  assert.deepEqual(readdirSync(dir), before)
})

/** A lock as another container on a shared volume writes it: same file, another pid namespace. */
function foreignLock(dir: string, pid: number, beatAgoMs: number) {
  const file = path.join(dir, 'parley.lock')
  writeFileSync(
    file,
    `${pid}\nhost=parley-web-2\nboot=${currentOwner().bootId ?? ''}\npidns=pid:[4026532999]\nstarted=2026-02-01T06:00:00.000Z\n`,
  )
  const at = new Date(Date.now() - beatAgoMs)
  utimesSync(file, at, at)
  return file
}

test('the lock names its holder: pid, host, boot id, pid namespace and start time', () => {
  const dir = freshDir()

  const lock = acquireDataDirLock(dir)

  const text = readFileSync(lock.path, 'utf8')
  const self = currentOwner()
  assert.equal(text.split('\n')[0], String(process.pid))
  assert.match(text, new RegExp(`^host=${self.host}$`, 'm'))
  assert.match(text, /^started=\d{4}-\d\d-\d\dT/m)
  if (self.pidNamespace) assert.ok(text.includes(`pidns=${self.pidNamespace}`))
  if (self.bootId) assert.ok(text.includes(`boot=${self.bootId}`))
  lock.release()
})

test('a lock from another container is refused, never taken over, even if its pid is unused here', async () => {
  const dir = freshDir()
  const gone = otherProcess()
  await gone.gone()
  const file = foreignLock(dir, gone.pid, 1000)
  const before = readFileSync(file, 'utf8')

  assert.throws(
    () => acquireDataDirLock(dir),
    (error: unknown) =>
      isAppError(error) &&
      error.code === 'locked' &&
      error.message.includes(`pid ${gone.pid} on host parley-web-2`) &&
      error.message.includes('pid namespace pid:[4026532999]') &&
      /heartbeat is \d+ s old, so it is running/.test(error.message),
  )
  assert.equal(readFileSync(file, 'utf8'), before)
})

test('a lock from another container whose heartbeat stopped is reported with what to do', () => {
  const dir = freshDir()
  const file = foreignLock(dir, 1, 10 * 60_000)

  assert.throws(
    () => acquireDataDirLock(dir),
    (error: unknown) =>
      isAppError(error) &&
      error.code === 'locked' &&
      /heartbeat stopped 6\d\d s ago/.test(error.message) &&
      error.message.includes(`then delete ${file}`),
  )
  assert.equal(existsSync(file), true)
})

test('the holder keeps the lock file fresh while it runs', async () => {
  const dir = freshDir()
  const lock = acquireDataDirLock(dir, { heartbeatMs: 50 })
  const old = new Date(Date.now() - 60_000)
  utimesSync(lock.path, old, old)

  await new Promise((resolve) => setTimeout(resolve, 200))

  assert.ok(Date.now() - statSync(lock.path).mtimeMs < 1000)
  lock.release()
})
