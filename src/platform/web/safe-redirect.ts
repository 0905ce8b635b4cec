// Anything the URL parser could read as another origin, and anything a header cannot carry.
// Browsers strip tab, CR and LF from URLs before parsing (WHATWG URL), so `/\t/evil.example`
// becomes `//evil.example`; a backslash reads as a slash in http(s) URLs.
const forbidden = (ch: string) =>
  ch === '\\' || ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f

const BASE = 'http://parley.invalid'

/**
 * `value` if it is a path on this site that cannot be read as another origin, else `fallback`.
 * The one check behind every redirect taken from a request (staff `next`, member `returnTo`).
 * The answer is the parsed path, query and fragment, percent-encoded, so it is safe in a header.
 */
export function safeLocalPath(value: string | undefined, fallback: string): string {
  if (value === undefined || !value.startsWith('/') || [...value].some(forbidden)) return fallback
  // After the stripping above nothing is left for the browser to strip, so the parser here reads
  // the path the way the browser will.
  if (value.startsWith('//')) return fallback
  let parsed: URL
  try {
    parsed = new URL(value, BASE)
  } catch {
    return fallback
  }
  if (parsed.origin !== BASE) return fallback
  return `${parsed.pathname}${parsed.search}${parsed.hash}`
}
