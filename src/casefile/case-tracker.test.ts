import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'
import { testCli } from '../../test/cli.ts'
import { openTestDatabase } from '../../test/db.ts'
import { DEMO_CASE_PATH } from '../app/load-demo.ts'
import { loadNegotiationProgress } from '../negotiations/actions/load-progress.ts'
import { findNegotiationBySlug } from '../negotiations/negotiations.repository.ts'
import type { AppError } from '../platform/errors.ts'
import { cliActor } from '../staff/audit.repository.ts'
import { parseCaseFile } from './case-file.ts'
import { exportCase } from './export-case.ts'
import { importCase } from './import-case.ts'

const database = await openTestDatabase()
const { db } = database

// Top-level awaits come before the first test: node:test may finish the file (and run its after
// hooks) while later tests are still being registered.
// The CLI against its own database: a PGlite directory, or a scratch database on PostgreSQL.
const parley = await testCli()
const cli = (argv: string[]) => parley.run(argv)

// A ceasefire of another war, with its own parties and roles (source: PA-X v6, record 2320).
const LIBYA_PATH = path.resolve(
  import.meta.dirname,
  '../../test/fixtures/libya-ceasefire-2020.case.json',
)
// biome-ignore lint/suspicious/noExplicitAny: tests break the file field by field
type Loose = Record<string, any>
const libya = () => JSON.parse(readFileSync(LIBYA_PATH, 'utf8')) as Loose
const today = '2026-03-01'

// The Libya file imported under its own slug, and the demo case imported through the CLI: each is
// read by more than one test, so each is imported once, by whichever of those tests runs first, and
// every test also runs on its own.
let libyaImport: ReturnType<typeof importCase> | undefined
const importLibya = () => {
  libyaImport ??= importCase(db, cliActor, libya())
  return libyaImport
}
let demoImport: ReturnType<typeof cli> | undefined
const importDemoByCli = () => {
  demoImport ??= cli(['import', 'case', DEMO_CASE_PATH])
  return demoImport
}

test('another negotiation, with 13 points and other parties and roles, imports and measures', async () => {
  const report = await importLibya()

  const before = await loadNegotiationProgress(db, 'libya-ceasefire-2020', {
    at: '2020-10-22',
    today,
  })
  const signed = await loadNegotiationProgress(db, 'libya-ceasefire-2020', {
    at: '2020-10-23',
    today,
  })
  const later = await loadNegotiationProgress(db, 'libya-ceasefire-2020', {
    at: '2021-07-01',
    today,
  })

  assert.equal(report.provisions, 13)
  assert.deepEqual(report.tracker, {
    parties: 5,
    roles: 5,
    weightSets: 1,
    positions: 26,
    lineageLinks: 0,
    bottomLines: 0,
  })
  assert.deepEqual(
    [before.answer.countShare, before.answer.stakeWeighted, before.answer.principals.length],
    [0, 0, 0],
  )
  assert.equal(before.answer.blockers.length, 13)
  assert.deepEqual(
    signed.answer.principals.map((p) => p.key),
    ['gna-forces', 'lna'],
  )
  assert.equal(signed.answer.countShare, 1)
  assert.ok(Math.abs(signed.answer.stakeWeighted - 1) < 1e-9)
  assert.ok(Math.abs(signed.answer.gated - 1) < 1e-9)
  assert.deepEqual(signed.answer.flags, [])
  assert.equal(signed.answer.framework.points, 13)
  assert.deepEqual(
    later.data.roles.map((r) => `${r.actorKey}:${r.role}`),
    [
      'gna-forces:principal',
      'lna:principal',
      'unsmil:mediator',
      'germany:observer',
      'gnu:consulted',
    ],
  )
})

test('the other negotiation round-trips through export too', async () => {
  await importLibya()

  const exported = await exportCase(db, 'libya-ceasefire-2020')

  const a = parseCaseFile(exported)
  const b = parseCaseFile(libya())

  assert.ok(a.ok && b.ok)
  assert.deepEqual(JSON.parse(JSON.stringify(a.file)), JSON.parse(JSON.stringify(b.file)))
})

