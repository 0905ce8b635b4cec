import type { Element, ElementContent, Root as HastRoot, Parents, Text } from 'hast'
import type { Code, Nodes as MdastNodes, Root as MdastRoot } from 'mdast'
import rehypeRaw from 'rehype-raw'
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize'
import rehypeStringify from 'rehype-stringify'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import { unified } from 'unified'
import { findCitations } from './citations.ts'
import { EMBED_LANG, type EmbedDirective, parseEmbedInfo } from './embeds.ts'

/**
 * Article Markdown → HTML in two steps. `prepareMarkdown` parses and sanitizes what the author
 * wrote (raw HTML is parsed, then everything outside a safe list — scripts, event handlers,
 * `javascript:` links, styles — is dropped) and finds the citations and embeds. `finishMarkdown`
 * then puts in what Parley itself produces — numbered citation links and the embeds' HTML/SVG —
 * after sanitizing, so that trusted output is not mangled and untrusted input never mixes in.
 */

export interface MarkdownProblem {
  line: number
  message: string
}

export interface PreparedMarkdown {
  /** The sanitized tree, embeds as placeholders, citations still as text. */
  tree: HastRoot
  /** Cited keys in order of first citation: note n is citedKeys[n - 1]. */
  citedKeys: string[]
  embeds: EmbedDirective[]
  problems: MarkdownProblem[]
}

const PLACEHOLDER = 'parley-embed'

// Elements whose text is never a citation: code shows the syntax literally; a link's text is the
// link's.
const NO_CITATIONS = new Set(['code', 'pre', 'a', 'kbd', 'samp', 'script', 'style'])

export function prepareMarkdown(markdown: string): PreparedMarkdown {
  const problems: MarkdownProblem[] = []
  const mdast = unified().use(remarkParse).use(remarkGfm).parse(markdown) as MdastRoot

  const embeds: EmbedDirective[] = []
  walkMdast(mdast, (node) => {
    if (node.type !== 'code' || node.lang !== EMBED_LANG) return
    const code = node as Code
    const line = code.position?.start.line ?? 0
    const info = parseEmbedInfo(code.meta ?? '')
    const index = embeds.length
    if ('error' in info) {
      problems.push({ line, message: `embed: ${info.error}` })
      embeds.push({ kind: '', params: {}, caption: code.value.trim(), line })
    } else {
      embeds.push({ ...info, caption: code.value.trim(), line })
    }
    code.value = String(index)
    code.meta = null
  })

  const tree = unified()
    .use(remarkRehype, { allowDangerousHtml: true })
    .use(rehypeRaw)
    .use(rehypeSanitize, defaultSchema)
    .runSync(mdast) as HastRoot

  replaceEmbedBlocks(tree)

  const citedKeys: string[] = []
  const seen = new Set<string>()
  walkText(tree, (text) => {
    for (const citation of findCitations(text.value)) {
      for (const item of citation.items) {
        if (seen.has(item.key)) continue
        seen.add(item.key)
        citedKeys.push(item.key)
      }
    }
    return undefined
  })
  return { tree, citedKeys, embeds, problems }
}

/** The 1-based line where `key` is first cited, for error messages. */
export function lineOfKey(markdown: string, key: string): number {
  const escaped = key.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
  const match = new RegExp(`@(?:\\{\\s*${escaped}\\s*\\}|${escaped}(?![\\p{L}\\p{N}_]))`, 'u').exec(
    markdown,
  )
  if (!match) return 0
  return markdown.slice(0, match.index).split('\n').length
}

export interface FinishOptions {
  /** Trusted HTML for each embed, by its index in `embeds`. */
  embedHtml: readonly string[]
  /** Links the reader may not be given (a source's address, for a reader without access). */
  hideLink?: ((href: string) => boolean) | undefined
}

export interface FinishedMarkdown {
  html: string
  /** For note n, the ids of the places that cite it, for the notes' back-links. */
  citedAt: Map<number, string[]>
}

