import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'

/**
 * The third-party data sets that tests read (never copied into the repository): `shared/data`
 * beside the repository; in a clone made elsewhere (a CI checkout in a temporary directory), beside
 * the repository it was cloned from; or wherever `PARLEY_SHARED_DATA` says.
 */
const ROOT = path.resolve(import.meta.dirname, '..')

function candidates(): string[] {
  const found = [path.resolve(ROOT, '../shared/data')]
  try {
    const origin = execFileSync('git', ['-C', ROOT, 'remote', 'get-url', 'origin'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim()
    if (path.isAbsolute(origin)) found.push(path.resolve(origin, '../shared/data'))
  } catch {
    // Not a git checkout, or no origin: only the other places count.
  }
  return found
}

function locate(): string {
  const fromEnv = process.env.PARLEY_SHARED_DATA
  const places = fromEnv ? [path.resolve(fromEnv)] : candidates()
  const dir = places.find((place) => existsSync(place))
  if (!dir)
    throw new Error(
      `the shared data sets are not found (looked in ${places.join(', ')}); set PARLEY_SHARED_DATA`,
    )
  return dir
}

let dir: string | undefined

/** The path of a file or folder inside the shared data sets, e.g. `gdelt-sample/…csv`. */
export function sharedData(...parts: string[]): string {
  dir ??= locate()
  return path.join(dir, ...parts)
}
