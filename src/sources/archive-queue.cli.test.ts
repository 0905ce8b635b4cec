import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { after, test } from 'node:test'
import { testCli } from '../../test/cli.ts'
import { startPageServer } from './testing/page-server.ts'

// `parley import sources`, `archive --status` and `archive --all` against a database of their
// own and a local page server (PARLEY_FETCH_ALLOW_PRIVATE=1, as the other archive tests).
const parley = await testCli({ PARLEY_FETCH_ALLOW_PRIVATE: '1' })
const server = await startPageServer()
after(() => server.close())
const cli = (argv: string[]) => parley.run(argv)

const page = (title: string) =>
  `<html><head><title>${title}</title></head><body><article><p>${title}: the envoys met for six hours and agreed to meet again next week in the same place.</p></article></body></html>`

function cslFile(name: string, ids: readonly string[]): string {
  for (const id of ids) server.set(`/${id}`, { body: page(id) })
  const file = path.join(parley.dataDir, name)
  writeFileSync(
    file,
    JSON.stringify(ids.map((id) => ({ id, type: 'webpage', URL: `${server.origin}/${id}` }))),
  )
  return file
}

test('imported sources are queued, shown by archive --status and archived once by archive --all', async () => {
  const queued = await cli(['import', 'sources', cslFile('queued.json', ['q-one', 'q-two'])])
  const skipped = await cli([
    'import',
    'sources',
    cslFile('skipped.json', ['s-one']),
    '--no-archive',
  ])
  const before = await cli(['archive', '--status', '--json'])

  const all = await cli(['archive', '--all'])
  const status = await cli(['archive', '--status'])

  assert.equal(queued.status, 0, queued.stderr)
  assert.match(queued.stdout, /2 queued for archiving/)
  assert.match(skipped.stdout, /not queued for archiving \(--no-archive\)/)
  const progress = JSON.parse(before.stdout)
  assert.equal(progress.left, 2)
  assert.equal(progress.notQueued, 1)
  assert.equal(progress.archived, 0)
  // --all archives every source without a capture: the two queued and the one never queued.
  assert.equal(all.status, 0, all.stderr)
  assert.match(all.stdout, /q-one: archived/)
  assert.match(all.stdout, /s-one: archived/)
  assert.match(status.stdout, /^3 archived, 0 failed, 0 left/)
  for (const id of ['q-one', 'q-two', 's-one']) assert.equal(server.hits(`/${id}`), 1, id)

  const again = await cli(['archive', '--all'])

  assert.equal(again.status, 0, again.stderr)
  assert.match(again.stderr, /^0 source\(s\) without a capture queued/)
  for (const id of ['q-one', 'q-two', 's-one']) assert.equal(server.hits(`/${id}`), 1, id)
})

test('archive refuses to mix a key with --all or --status', async () => {
  const result = await cli(['archive', 'q-one', '--status'])

  assert.equal(result.status, 2)
  assert.match(result.stderr, /give one of KEY, --all or --status/)
})

test('import case --no-archive queues none of its new sources', async () => {
  const fixture = new URL('../../test/fixtures/libya-ceasefire-2020.case.json', import.meta.url)

  const imported = await cli(['import', 'case', fixture.pathname, '--no-archive'])
  const status = await cli(['archive', '--status', '--json'])

  assert.equal(imported.status, 0, imported.stderr)
  assert.match(imported.stdout, /3 new sources \(0 already in the ledger\), 0 queued for archiving/)
  const progress = JSON.parse(status.stdout)
  assert.equal(progress.left, 0)
  assert.equal(progress.notQueued, 3)
})
