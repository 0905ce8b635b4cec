import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface ServedPage {
  status?: number
  headers?: Record<string, string>
  body: string | Uint8Array
}

export type Handler = (req: IncomingMessage, res: ServerResponse) => void

/**
 * A local HTTP server for tests and the benchmark: pages are set per path and can be changed
 * between requests, so a test can alter a page and archive it again. Nothing touches the internet.
 */
export interface PageServer {
  origin: string
  set(path: string, page: ServedPage | Handler): void
  /** How many requests each path received. */
  hits(path: string): number
  close(): Promise<void>
}

export async function startPageServer(): Promise<PageServer> {
  const pages = new Map<string, ServedPage | Handler>()
  const counts = new Map<string, number>()
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://local').pathname
    counts.set(path, (counts.get(path) ?? 0) + 1)
    const page = pages.get(path)
    if (page === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not here')
      return
    }
    if (typeof page === 'function') {
      page(req, res)
      return
    }
    const body = typeof page.body === 'string' ? Buffer.from(page.body, 'utf8') : page.body
    res.writeHead(page.status ?? 200, {
      'content-type': 'text/html; charset=utf-8',
      'content-length': String(body.length),
      ...page.headers,
    })
    res.end(body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    origin: `http://127.0.0.1:${port}`,
    set: (path, page) => {
      pages.set(path, page)
    },
    hits: (path) => counts.get(path) ?? 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
