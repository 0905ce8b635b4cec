import { lookup as dnsLookup, type LookupAddress } from 'node:dns'
import http, { type IncomingMessage } from 'node:http'
import https from 'node:https'
import type { LookupFunction } from 'node:net'
import { isIP } from 'node:net'
import type { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import zlib from 'node:zlib'
import { AppError, invalidInput } from '../platform/errors.ts'
import { isPublicAddress } from './address-policy.ts'

/** The guards around every fetch the ledger makes (docs/ledger.md, "Fetching"). */
export interface FetchLimits {
  /** Whole request, redirects and body included, in milliseconds. */
  timeoutMs: number
  /** Largest body accepted, in bytes, after content decoding. */
  maxBytes: number
  maxRedirects: number
  /** Allow private, loopback and link-local addresses (PARLEY_FETCH_ALLOW_PRIVATE=1). */
  allowPrivate: boolean
}

export const defaultFetchLimits: FetchLimits = {
  timeoutMs: 20_000,
  maxBytes: 20 * 1024 * 1024,
  maxRedirects: 5,
  allowPrivate: false,
}

export interface FetchedPage {
  requestedUrl: string
  finalUrl: string
  status: number
  /** Content-Type as sent, or "application/octet-stream" when absent. */
  contentType: string
  /** Response headers with lower-case names, content and transfer encodings removed. */
  headers: [string, string][]
  /** The payload after content decoding (gzip, deflate, br). */
  body: Uint8Array
}

export interface FetchOptions extends Partial<FetchLimits> {
  /** Refuses a content type before its body is read; returns the reason, or undefined to accept. */
  refuseType?: (contentType: string) => string | undefined
}

const USER_AGENT = 'ParleyArchiver/0.1 (evidence ledger)'
const REDIRECTS = new Set([301, 302, 303, 307, 308])
// Hop-by-hop and encoding headers describe the transfer, not the stored payload.
const DROPPED_HEADERS = new Set([
  'content-encoding',
  'transfer-encoding',
  'content-length',
  'connection',
  'keep-alive',
  'set-cookie',
])

/**
 * GET `url` within the guards: http(s) only, a deadline, a size cap, a redirect limit and — unless
 * allowed — no private, loopback or link-local address at any hop. The address is checked on the
 * resolved IP that the socket connects to, so a name that resolves to an inside address is refused
 * too. Any HTTP status is returned; the caller decides what a 404 means.
 */
export async function fetchGuarded(url: string, options: FetchOptions = {}): Promise<FetchedPage> {
  const limits: FetchLimits = { ...defaultFetchLimits, ...definedOnly(options) }
  const signal = AbortSignal.timeout(limits.timeoutMs)
  let current = parseHttpUrl(url)
  for (let hop = 0; ; hop++) {
    const res = await request(current, limits, signal)
    const location = res.headers.location
    if (REDIRECTS.has(res.statusCode ?? 0) && location) {
      res.destroy()
      if (hop >= limits.maxRedirects)
        throw invalidInput(`${url}: more than ${limits.maxRedirects} redirects`)
      let next: URL
      try {
        next = new URL(location, current)
      } catch {
        throw invalidInput(`${current.href}: redirect to an invalid address ${location}`)
      }
      current = parseHttpUrl(next.href, `${current.href} redirects to`)
      continue
    }
    const contentType = res.headers['content-type'] ?? 'application/octet-stream'
    const refusal = options.refuseType?.(contentType)
    if (refusal !== undefined) {
      res.destroy()
      throw invalidInput(`${current.href}: ${refusal}`)
    }
    const declared = Number(res.headers['content-length'])
    if (
      Number.isFinite(declared) &&
      declared > limits.maxBytes &&
      !res.headers['content-encoding']
    ) {
      res.destroy()
      throw tooLarge(current.href, limits.maxBytes)
    }
    const body = await readBody(res, current.href, limits, signal)
    const headers: [string, string][] = []
    for (let i = 0; i < res.rawHeaders.length; i += 2) {
      const name = res.rawHeaders[i]!.toLowerCase()
      if (!DROPPED_HEADERS.has(name)) headers.push([name, res.rawHeaders[i + 1]!])
    }
    return {
      requestedUrl: url,
      finalUrl: current.href,
      status: res.statusCode ?? 0,
      contentType,
      headers,
      body,
    }
  }
}

function definedOnly(options: FetchOptions): Partial<FetchLimits> {
  const out: Partial<FetchLimits> = {}
  if (options.timeoutMs !== undefined) out.timeoutMs = options.timeoutMs
  if (options.maxBytes !== undefined) out.maxBytes = options.maxBytes
  if (options.maxRedirects !== undefined) out.maxRedirects = options.maxRedirects
  if (options.allowPrivate !== undefined) out.allowPrivate = options.allowPrivate
  return out
}

function parseHttpUrl(raw: string, context = 'address'): URL {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw invalidInput(`${context} "${raw}" is not a valid URL`, [
      { path: 'url', message: 'not a URL' },
    ])
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw invalidInput(`${context} "${raw}" is not http or https`, [
      { path: 'url', message: `scheme ${url.protocol} is not fetched` },
    ])
  return url
}

function refusedAddress(host: string, address: string): AppError {
  return invalidInput(
    `refused to fetch from ${host}: ${address} is a private, loopback or link-local address`,
    [{ path: 'url', message: 'address not allowed (PARLEY_FETCH_ALLOW_PRIVATE=1 allows it)' }],
  )
}

function tooLarge(url: string, maxBytes: number): AppError {
  return new AppError(
    'payload_too_large',
    `${url}: the body is larger than ${Math.round(maxBytes / 1024 / 1024)} MB; nothing archived`,
  )
}

/** DNS lookup that only hands the socket public addresses (or any, when allowed). */
function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0)
      const usable = allowPrivate ? addresses : addresses.filter((a) => isPublicAddress(a.address))
      if (usable.length === 0) {
        return callback(refusedAddress(hostname, addresses[0]?.address ?? '?'), '', 0)
      }
      if ((options as { all?: boolean }).all) return callback(null, usable as never)
      return callback(null, usable[0]!.address, usable[0]!.family)
    })
  }
}

