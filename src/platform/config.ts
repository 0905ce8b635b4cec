import path from 'node:path'
import { z } from 'zod'

/**
 * The environment, parsed once. Nothing else reads process.env: everything downstream takes a
 * Config so that tests can build one by hand.
 */
const Env = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce
    .number({ error: 'expected a port number' })
    .int('expected a whole number')
    .min(0, 'expected 0–65535')
    .max(65535, 'expected 0–65535')
    .default(3000),
  PARLEY_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// or postgresql:// URL')
    .optional(),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  /** The public origin (scheme://host[:port]) used in links and in the Origin check. */
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'expected an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Parley <newsletter@parley.localhost>'),
  PARLEY_FETCH_ALLOW_PRIVATE: z.enum(['0', '1']).default('0'),
  /** Hours between link checks of a source; 0 turns the scheduled check off. */
  PARLEY_LINK_CHECK_HOURS: z.coerce
    .number({ error: 'expected a number of hours' })
    .min(0, 'expected 0 or more hours')
    .max(24 * 365, 'expected at most a year')
    .default(24),
  PARLEY_DEMO: z.enum(['0', '1']).default('1'),
  PARLEY_TRUST_PROXY: z.enum(['0', '1']).default('0'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
})

export interface Config {
  host: string
  port: number
  dataDir: string
  databaseUrl: string | undefined
  env: 'development' | 'production' | 'test'
  publicUrl: string | undefined
  smtpUrl: string | undefined
  mailFrom: string
  fetchAllowPrivate: boolean
  /** Hours between scheduled link checks of each source (0: no scheduled checks). */
  linkCheckHours: number
  loadDemo: boolean
  /** Believe X-Forwarded-For (only behind a proxy that sets it). */
  trustProxy: boolean
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent'
}

/** A setting that cannot be used; the message names it. */
export class ConfigError extends Error {
  override name = 'ConfigError'
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  // An empty variable means "not set", as in most shells' `FOO= cmd`.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''))
  const parsed = Env.safeParse(present)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    const name = String(issue.path[0] ?? 'environment')
    const given = present[name] === undefined ? '' : ` (got ${JSON.stringify(present[name])})`
    throw new ConfigError(`invalid setting ${name}: ${issue.message}${given}`)
  }
  const e = parsed.data
  return {
    host: e.HOST,
    port: e.PORT,
    dataDir: path.resolve(e.PARLEY_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    env: e.NODE_ENV,
    publicUrl: e.PUBLIC_URL?.replace(/\/$/, ''),
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    fetchAllowPrivate: e.PARLEY_FETCH_ALLOW_PRIVATE === '1',
    linkCheckHours: e.PARLEY_LINK_CHECK_HOURS,
    loadDemo: e.PARLEY_DEMO === '1',
    trustProxy: e.PARLEY_TRUST_PROXY === '1',
    logLevel: e.LOG_LEVEL,
  }
}

/**
 * The origin of links that leave the request (mail, feeds): PUBLIC_URL, else the address the
 * server listens on. Never the request's Host header, which the client writes: a sign-in link
 * built from it would mail a token to whatever host an attacker named.
 */
export function linkOrigin(config: Pick<Config, 'publicUrl' | 'host' | 'port'>): string {
  if (config.publicUrl) return config.publicUrl
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host
  return `http://${host.includes(':') ? `[${host}]` : host}:${config.port}`
}
