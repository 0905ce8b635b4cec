// Query parameters that only track where a click came from; they never change what a page says.
const TRACKING = /^(utm_[a-z_]+|fbclid|gclid|dclid|mc_cid|mc_eid|igshid|ref_src|cmpid|ocid)$/i

/**
 * The URL written so that two ways of writing the same address compare equal: lower-case scheme
 * and host, no default port, no fragment, no tracking parameters, remaining parameters sorted,
 * no trailing slash except at the root. Returns undefined when `raw` is not an http(s) URL.
 */
export function normalizeUrl(raw: string): string | undefined {
  let url: URL
  try {
    url = new URL(raw.trim())
  } catch {
    return undefined
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined
  url.hash = ''
  url.username = ''
  url.password = ''
  const kept = [...url.searchParams.entries()].filter(([name]) => !TRACKING.test(name))
  kept.sort(([a, av], [b, bv]) => (a === b ? av.localeCompare(bv) : a.localeCompare(b)))
  url.search = new URLSearchParams(kept).toString()
  if (url.pathname.length > 1 && url.pathname.endsWith('/'))
    url.pathname = url.pathname.replace(/\/+$/, '')
  // URL already lower-cases the host and drops default ports.
  return url.toString()
}
