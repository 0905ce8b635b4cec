import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  blockersOf,
  changeDates,
  checkWeights,
  type FrameworkInput,
  flagsOf,
  intervalsOverlap,
  lineageRows,
  measureAt,
  type PointStatus,
  type ProvisionInput,
  pointStates,
  progressOf,
  progressSeries,
  reweightByIssue,
} from './progress.ts'

const close = (actual: number, expected: number, digits = 3) =>
  assert.ok(
    Math.abs(actual - expected) < 0.5 * 10 ** -digits,
    `expected ${actual} to be ${expected} to ${digits} decimals`,
  )

/** DESIGN.md's worked example: 18 light points agreed, guarantees half-way, territory barely open. */
function workedExample(): PointStatus[] {
  return [
    ...Array.from({ length: 18 }, () => ({ weight: 0.025, status: 1 })),
    { weight: 0.15, status: 0.5 },
    { weight: 0.4, status: 0.1 },
  ]
}

test('the worked example gives C = 90%, P = 56.5% and G = 35.9%', () => {
  const progress = progressOf(workedExample())

  close(progress.countShare, 0.9)
  close(progress.stakeWeighted, 0.565)
  close(progress.gated, 0.359)
})

test('one heavy disputed point outweighs nineteen light agreed ones', () => {
  const points = [
    ...Array.from({ length: 19 }, () => ({ weight: 0.02, status: 1 })),
    { weight: 0.62, status: 0 },
  ]

  const progress = progressOf(points)

  close(progress.countShare, 0.95)
  close(progress.stakeWeighted, 0.38)
  assert.ok(progress.gated < 0.2, `gated ${progress.gated} should collapse below 0.2`)
})

test('the gate floor keeps an untabled point from zeroing the product', () => {
  const progress = progressOf([
    { weight: 0.5, status: 0 },
    { weight: 0.5, status: 1 },
  ])

  close(progress.gated, Math.sqrt(0.05))
})

test('no points measure as zero rather than as not-a-number', () => {
  assert.deepEqual(progressOf([]), { countShare: 0, stakeWeighted: 0, gated: 0 })
})

const provision = (n: number, weight: number, issue: string | null = null): ProvisionInput => ({
  key: String(n),
  number: n,
  topic: issue ?? 'other',
  issue,
  weight,
})

function twoPartyFramework(): FrameworkInput {
  return {
    provisions: [provision(1, 0.2), provision(2, 0.2), provision(3, 0.6, 'territory')],
    issues: [{ key: 'territory', title: 'Territory', core: true, divisible: false }],
    roles: [
      { party: 'a', role: 'principal', from: '2025-01-01', to: null },
      { party: 'b', role: 'consulted', from: '2025-01-01', to: '2025-01-31' },
      { party: 'b', role: 'principal', from: '2025-02-01', to: null },
    ],
    positions: [
      { provision: '1', party: 'a', on: '2025-01-10', level: 3 },
      { provision: '2', party: 'a', on: '2025-01-10', level: 3 },
      { provision: '3', party: 'a', on: '2025-01-10', level: 1 },
      { provision: '1', party: 'b', on: '2025-01-20', level: 3 },
      { provision: '2', party: 'b', on: '2025-01-20', level: 2 },
      { provision: '3', party: 'b', on: '2025-01-20', level: 0 },
      { provision: '2', party: 'b', on: '2025-02-10', level: 3 },
    ],
    bottomLines: [
      { issue: 'territory', party: 'a', on: '2025-01-05', min: 0, max: 0.2 },
      { issue: 'territory', party: 'b', on: '2025-01-05', min: 0.5, max: 1 },
    ],
  }
}

test('a point is only as agreed as its least-agreeing principal, and only principals count', () => {
  const input = twoPartyFramework()

  const beforeB = pointStates(input, '2025-01-25')
  const withB = pointStates(input, '2025-02-01')

  assert.deepEqual(
    beforeB.map((p) => p.status),
    [1, 1, 1 / 3],
  )
  assert.deepEqual(
    withB.map((p) => p.status),
    [1, 2 / 3, 0],
  )
  assert.deepEqual(withB[2]!.heldBy, ['b'])
  assert.deepEqual(withB[1]!.levels, { a: 3, b: 2 })
})

test('a principal with no position yet counts as rejected or absent', () => {
  const input = twoPartyFramework()

  const states = pointStates(input, '2025-01-05')

  assert.deepEqual(
    states.map((p) => p.status),
    [0, 0, 0],
  )
  assert.equal(states[0]!.levels.a, null)
})

test('the latest position on or before the date counts, a later one does not', () => {
  const input = twoPartyFramework()

  assert.equal(pointStates(input, '2025-02-09')[1]!.status, 2 / 3)
  assert.equal(pointStates(input, '2025-02-10')[1]!.status, 1)
})

