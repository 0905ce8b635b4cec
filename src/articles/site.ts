import { type Config, linkOrigin } from '../platform/config.ts'
import { archivePath } from '../sources/sources.ts'

/** Where the site lives, for the absolute addresses in feeds, OpenGraph and JSON-LD. */
export interface Site {
  url: string
}

/** PUBLIC_URL when set (it should be in production), else the address the server listens on. */
export function siteOf(config: Pick<Config, 'publicUrl' | 'host' | 'port'>): Site {
  return { url: linkOrigin(config) }
}

/** An archived copy is kept on this site; its address is for members only. */
export function archiveUrlOf(source: { key: string }, snapshot: { id: number }): string {
  return archivePath(source.key, snapshot.id)
}
