import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after } from 'node:test'
import { type Browser, chromium } from 'playwright-core'

const ROOT = path.resolve(import.meta.dirname, '../..')

export interface RealServer {
  url: string
  dataDir: string
  /** Everything the server printed on stdout (the setup link among it). */
  output(): string
  stop(): Promise<number | null>
}

/**
 * Starts the real server (`node --import tsx src/main.ts`) on a free port with a fresh PGlite data
 * directory, exactly as `npm start` does, and waits until it prints where it listens. Stopped
 * after the test file.
 */
export async function startRealServer(env: Record<string, string> = {}): Promise<RealServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'parley-e2e-'))
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PARLEY_DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      PORT: '0',
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString()
  })
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not start in 90 s:\n${stdout}\n${stderr}`)),
      90_000,
    )
    const poll = setInterval(() => {
      const match = /Parley is running at (\S+)/.exec(stdout)
      if (match) {
        clearInterval(poll)
        clearTimeout(timer)
        resolve(match[1]!)
      }
    }, 50)
    child.once('exit', (code) => {
      clearInterval(poll)
      clearTimeout(timer)
      reject(new Error(`server exited with ${code} before listening:\n${stdout}\n${stderr}`))
    })
  })
  const server: RealServer = {
    url,
    dataDir,
    output: () => stdout,
    stop: () => stopChild(child, dataDir),
  }
  after(() => server.stop())
  return server
}

async function stopChild(child: ChildProcess, dataDir: string): Promise<number | null> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => resolve(code)),
    )
    child.kill('SIGTERM')
    const code = await exited
    rmSync(dataDir, { recursive: true, force: true })
    return code
  }
  rmSync(dataDir, { recursive: true, force: true })
  return child.exitCode
}

/**
 * Headless Debian Chromium with the flags this machine needs (no downloads, no background traffic).
 * Playwright gives every launch a fresh, empty profile of its own.
 */
export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
  after(() => browser.close())
  return browser
}