test('blockers are the open points sorted by weight times what is still open', () => {
  const states = pointStates(twoPartyFramework(), '2025-02-01')

  const blockers = blockersOf(states)

  assert.deepEqual(
    blockers.map((b) => [b.number, Number(b.score.toFixed(4))]),
    [
      [3, 0.6],
      [2, 0.0667],
    ],
  )
})

test('an open indivisible issue and bottom lines that do not overlap are flagged', () => {
  const input = twoPartyFramework()
  const states = pointStates(input, '2025-02-01')

  const flags = flagsOf(input.issues, states, input.bottomLines, '2025-02-01')

  assert.deepEqual(
    flags.map((f) => [f.kind, f.issue]),
    [
      ['open_indivisible', 'territory'],
      ['no_overlap', 'territory'],
    ],
  )
})

test('bottom lines that share an outcome raise no flag; a later line replaces an earlier one', () => {
  const input = twoPartyFramework()
  const movedLines = [
    ...input.bottomLines,
    { issue: 'territory', party: 'b', on: '2025-03-01', min: 0.1, max: 1 },
  ]

  assert.equal(
    intervalsOverlap([
      { min: 0, max: 0.2 },
      { min: 0.2, max: 1 },
    ]),
    true,
  )
  const flags = flagsOf(input.issues, [], movedLines, '2025-03-01')
  assert.deepEqual(flags, [])
})

test('the series steps on every date a position or a role changes', () => {
  const input = twoPartyFramework()

  const dates = changeDates(input, '2025-01-01', '2025-02-28')
  const series = progressSeries(input, '2025-01-01', '2025-02-28')

  assert.deepEqual(dates, [
    '2025-01-01',
    '2025-01-10',
    '2025-01-20',
    '2025-02-01',
    '2025-02-10',
    '2025-02-28',
  ])
  assert.deepEqual(
    series.map((p) => [p.date, Number(p.countShare.toFixed(3))]),
    [
      ['2025-01-01', 0],
      ['2025-01-10', 0.667],
      ['2025-01-20', 0.667],
      ['2025-02-01', 0.333],
      ['2025-02-10', 0.667],
      ['2025-02-28', 0.667],
    ],
  )
})

test('a measurement names the principals of its date and carries blockers and flags', () => {
  const measured = measureAt(twoPartyFramework(), '2025-02-10')

  assert.deepEqual(measured.principals, ['a', 'b'])
  close(measured.countShare, 2 / 3)
  close(measured.stakeWeighted, 0.4)
  assert.equal(measured.blockers.length, 1)
  assert.equal(measured.flags.length, 2)
})

test('weights must be non-negative and sum to 1 unless normalization is asked for', () => {
  const paths = ['w.a', 'w.b', 'w.c']

  const negative = checkWeights([0.5, -0.1, 0.6], paths)
  const short = checkWeights([0.2, 0.2, 0.2], paths)
  const rescaled = checkWeights([0.2, 0.2, 0.6], paths)
  const normalized = checkWeights([1, 1, 2], paths, { normalize: true })

  assert.equal(negative.ok, false)
  assert.equal(!negative.ok && negative.problems[0]!.path, 'w.b')
  assert.equal(short.ok, false)
  assert.match(!short.ok ? short.problems[0]!.message : '', /sum to 0.6, not 1/)
  assert.equal(rescaled.ok, true)
  assert.deepEqual(normalized.ok && normalized.weights, [0.25, 0.25, 0.5])
})

test('issue weights from a reader are shared among the issue’s points in published proportion', () => {
  const provisions = [
    provision(1, 0.1),
    provision(2, 0.1),
    provision(3, 0.6, 'territory'),
    provision(4, 0.2, 'territory'),
  ]

  const reweighted = reweightByIssue(
    provisions,
    new Map([
      ['territory', 0.4],
      ['_other', 0.6],
    ]),
  )

  assert.deepEqual(
    reweighted.map((p) => Number(p.weight.toFixed(6))),
    [0.3, 0.3, 0.3, 0.1],
  )
})

test('lineage between versions reads carried, merged, split, dropped and new from the links', () => {
  const rows = lineageRows(
    [1, 2, 3, 4],
    [1, 2, 3, 4],
    [
      { from: 1, to: 1 },
      { from: 2, to: 2 },
      { from: 2, to: 3, note: 'half of it' },
      { from: 3, to: 4 },
      { from: 1, to: 4 },
    ],
  )

  assert.deepEqual(
    rows.map((r) => [r.kind, r.from, r.to]),
    [
      ['split', [1], [1, 4]],
      ['split', [2], [2, 3]],
      ['merged', [3, 1], [4]],
      ['dropped', [4], []],
    ],
  )
})

test('a later point with no source is new', () => {
  const rows = lineageRows([1], [1, 2], [{ from: 1, to: 1 }])

  assert.deepEqual(
    rows.map((r) => [r.kind, r.from, r.to]),
    [
      ['carried', [1], [1]],
      ['new', [], [2]],
    ],
  )
})
