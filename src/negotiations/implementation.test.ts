import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  type FrameworkInput,
  type ImplementationRecord,
  implementationOf,
  implementationSeries,
  type ObligationInput,
  obligationLabel,
  obligationStates,
  pointStates,
  progressOf,
} from './progress.ts'

const close = (actual: number | null, expected: number, digits = 3) =>
  assert.ok(
    actual !== null && Math.abs(actual - expected) < 0.5 * 10 ** -digits,
    `expected ${actual} to be ${expected} to ${digits} decimals`,
  )

/**
 * docs/measures.md's implementation example: five points, equal weights, signed by both
 * principals on 1 March 2025; measured on 1 October 2025.
 */
function workedExample(): {
  input: FrameworkInput
  obligations: ObligationInput[]
  records: ImplementationRecord[]
} {
  const points = [1, 2, 3, 4, 5]
  return {
    input: {
      provisions: points.map((n) => ({
        key: String(n),
        number: n,
        topic: `point ${n}`,
        issue: null,
        weight: 0.2,
      })),
      issues: [],
      roles: ['a', 'b'].map((party) => ({
        party,
        role: 'principal' as const,
        from: '2025-01-01',
        to: null,
      })),
      positions: points.flatMap((n) =>
        ['a', 'b'].map((party) => ({
          provision: String(n),
          party,
          on: '2025-03-01',
          level: 3 as const,
        })),
      ),
      bottomLines: [],
    },
    obligations: [
      // Point 1: done in full; its second obligation falls due next year and is left out.
      { key: 'withdraw', provision: '1', party: 'a', due: '2025-06-01' },
      { key: 'report', provision: '1', party: 'a', due: '2026-06-01' },
      // Point 2: one obligation done, the other late and not begun.
      { key: 'release-a', provision: '2', party: 'a', due: '2025-04-01' },
      { key: 'release-b', provision: '2', party: 'b', due: '2025-04-01' },
      // Point 3: late and not begun.
      { key: 'demine', provision: '3', party: 'b', due: '2025-07-01' },
      // Point 4: done in full, then reversed.
      { key: 'moratorium', provision: '4', party: 'b', due: '2025-03-15' },
      // Point 5: no date set, nothing done.
      { key: 'commission', provision: '5', party: 'a', due: null },
    ],
    records: [
      { obligation: 'withdraw', on: '2025-05-20', rung: 2, flags: [] },
      { obligation: 'withdraw', on: '2025-05-30', rung: 3, flags: [] },
      { obligation: 'release-a', on: '2025-03-28', rung: 3, flags: [] },
      { obligation: 'moratorium', on: '2025-03-10', rung: 3, flags: [] },
      { obligation: 'moratorium', on: '2025-08-01', rung: 0, flags: ['reversed'] },
    ],
  }
}

test('signed 100%, implemented 30%: two obligations late and one reversed', () => {
  const { input, obligations, records } = workedExample()

  const points = pointStates(input, '2025-10-01')
  const states = obligationStates(obligations, records, '2025-10-01')
  const implemented = implementationOf(points, states)

  assert.equal(progressOf(points).countShare, 1)
  assert.deepEqual(
    states.map((s) => [s.key, s.label]),
    [
      ['withdraw', 'implemented'],
      ['report', 'not due yet'],
      ['release-a', 'implemented'],
      ['release-b', 'late'],
      ['demine', 'late'],
      ['moratorium', 'reversed'],
      ['commission', 'not implemented'],
    ],
  )
  assert.equal(implemented.counted, 5)
  close(implemented.countShare, 0.2)
  close(implemented.stakeWeighted, 0.3)
  // (1 × 0.5 × 0.05³)^0.2
  close(implemented.gated, 0.144)
})

test('a point with nothing due is not counted, and the weights are renormalised over the rest', () => {
  const { input, obligations, records } = workedExample()

  // On 10 March every dated obligation is still to come; only point 5, with no date, is owed.
  const early = implementationOf(
    pointStates(input, '2025-03-10'),
    obligationStates(obligations, records, '2025-03-10'),
  )

  assert.equal(early.counted, 1)
  assert.equal(early.signed, 5)
  assert.equal(early.stakeWeighted, 0)
})

test('before anything is signed nothing is measured, rather than measuring zero', () => {
  const { input, obligations, records } = workedExample()

  const before = implementationOf(
    pointStates(input, '2025-02-01'),
    obligationStates(obligations, records, '2025-02-01'),
  )

  assert.deepEqual(before, {
    counted: 0,
    signed: 0,
    countShare: null,
    stakeWeighted: null,
    gated: null,
  })
})

test('labels follow the rung, the due date and the flags', () => {
  assert.equal(obligationLabel(0, [], '2025-05-01', '2025-04-01'), 'not due yet')
  assert.equal(obligationLabel(1, [], '2025-05-01', '2025-04-01'), 'on track')
  assert.equal(obligationLabel(2, [], '2025-05-01', '2025-05-01'), 'late')
  assert.equal(obligationLabel(3, [], '2025-05-01', '2025-06-01'), 'implemented')
  assert.equal(obligationLabel(2, [], null, '2025-06-01'), 'partial')
  assert.equal(obligationLabel(3, ['reversed'], null, '2025-06-01'), 'reversed')
  assert.equal(obligationLabel(3, ['disputed'], null, '2025-06-01'), 'implemented')
})

test('the series sets agreed beside implemented on every record and due date', () => {
  const { input, obligations, records } = workedExample()

  const series = implementationSeries(input, obligations, records, '2025-03-01', '2025-10-01')
  const on = (date: string) => series.find((point) => point.date === date)

  assert.ok(on('2025-08-01'), 'no step on the date of the reversal')
  assert.ok(on('2025-07-01'), 'no step on a due date')
  assert.equal(on('2025-07-31') === undefined, true)
  close(on('2025-10-01')!.stakeWeighted, 0.3)
  assert.equal(on('2025-10-01')!.agreed, 1)
  // Before the reversal the moratorium counted in full: (1 + 0.5 + 0 + 1 + 0) / 5.
  close(on('2025-07-01')!.stakeWeighted, 0.5)
})