/** Citations become numbered links to the notes; embeds become their HTML. */
export function finishMarkdown(
  prepared: PreparedMarkdown,
  options: FinishOptions,
): FinishedMarkdown {
  const tree = structuredClone(prepared.tree)
  const numbers = new Map(prepared.citedKeys.map((key, index) => [key, index + 1]))
  const citedAt = new Map<number, string[]>()

  walkText(tree, (text) => {
    const citations = findCitations(text.value)
    if (citations.length === 0) return undefined
    const out: ElementContent[] = []
    let at = 0
    for (const citation of citations) {
      if (citation.start > at) out.push(textNode(text.value.slice(at, citation.start)))
      const children: ElementContent[] = [textNode('[')]
      citation.items.forEach((item, i) => {
        if (i > 0) children.push(textNode('; '))
        if (item.prefix) children.push(textNode(`${item.prefix} `))
        const n = numbers.get(item.key)!
        const ids = citedAt.get(n) ?? []
        const id = `cite-${n}-${ids.length + 1}`
        ids.push(id)
        citedAt.set(n, ids)
        children.push({
          type: 'element',
          tagName: 'a',
          properties: { href: `#note-${n}`, id, className: ['note-ref'] },
          children: [textNode(String(n))],
        })
        if (item.suffix) children.push(textNode(item.suffix))
      })
      children.push(textNode(']'))
      out.push({ type: 'element', tagName: 'span', properties: { className: ['cite'] }, children })
      at = citation.end
    }
    if (at < text.value.length) out.push(textNode(text.value.slice(at)))
    return out
  })

  walkElements(tree, (element, parent, index) => {
    if (element.tagName !== PLACEHOLDER) return
    const n = Number(element.properties.dataIndex)
    const html = options.embedHtml[n]
    parent.children.splice(index, 1, {
      type: 'raw',
      value: html ?? '<p class="error">This embed could not be drawn.</p>',
    } as unknown as ElementContent)
  })
  // Parse the embeds' HTML into the tree so that the link rule below sees their links too.
  const withEmbeds = unified().use(rehypeRaw).runSync(tree) as HastRoot

  if (options.hideLink) {
    const hide = options.hideLink
    walkElements(withEmbeds, (element, parent, index) => {
      if (element.tagName === 'img') {
        const src = element.properties.src
        if (typeof src === 'string' && hide(src)) {
          parent.children.splice(index, 1, textNode(String(element.properties.alt ?? '')))
        }
        return
      }
      if (element.tagName !== 'a') return
      const href = element.properties.href
      if (typeof href !== 'string' || !hide(href)) return
      // An address written out as the link's text would give it away all the same.
      const label = textOf(element).trim()
      const shown =
        label.includes('://') ||
        label.startsWith('//') ||
        label === href.trim() ||
        hide(label) ||
        (/^[\w-]+(\.[\w-]+)+\//.test(label) && hide(`https://${label}`))
          ? [textNode('(link for members)')]
          : element.children
      parent.children.splice(index, 1, {
        type: 'element',
        tagName: 'span',
        properties: { className: ['gated-link'] },
        children: shown,
      })
    })
  }

  const html = unified().use(rehypeStringify).stringify(withEmbeds)
  return { html, citedAt }
}

function textNode(value: string): Text {
  return { type: 'text', value }
}

function textOf(node: ElementContent): string {
  if (node.type === 'text') return node.value
  if (node.type === 'element') return node.children.map(textOf).join('')
  return ''
}

function walkMdast(node: MdastNodes, visit: (node: MdastNodes) => void): void {
  visit(node)
  if ('children' in node) for (const child of node.children) walkMdast(child, visit)
}

/** A `<pre><code class="language-parley-embed">n</code></pre>` block becomes a placeholder. */
function replaceEmbedBlocks(tree: HastRoot): void {
  walkElements(tree, (element, parent, index) => {
    if (element.tagName !== 'pre') return
    const code = element.children.find(
      (child): child is Element => child.type === 'element' && child.tagName === 'code',
    )
    const classes = code?.properties.className
    if (!code || !Array.isArray(classes) || !classes.includes(`language-${EMBED_LANG}`)) return
    parent.children.splice(index, 1, {
      type: 'element',
      tagName: PLACEHOLDER,
      properties: { dataIndex: Number(textOf(code).trim()) },
      children: [],
    })
  })
}

/** Visits every element; `visit` may replace the element in its parent (one for one). */
function walkElements(
  node: Parents,
  visit: (element: Element, parent: Parents, index: number) => void,
): void {
  for (let i = 0; i < node.children.length; i++) {
    const child = node.children[i]!
    if (child.type !== 'element') continue
    visit(child, node, i)
    const current = node.children[i]
    if (current && current.type === 'element') walkElements(current, visit)
  }
}

/**
 * Visits text nodes outside code and links; `replace` may return nodes to put in a text's place.
 */
function walkText(node: Parents, replace: (text: Text) => ElementContent[] | undefined): void {
  for (let i = 0; i < node.children.length; i++) {
    const child = node.children[i]!
    if (child.type === 'text') {
      const out = replace(child)
      if (out) {
        node.children.splice(i, 1, ...out)
        i += out.length - 1
      }
    } else if (child.type === 'element' && !NO_CITATIONS.has(child.tagName)) {
      walkText(child, replace)
    }
  }
}

/** Every link and image address in the author's text, to find which of them are ledger sources. */
export function linkTargetsOf(prepared: PreparedMarkdown): string[] {
  const found: string[] = []
  walkElements(prepared.tree, (element) => {
    const value = element.tagName === 'img' ? element.properties.src : element.properties.href
    if (typeof value === 'string') found.push(value)
  })
  return found
}
