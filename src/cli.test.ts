import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'
import { testCli } from '../test/cli.ts'
import { countNegotiations } from './negotiations/negotiations.repository.ts'
import { openDatabase } from './platform/db/client.ts'
import { countStaff } from './staff/staff.repository.ts'

// The CLI against a real database: a PGlite directory, or the PostgreSQL test server.
const parley = await testCli()
const dataDir = parley.dataDir
const cli = (argv: string[], stdin = '', env: Record<string, string> = {}) =>
  parley.run(argv, { stdin, env })
// The refused import must leave its database as it was: it runs against one of its own, which
// holds one staff account and nothing else, whichever tests ran before it.
const importing = await testCli()

test('a bad setting stops the CLI with status 2 and names the setting', async () => {
  const result = await cli(['migrate'], '', { PORT: 'abc' })

  assert.equal(result.status, 2)
  assert.match(result.stderr, /invalid setting PORT/)
})

test('an unknown command prints the list of commands with status 2', async () => {
  const result = await cli(['frobnicate'])

  assert.equal(result.status, 2)
  assert.match(result.stderr, /import case/)
})

test('staff add reads the password from stdin and refuses it as an argument', async () => {
  const added = await cli(
    [
      'staff',
      'add',
      '--email',
      'o@example.org',
      '--name',
      'O',
      '--role',
      'owner',
      '--password-stdin',
    ],
    'a long enough password\n',
  )
  const asArgument = await cli([
    'staff',
    'add',
    '--email',
    'p@example.org',
    '--name',
    'P',
    '--role',
    'owner',
    '--password',
    'x',
  ])

  assert.equal(added.status, 0, added.stderr)
  assert.equal(asArgument.status, 2)
})

test('import case reports the JSON path of each problem and writes nothing', async () => {
  const staff = ['staff', 'add', '--email', 'i@example.org', '--name', 'I', '--role', 'owner']
  await importing.run([...staff, '--password-stdin'], { stdin: 'a long enough password\n' })
  const file = path.join(importing.dataDir, 'bad-case.json')
  writeFileSync(
    file,
    JSON.stringify({ format: 'parley-case/1', negotiation: { slug: 'Bad Slug' }, extra: 1 }),
  )

  const result = await importing.run(['import', 'case', file])

  assert.equal(result.status, 3)
  assert.match(result.stderr, /\$\.negotiation\.slug/)
  assert.match(result.stderr, /\$\.negotiation\.title/)
  const database = await openDatabase({
    databaseUrl: importing.env.DATABASE_URL || undefined,
    dataDir: importing.dataDir,
  })
  try {
    assert.equal(await countNegotiations(database.db), 0)
    assert.equal(await countStaff(database.db), 1)
  } finally {
    await database.close()
  }
})

test('a file that is not JSON is refused with the parser reason', async () => {
  const file = path.join(dataDir, 'not-json.json')
  writeFileSync(file, '{ "format": ')

  const result = await cli(['import', 'case', file])

  assert.equal(result.status, 3)
  assert.match(result.stderr, /not valid JSON/)
})

test('a case file saved with a byte-order mark is read; one with invalid UTF-8 is refused', async () => {
  const withBom = path.join(dataDir, 'bom-case.json')
  const broken = path.join(dataDir, 'latin1-case.json')
  const json = JSON.stringify({ format: 'parley-case/1', negotiation: { slug: 'Bad Slug' } })
  writeFileSync(withBom, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json)]))
  writeFileSync(
    broken,
    Buffer.concat([Buffer.from('{"t":"Zaporizhzhia '), Buffer.from([0xe9, 0x22, 0x7d])]),
  )

  const read = await cli(['import', 'case', withBom])
  const refused = await cli(['import', 'case', broken])

  // Past the JSON parser to the case-file checks: the mark did not make it "not valid JSON".
  assert.equal(read.status, 3)
  assert.match(read.stderr, /\$\.negotiation\.slug/)
  assert.equal(refused.status, 3)
  assert.match(refused.stderr, /latin1-case\.json is not UTF-8 text: invalid byte at offset 19/)
})
