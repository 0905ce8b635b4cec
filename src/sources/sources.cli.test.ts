import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { after, test } from 'node:test'
import { testCli } from '../../test/cli.ts'
import { startPageServer } from './testing/page-server.ts'

// The ledger's commands against a real database (a PGlite directory, or the PostgreSQL test
// server) and a local page server; PARLEY_FETCH_ALLOW_PRIVATE=1 as the tests' only exception.
const parley = await testCli({ PARLEY_FETCH_ALLOW_PRIVATE: '1' })
const dir = parley.dataDir
const server = await startPageServer()
after(() => server.close())
const cli = (argv: string[], env: Record<string, string> = {}) => parley.run(argv, { env })

const page = (paragraphs: string[]) =>
  `<html><head><title>Abu Dhabi round</title></head><body><article>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`
const FIRST = [
  'The delegations agreed to exchange prisoners of war, the first exchange in five months, according to the envoy.',
  'Both sides described the discussions as constructive and said they would report to their capitals.',
]

let story: ReturnType<typeof tellAbuDhabiStory> | undefined
/**
 * The ledger's story: the Abu Dhabi source added and archived, a quote on it, the page changed and
 * archived again, and the quotes verified. The first test tells it and checks each step; the tests
 * that build on it call this too, which tells it only if no test in this process has yet, so each
 * of them also runs on its own.
 */
function abuDhabiStory() {
  story ??= tellAbuDhabiStory()
  return story
}

async function tellAbuDhabiStory() {
  const html = page(FIRST)
  server.set('/abu-dhabi', { body: html })
  const added = await cli([
    'source',
    'add',
    `${server.origin}/abu-dhabi`,
    '--key',
    'wire-2026-02-05-abu-dhabi',
    '--kind',
    'wire',
    '--json',
  ])
  const quoted = await cli([
    'quote',
    'add',
    'wire-2026-02-05-abu-dhabi',
    '--exact',
    'described the discussions as constructive',
  ])
  server.set('/abu-dhabi', {
    body: page([FIRST[0]!.replace('the first exchange in five months, ', ''), FIRST[1]!]),
  })
  const archived = await cli(['archive', 'wire-2026-02-05-abu-dhabi'])
  const verified = await cli(['verify-quotes'])
  return { html, added, quoted, archived, verified }
}

test('source add, quote add, archive and verify-quotes from the command line', async () => {
  const { html, added, quoted, archived, verified } = await abuDhabiStory()

  assert.equal(added.status, 0, added.stderr)
  const body = JSON.parse(added.stdout)
  assert.equal(body.archive.snapshot.sha256, createHash('sha256').update(html).digest('hex'))
  assert.equal(quoted.status, 0, quoted.stderr)
  assert.match(archived.stdout, /wire-2026-02-05-abu-dhabi: changed/)
  assert.equal(verified.status, 0)
  assert.match(
    verified.stdout,
    /^moved +quote \d+ \(wire-2026-02-05-abu-dhabi\) "described the discussions as constructive"/m,
  )
  assert.match(verified.stdout, /0 verified, 1 moved, 0 orphaned/)
})

test('a quote that is not in the snapshot exits 3 and names the field', async () => {
  await abuDhabiStory()

  const result = await cli([
    'quote',
    'add',
    'wire-2026-02-05-abu-dhabi',
    '--exact',
    'a ceasefire was signed',
  ])

  assert.equal(result.status, 3)
  assert.match(
    result.stderr,
    /the quote does not occur in snapshot \d+ of "wire-2026-02-05-abu-dhabi"/,
  )
  assert.match(result.stderr, /exact: not found in the archived text/)
})

test('a refused address exits 3 with the reason, and the ledger is unchanged', async () => {
  const before = await cli(['source', 'list', '--json'])

  const result = await cli(['source', 'add', `${server.origin}/x`], {
    PARLEY_FETCH_ALLOW_PRIVATE: '0',
  })
  const afterList = await cli(['source', 'list', '--json'])

  assert.equal(result.status, 3)
  assert.match(result.stderr, /127\.0\.0\.1 is a private, loopback or link-local address/)
  assert.equal(JSON.parse(afterList.stdout).length, JSON.parse(before.stdout).length)
})

test('export sources writes CSL-JSON and a Chicago bibliography; export warc writes a WARC', async () => {
  await abuDhabiStory()

  const csl = await cli(['export', 'sources', '--format', 'csl-json'])
  const chicago = await cli(['export', 'sources', '--format', 'chicago'])
  const warcPath = path.join(dir, 'ledger.warc')
  const warc = await cli(['export', 'warc', '--out', warcPath])

  assert.equal(csl.status, 0)
  assert.equal(JSON.parse(csl.stdout)[0].id, 'wire-2026-02-05-abu-dhabi')
  assert.match(chicago.stdout, /“Abu Dhabi Round\.”/)
  assert.match(warc.stdout, /2 snapshot\(s\)/)
  assert.match(readFileSync(warcPath, 'latin1'), /^WARC\/1\.1\r\n/)
})

test('import sources reads CSL-JSON and names a bad item by its path', async () => {
  const good = path.join(dir, 'good.json')
  const bad = path.join(dir, 'bad.json')
  writeFileSync(
    good,
    JSON.stringify([
      { id: 'Imported-1', type: 'webpage', URL: 'https://example.org/imported', title: 'Imported' },
    ]),
  )
  writeFileSync(bad, JSON.stringify([{ id: 'x', type: 'webpage' }]))

  const ok = await cli(['import', 'sources', good])
  const refused = await cli(['import', 'sources', bad])
  const shown = await cli(['source', 'show', 'imported-1'])

  assert.equal(ok.status, 0, ok.stderr)
  assert.match(ok.stdout, /imported 1 source/)
  assert.equal(refused.status, 3)
  assert.match(refused.stderr, /\$\[0\]\.URL: every item needs a URL/)
  assert.match(shown.stdout, /imported-1: Imported/)
})

test('verify-quotes exits 1 once a quoted passage has gone from the page', async () => {
  await abuDhabiStory()
  server.set('/abu-dhabi', {
    body: page([FIRST[0]!, 'The talks ended without a joint statement.']),
  })

  const archived = await cli(['archive', 'wire-2026-02-05-abu-dhabi'])
  const verified = await cli(['verify-quotes'])

  assert.match(archived.stdout, /wire-2026-02-05-abu-dhabi: changed/)
  assert.equal(verified.status, 1)
  assert.match(verified.stdout, /0 verified, 0 moved, 1 orphaned/)
})

test('import sources reads a CSL-JSON file with a byte-order mark and refuses invalid UTF-8', async () => {
  const withBom = path.join(dir, 'bom.json')
  const broken = path.join(dir, 'broken.json')
  const item = { id: 'Bom-1', type: 'webpage', URL: 'https://example.org/bom', title: 'Kyiv' }
  writeFileSync(
    withBom,
    Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify([item]))]),
  )
  writeFileSync(
    broken,
    Buffer.concat([Buffer.from('[{"title":"K'), Buffer.from([0xff]), Buffer.from('"}]')]),
  )

  const read = await cli(['import', 'sources', withBom])
  const refused = await cli(['import', 'sources', broken])

  assert.equal(read.status, 0, read.stderr)
  assert.match(read.stdout, /imported 1 source/)
  assert.equal(refused.status, 3)
  assert.match(refused.stderr, /broken\.json is not UTF-8 text: invalid byte at offset 12 \(ff/)
})
