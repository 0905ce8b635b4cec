import { Readability } from '@mozilla/readability'
import { parseHTML } from 'linkedom'

export type TextStatus = 'extracted' | 'not_extracted' | 'empty'

export interface ExtractedText {
  /** The readable text, or null when there is none (`status` says why). */
  text: string | null
  status: TextStatus
  /** Which extractor made the text: "readability", "html-body", "plain", "pdf.js". */
  extractor: string | null
  /** The document's own title, when it has one. */
  title: string | null
}

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml'])
const TEXT_TYPES = new Set([
  'application/json',
  'application/ld+json',
  'application/xml',
  'application/rss+xml',
  'application/atom+xml',
  'application/csv',
])
const PDF_TYPE = 'application/pdf'

/** The media type of a Content-Type header: `text/html; charset=utf-8` → `text/html`. */
export function mediaTypeOf(contentType: string): string {
  return contentType.split(';')[0]!.trim().toLowerCase()
}

/**
 * Why the ledger would not archive a body of this type, or undefined when it would: HTML, text
 * and PDF are evidence a reader can check; images, video and executables are not archived here.
 */
export function refusalForType(contentType: string): string | undefined {
  const type = mediaTypeOf(contentType)
  if (HTML_TYPES.has(type) || TEXT_TYPES.has(type) || type === PDF_TYPE) return undefined
  if (type.startsWith('text/')) return undefined
  return `the address serves ${type || 'an unnamed type'}, which is not HTML, text or PDF; nothing archived`
}

/** Decodes bytes with the charset the header names, or the page's own <meta>, else UTF-8. */
export function decodeBody(body: Uint8Array, contentType: string, sniffHtml: boolean): string {
  const header = /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType)?.[1]
  let label = header
  if (!label && sniffHtml) {
    const head = new TextDecoder('latin1').decode(body.subarray(0, 4096))
    label =
      /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1] ??
      /<meta[^>]+content\s*=\s*["'][^"']*charset=([\w.:-]+)/i.exec(head)?.[1]
  }
  try {
    return new TextDecoder(label ?? 'utf-8').decode(body)
  } catch {
    return new TextDecoder('utf-8').decode(body)
  }
}

const BLOCKS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'dd',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'tr',
  'ul',
])
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'svg', 'iframe', 'head'])

interface DomNode {
  nodeType: number
  nodeName: string
  textContent: string | null
  childNodes: ArrayLike<DomNode>
}

/**
 * Text of a DOM subtree with paragraph breaks where the blocks are: whitespace inside a block
 * collapses to single spaces, blocks are separated by a blank line, <br> is a line break. The
 * result is what quotes are anchored in, so the same HTML always gives the same text.
 */
export function blockText(root: DomNode): string {
  const parts: string[] = []
  const walk = (node: DomNode) => {
    if (node.nodeType === 3) {
      parts.push((node.textContent ?? '').replace(/\s+/g, ' '))
      return
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return
    const name = node.nodeName.toLowerCase()
    if (SKIPPED.has(name)) return
    if (name === 'br') {
      parts.push('\n')
      return
    }
    const block = BLOCKS.has(name)
    if (block) parts.push('\n\n')
    if (name === 'td' || name === 'th') parts.push(' ')
    for (let i = 0; i < node.childNodes.length; i++) walk(node.childNodes[i]!)
    if (block) parts.push('\n\n')
  }
  walk(root)
  return parts
    .join('')
    .split('\n')
    .map((line) => line.replace(/ {2,}/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

function extractHtml(html: string): ExtractedText {
  const { document } = parseHTML(html)
  const title = document.querySelector('title')?.textContent?.trim() || null
  // Readability changes the document it reads, so it gets its own copy.
  const article = new Readability(
    parseHTML(html).document as unknown as ConstructorParameters<typeof Readability>[0],
    { charThreshold: 200, keepClasses: false },
  ).parse()
  if (article?.content) {
    const text = blockText(parseHTML(`<body>${article.content}</body>`).document as DomNode)
    if (text !== '')
      return { text, status: 'extracted', extractor: 'readability', title: article.title || title }
  }
  const body = document.querySelector('body') as unknown as DomNode | null
  const text = body ? blockText(body) : ''
  return text === ''
    ? { text: null, status: 'empty', extractor: 'html-body', title }
    : { text, status: 'extracted', extractor: 'html-body', title }
}

async function extractPdf(body: Uint8Array): Promise<ExtractedText> {
  try {
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs')
    const doc = await getDocument({
      // pdf.js takes ownership of (and detaches) the buffer it is given: give it a copy.
      data: new Uint8Array(body),
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      verbosity: 0,
    }).promise
    try {
      const pages: string[] = []
      for (let n = 1; n <= doc.numPages; n++) {
        const page = await doc.getPage(n)
        const content = await page.getTextContent()
        let text = ''
        for (const item of content.items) {
          if (!('str' in item)) continue
          text += item.str + (item.hasEOL ? '\n' : '')
        }
        pages.push(
          text
            .split('\n')
            .map((line) => line.replace(/\s+/g, ' ').trim())
            .join('\n')
            .trim(),
        )
      }
      const { info } = (await doc.getMetadata().catch(() => ({ info: {} }))) as {
        info: { Title?: string }
      }
      const text = pages.filter((p) => p !== '').join('\n\n')
      const title = info?.Title?.trim() || null
      return text === ''
        ? { text: null, status: 'empty', extractor: 'pdf.js', title }
        : { text, status: 'extracted', extractor: 'pdf.js', title }
    } finally {
      await doc.destroy()
    }
  } catch {
    // Encrypted or damaged: the raw PDF is still archived and hashed.
    return { text: null, status: 'not_extracted', extractor: null, title: null }
  }
}

/** The readable text of an archived body, by its type. Deterministic: same bytes, same text. */
export async function extractReadableText(
  body: Uint8Array,
  contentType: string,
): Promise<ExtractedText> {
  const type = mediaTypeOf(contentType)
  if (type === PDF_TYPE) return extractPdf(body)
  if (HTML_TYPES.has(type)) return extractHtml(decodeBody(body, contentType, true))
  if (type.startsWith('text/') || TEXT_TYPES.has(type)) {
    const text = decodeBody(body, contentType, false).replace(/\r\n?/g, '\n').trim()
    return text === ''
      ? { text: null, status: 'empty', extractor: 'plain', title: null }
      : { text, status: 'extracted', extractor: 'plain', title: null }
  }
  return { text: null, status: 'not_extracted', extractor: null, title: null }
}