async function refusal(file: Loose): Promise<AppError> {
  return importCase(db, cliActor, file).then(
    () => assert.fail('imported'),
    (error: AppError) => error,
  )
}

function renamed(slug: string) {
  const file = libya()
  // Sources are shared across negotiations: the second import reuses the ledger's entries.
  file.negotiation.slug = slug
  return file
}

test('bad tracker input is refused naming the field, and nothing is written', async () => {
  const file = renamed('libya-broken')
  file.positions[0].level = 4
  file.positions[1].party = 'atlantis'
  file.positions[2].point = 99
  file.positions[3].on = '23/10/2020'
  file.weights[0].weights[0].weight = -0.2
  file.parties[0].roles.push({ role: 'observer', from: '2021-01-01' })

  const error = await refusal(file)

  assert.equal(error.code, 'invalid_input')
  const said = (path: string) =>
    error.details
      .filter((d) => d.path === path)
      .map((d) => d.message)
      .join('; ')
  assert.match(said('$.positions[0].level'), /0–3 ladder/)
  assert.match(said('$.positions[3].on'), /YYYY-MM-DD/)
  assert.equal(await findNegotiationBySlug(db, 'libya-broken'), undefined)
})

test('cross-references of the tracker sections are checked once the shape is right', async () => {
  const file = renamed('libya-dangling')
  file.positions[1].party = 'atlantis'
  file.positions[2].point = 99
  file.positions[4].document = 'no-such-draft'
  file.weights[0].weights[0].weight = -0.2
  file.parties[0].roles.push({ role: 'observer', from: '2021-01-01' })
  file.parties[2].actor = 'nobody'

  const error = await refusal(file)

  const messages = new Map(error.details.map((d) => [d.path, d.message]))
  assert.match(messages.get('$.positions[1].party') ?? '', /unknown party "atlantis"/)
  assert.match(messages.get('$.positions[2].point') ?? '', /has no point 99/)
  assert.match(messages.get('$.positions[4].document') ?? '', /unknown document/)
  assert.match(messages.get('$.weights[0].weights[0].weight') ?? '', /cannot be negative/)
  assert.match(messages.get('$.parties[0].roles[1].from') ?? '', /overlaps/)
  assert.match(messages.get('$.parties[2].actor') ?? '', /unknown actor "nobody"/)
  assert.equal(await findNegotiationBySlug(db, 'libya-dangling'), undefined)
})

test('weights that do not sum to 1 are refused unless normalization is asked for', async () => {
  const doubled = renamed('libya-doubled')
  for (const entry of doubled.weights[0].weights) entry.weight *= 2
  const normalized = renamed('libya-normalized')
  for (const entry of normalized.weights[0].weights) entry.weight *= 2
  normalized.weights[0].normalize = true

  const error = await refusal(doubled)
  await importCase(db, cliActor, normalized)

  assert.match(
    error.details.find((d) => d.path === '$.weights[0].weights')?.message ?? '',
    /sum to 2, not 1/,
  )
  const progress = await loadNegotiationProgress(db, 'libya-normalized', {
    at: '2020-10-23',
    today,
  })
  const weights = progress.bundle.input.provisions.map((p) => p.weight)
  assert.ok(Math.abs(weights.reduce((a, b) => a + b, 0) - 1) < 1e-9)
  assert.equal(weights[0], 0.2)
})

test('a weight set must weigh every point of its version', async () => {
  const file = renamed('libya-partial')
  file.weights[0].weights.pop()

  const error = await refusal(file)

  assert.match(
    error.details.map((d) => `${d.path} ${d.message}`).join('\n'),
    /\$\.weights\[0\]\.weights no weight for point 13/,
  )
})