function request(url: URL, limits: FetchLimits, signal: AbortSignal): Promise<IncomingMessage> {
  const host = url.hostname.replace(/^\[|\]$/g, '')
  if (isIP(host) && !limits.allowPrivate && !isPublicAddress(host))
    return Promise.reject(refusedAddress(url.host, host))
  const client = url.protocol === 'https:' ? https : http
  return new Promise((resolve, reject) => {
    const req = client.get(
      url,
      {
        agent: false,
        lookup: guardedLookup(limits.allowPrivate),
        signal,
        headers: {
          'user-agent': USER_AGENT,
          accept: 'text/html,application/xhtml+xml,application/pdf,text/plain;q=0.9,*/*;q=0.5',
          'accept-encoding': 'gzip, deflate, br',
        },
      },
      resolve,
    )
    req.once('error', (error) => reject(networkError(url.href, error, limits)))
  })
}

function networkError(url: string, error: unknown, limits: FetchLimits): AppError {
  if (error instanceof AppError) return error
  const e = error as NodeJS.ErrnoException
  if (e.name === 'AbortError' || e.name === 'TimeoutError')
    return new AppError(
      'unavailable',
      `${url}: no complete answer within ${limits.timeoutMs / 1000} s`,
    )
  const reason =
    e.code === 'ENOTFOUND'
      ? 'no such host'
      : e.code === 'ECONNREFUSED'
        ? 'connection refused'
        : e.code === 'ECONNRESET'
          ? 'connection reset'
          : (e.message ?? String(error))
  return new AppError('unavailable', `${url}: unreachable (${reason})`)
}

function decoder(encoding: string | undefined, url: string): Transform | undefined {
  switch ((encoding ?? 'identity').trim().toLowerCase()) {
    case 'identity':
    case '':
      return undefined
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip()
    case 'deflate':
      return zlib.createInflate()
    case 'br':
      return zlib.createBrotliDecompress()
    default:
      throw invalidInput(`${url}: unsupported content encoding "${encoding}"`)
  }
}

async function readBody(
  res: IncomingMessage,
  url: string,
  limits: FetchLimits,
  signal: AbortSignal,
): Promise<Uint8Array> {
  const decode = decoder(res.headers['content-encoding'], url)
  const chunks: Buffer[] = []
  let size = 0
  // Kept aside: pipeline may report our refusal as its own abort of the other streams.
  let refused: AppError | undefined
  const collect = async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) {
      size += chunk.length
      // Counted after decoding, so a small compressed body cannot inflate past the cap.
      if (size > limits.maxBytes) {
        refused = tooLarge(url, limits.maxBytes)
        throw refused
      }
      chunks.push(chunk)
    }
  }
  try {
    // pipeline, not res.pipe: the deadline (and any failure) must destroy the socket and the
    // decoder together. With pipe, an aborted response left the gunzip stream waiting for input
    // that never came, and the fetch never settled.
    if (decode) await pipeline(res, decode, collect, { signal })
    else await pipeline(res, collect, { signal })
  } catch (error) {
    res.destroy()
    decode?.destroy()
    if (refused) throw refused
    if (error instanceof AppError) throw error
    if (signal.aborted) throw unfinished(url, limits)
    throw new AppError('unavailable', `${url}: the transfer failed (${(error as Error).message})`)
  }
  // A body without a length ends when the connection closes — and the deadline closes it too, so
  // an ending that came with the deadline is a cut-off capture, never a whole one.
  if (signal.aborted || !res.complete) throw unfinished(url, limits)
  return new Uint8Array(Buffer.concat(chunks))
}

function unfinished(url: string, limits: FetchLimits): AppError {
  return new AppError(
    'unavailable',
    `${url}: the page did not finish loading within ${limits.timeoutMs / 1000} s; nothing stored`,
  )
}
