import assert from 'node:assert/strict'
import { test } from 'node:test'
import { finishMarkdown, prepareMarkdown } from './markdown.ts'
import type { CitedSource } from './notes.ts'
import { checkArticle, gatedLinkRule, renderArticle, unknownKeysMessage } from './render.ts'

function source(
  key: string,
  kind: CitedSource['kind'],
  extra: Partial<CitedSource> = {},
): CitedSource {
  return {
    key,
    title: `Title of ${key}`,
    publisher: `Publisher of ${key}`,
    author: null,
    publishedOn: '2026-01-24',
    kind,
    url: `https://example.com/${key}?x=1&y=2`,
    archive: { url: `/sources/${key}/snapshots/7`, capturedAt: '2026-01-25T10:00:00Z' },
    quotes: [{ exact: `A passage quoted from ${key}.`, note: null }],
    ...extra,
  }
}

const sources = new Map(
  [source('a', 'official'), source('b', 'wire'), source('c', 'wire')].map((s) => [s.key, s]),
)
const hide = gatedLinkRule(
  [...sources.values()].map((s) => s.url),
  (href) => href.startsWith('/sources/') && href.includes('/snapshots/'),
)

test('unknown keys are all reported, each with its line, and the message lists them', () => {
  const markdown = 'Intro [@a].\n\nThen [@ghost] and\n[see @phantom; @a].'
  const prepared = prepareMarkdown(markdown)

  const { problems } = checkArticle(markdown, prepared, new Set(['a']))

  assert.deepEqual(problems, [
    { line: 3, message: 'unknown citation key "ghost": no source in the ledger has this key' },
    { line: 4, message: 'unknown citation key "phantom": no source in the ledger has this key' },
  ])
  assert.equal(
    unknownKeysMessage(['ghost', 'phantom']),
    'Cannot publish: 2 citation keys are not in the ledger: ghost, phantom.',
  )
})

test('the public variant names every source and carries no address; the member variant has them all', () => {
  const prepared = prepareMarkdown(
    'First [@b, p. 4], then [see @a; @b].\n\nA link to [the story](https://example.com/b?y=2&x=1#top) and <https://example.com/c?x=1&y=2>.',
  )

  const rendered = renderArticle(prepared, sources, [], hide)

  for (const s of sources.values()) {
    assert.ok(!rendered.publicFragment.includes('example.com'), 'no source address')
    assert.ok(!rendered.publicFragment.includes(s.archive!.url), 'no archive address')
    assert.ok(!rendered.publicFragment.includes('A passage quoted'), 'no quoted passage')
  }
  assert.ok(rendered.publicFragment.includes('<span class="gated-link">the story</span>'))
  assert.ok(rendered.publicFragment.includes('(link for members)'))
  assert.ok(rendered.publicFragment.includes('“Title of b”, Publisher of b, 24 Jan 2026'))
  // A tie keeps the kinds in their usual order.
  assert.ok(rendered.publicFragment.includes('2 sources: 1 official, 1 wire'))
  assert.ok(rendered.memberFragment.includes('href="https://example.com/b?x=1&amp;y=2"'))
  assert.ok(rendered.memberFragment.includes('/sources/a/snapshots/7'))
  assert.ok(rendered.memberFragment.includes('A passage quoted from a.'))
  assert.deepEqual(
    rendered.notes.map((n) => [n.number, n.source.key, n.citedAt]),
    [
      [1, 'b', ['cite-1-1', 'cite-1-2']],
      [2, 'a', ['cite-2-1']],
    ],
  )
})

test('both variants number the citations identically', () => {
  const prepared = prepareMarkdown('[@c] and [@a; @c] and [@b]')

  const rendered = renderArticle(prepared, sources, [], hide)

  const refs = (html: string) => [...html.matchAll(/href="#note-(\d+)"/g)].map((m) => m[1])
  const body = (html: string) => html.slice(0, html.indexOf('<p class="source-summary">'))
  assert.deepEqual(refs(body(rendered.publicFragment)), ['1', '2', '1', '3'])
  assert.deepEqual(refs(body(rendered.publicFragment)), refs(body(rendered.memberFragment)))
})

test('scripts, styles, event handlers and javascript: links are removed; safe HTML stays', () => {
  const prepared = prepareMarkdown(
    [
      'Hi <script>alert(1)</script><style>p{}</style><em onmouseover="x()">there</em>',
      '<a href="javascript:alert(2)">click</a> [md](javascript:alert(3))',
      '<iframe src="https://evil.example"></iframe><img src="/x.png" onerror="alert(4)" alt="x">',
      '<sub>2</sub> <details><summary>More</summary>hidden</details>',
    ].join('\n\n'),
  )

  const { html } = finishMarkdown(prepared, { embedHtml: [] })

  assert.doesNotMatch(html, /<script|<style|<iframe|onmouseover|onerror|javascript:|alert\(/i)
  assert.match(html, /<em>there<\/em>/)
  assert.match(html, /<sub>2<\/sub>/)
  assert.match(html, /<img src="\/x.png" alt="x">/)
})

test('citation syntax inside code is shown as written, not turned into a note', () => {
  const prepared = prepareMarkdown('Write `[@key]` to cite.\n\n```\n[@key]\n```')

  assert.deepEqual(prepared.citedKeys, [])
  assert.match(finishMarkdown(prepared, { embedHtml: [] }).html, /<code>\[@key\]<\/code>/)
})

test('an embed block becomes its trusted HTML in place; a bad one is reported with its line', () => {
  const markdown =
    'Before.\n\n```parley-embed progress negotiation=russia-ukraine-2025 at=2026-01-22\nCaption.\n```\n\n```parley-embed progress negotiation=x at=2026-02-30\n```\n\n```parley-embed chart\n```'
  const prepared = prepareMarkdown(markdown)

  const { problems } = checkArticle(markdown, prepared, new Set())
  const { html } = finishMarkdown(prepared, {
    embedHtml: ['<figure class="embed"><svg role="img"><title>t</title></svg></figure>'],
  })

  assert.deepEqual(prepared.embeds[0], {
    kind: 'progress',
    params: { negotiation: 'russia-ukraine-2025', at: '2026-01-22' },
    caption: 'Caption.',
    line: 3,
  })
  assert.deepEqual(problems, [
    { line: 7, message: 'progress: "at": not a calendar date' },
    { line: 10, message: 'unknown embed "chart" (known: progress, timeline, forecast)' },
  ])
  assert.match(
    html,
    /<p>Before.<\/p>\n<figure class="embed"><svg role="img"><title>t<\/title><\/svg><\/figure>/,
  )
  assert.doesNotMatch(html, /parley-embed/)
})