test('parley progress prints the measures of the demo case as JSON, shares as fractions', async () => {
  const imported = await importDemoByCli()

  const result = await cli(['progress', 'russia-ukraine-2025', '--at', '2026-01-22', '--json'])
  const badDate = await cli(['progress', 'russia-ukraine-2025', '--at', '2026/01/22'])

  assert.equal(imported.status, 0, imported.stderr)
  assert.equal(result.status, 0, result.stderr)
  const body = JSON.parse(result.stdout)
  assert.deepEqual(Object.keys(body).slice(0, 6), [
    'negotiation',
    'at',
    'countShare',
    'stakeWeighted',
    'gated',
    'blockers',
  ])
  assert.equal(body.negotiation, 'russia-ukraine-2025')
  assert.equal(body.at, '2026-01-22')
  assert.ok(body.countShare > body.stakeWeighted)
  for (const share of [body.countShare, body.stakeWeighted, body.gated]) {
    assert.ok(share >= 0 && share <= 1)
  }
  assert.equal(body.blockers[0].point, 14)
  assert.equal(badDate.status, 3)
  assert.match(badDate.stderr, /--at/)
})

test('parley export case writes the case file back out', async () => {
  await importDemoByCli()

  const result = await cli(['export', 'case', 'russia-ukraine-2025'])

  assert.equal(result.status, 0, result.stderr)
  const parsed = parseCaseFile(JSON.parse(result.stdout))
  assert.ok(parsed.ok)
  assert.equal(parsed.file.positions.length > 0, true)
})

/** The Libya file with the kinds added by #13: an armed group, a group of signatories, and events. */
function withNewKinds(slug: string): Loose {
  const file = renamed(slug)
  file.actors.push(
    { key: 'wagner', name: 'Wagner Group', kind: 'armed-group' },
    {
      key: 'five-plus-five',
      name: '5+5 Joint Military Commission',
      kind: 'group',
      members: ['gna-forces', 'lna'],
      role: 'Signed as one',
    },
  )
  const event = (key: string, date: string, kind: string, title: string) => ({
    key,
    date,
    kind,
    title,
    summary: `${title}.`,
    actors: ['five-plus-five'],
    sources: ['pax-2320-libya-ceasefire'],
  })
  file.events.push(
    event('ly20-signing', '2020-10-23', 'signing', 'The 5+5 commission signs in Geneva'),
    event('ly20-effect', '2020-10-23', 'ceasefire', 'The ceasefire takes effect'),
    event('ly20-withdrawal', '2021-01-23', 'deadline', 'Foreign forces are due to have left'),
    event('ly20-sirte', '2020-11-10', 'territorial-change', 'Front lines near Sirte handed over'),
  )
  return file
}

test('armed groups, groups with members and the new event kinds import and export unchanged', async () => {
  const file = withNewKinds('libya-new-kinds')

  await importCase(db, cliActor, file)
  const exported = await exportCase(db, 'libya-new-kinds')

  const a = parseCaseFile(exported)
  const b = parseCaseFile(file)
  assert.ok(a.ok && b.ok)
  assert.deepEqual(JSON.parse(JSON.stringify(a.file)), JSON.parse(JSON.stringify(b.file)))
  const group = (exported.actors as Loose[]).find((actor) => actor.key === 'five-plus-five')
  assert.deepEqual(group?.members, ['gna-forces', 'lna'])
  assert.deepEqual((exported.events as Loose[]).map((e) => e.kind).slice(-4), [
    'signing',
    'ceasefire',
    'deadline',
    'territorial-change',
  ])
})

test('a group member that is not an actor of the file is named by its path, and nothing is written', async () => {
  const file = withNewKinds('libya-bad-member')
  file.actors.at(-1).members = ['gna-forces', 'atlantis']
  file.actors[0].members = ['lna']

  const error = await refusal(file)

  assert.equal(error.code, 'invalid_input')
  const said = (path: string) =>
    error.details
      .filter((d) => d.path === path)
      .map((d) => d.message)
      .join('; ')
  assert.equal(said(`$.actors[${file.actors.length - 1}].members[1]`), 'unknown actor "atlantis"')
  assert.match(said('$.actors[0].members'), /only an actor of kind "group" has members/)
  assert.equal(await findNegotiationBySlug(db, 'libya-bad-member'), undefined)
})
