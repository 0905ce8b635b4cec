import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import { isAppError } from '../shared/errors.ts'
import { acquireDataDirLock } from './lock.ts'

const ROOT = path.resolve(import.meta.dirname, '../..')
const freshDir = () => mkdtempSync(path.join(tmpdir(), 'parley-lock-'))

/** A live process other than this one, holding nothing: `sleep`. */
function otherProcess() {
  const child = spawn('sleep', ['30'], { stdio: 'ignore' })
  return { pid: child.pid!, stop: () => child.kill('SIGKILL') }
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
  gone.stop()
  await new Promise((resolve) => setTimeout(resolve, 100))
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
