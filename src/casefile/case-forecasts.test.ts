import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import { testCli } from '../../test/cli.ts'
import { DEMO_CASE_PATH } from '../app/load-demo.ts'
import { parseCaseFile } from './case-file.ts'

const cli = await testCli()

function caseWith(forecasts: unknown[]) {
  return {
    format: 'parley-case/1',
    negotiation: { slug: 'q-case', title: 'Q', summary: 'Q.', startedOn: '2026-01-01' },
    sources: [{ key: 'wire', url: 'https://example.org/wire', publisher: 'Wire' }],
    claims: [
      {
        key: 'c1',
        text: 'Close.',
        claimant: 'Envoy',
        statedOn: '2026-01-02',
        source: 'wire',
      },
    ],
    forecasts,
  }
}

const question = {
  key: 'deal',
  title: 'Deal?',
  closeOn: '2026-03-31',
  criteria: [{ version: 1, on: '2026-01-01', text: 'Yes if signed.' }],
  forecasts: [
    {
      forecaster: 'A',
      on: '2026-01-05',
      probability: 0.2,
      criteriaVersion: 1,
      rationale: 'Far.',
      sources: ['wire'],
    },
  ],
  evidence: [{ on: '2026-01-06', description: 'A claim.', likelihoodRatio: 1.2, claim: 'c1' }],
}

test('a forecasts section that checks out is accepted', () => {
  assert.ok(parseCaseFile(caseWith([question])).ok)
})

test('a probability of 0, an unversioned change and dangling keys are named by their paths', () => {
  const bad = {
    ...question,
    criteria: [
      ...question.criteria,
      { version: 2, on: '2026-02-01', text: 'Yes if signed by both.' },
    ],
    forecasts: [
      { ...question.forecasts[0], probability: 0 },
      {
        forecaster: 'B',
        on: '2026-01-10',
        probability: 0.3,
        criteriaVersion: 2,
        rationale: 'Under a version not yet written.',
        sources: ['ghost'],
      },
      {
        forecaster: 'B',
        on: '2026-04-02',
        probability: 0.3,
        criteriaVersion: 2,
        rationale: 'Late.',
      },
    ],
    evidence: [{ on: '2026-01-06', description: 'Untied.', likelihoodRatio: 2 }],
  }

  const shape = parseCaseFile(caseWith([{ ...question, forecasts: [bad.forecasts[0]] }]))
  const refs = parseCaseFile(
    caseWith([{ ...bad, forecasts: bad.forecasts.slice(1), evidence: bad.evidence }]),
  )

  assert.ok(!shape.ok)
  assert.deepEqual(
    shape.problems.map((p) => p.path),
    ['$.forecasts[0].forecasts[0].probability'],
  )
  assert.ok(!refs.ok)
  assert.deepEqual(refs.problems, [
    { path: '$.forecasts[0].criteria[1].reason', message: 'a new version needs a reason' },
    {
      path: '$.forecasts[0].forecasts[0].criteriaVersion',
      message: 'version 2 dates from 2026-02-01, after the forecast',
    },
    { path: '$.forecasts[0].forecasts[0].sources[0]', message: 'unknown source "ghost"' },
    { path: '$.forecasts[0].forecasts[1].on', message: 'made after the question closed' },
    { path: '$.forecasts[0].evidence[0]', message: 'tie the evidence to a source or a claim' },
  ])
})

test('parley forecast list and show read the demo questions, and show --json has the aggregates', async () => {
  const imported = await cli.run(['import', 'case', DEMO_CASE_PATH])
  assert.equal(imported.status, 0, imported.stderr)

  const list = await cli.run(['forecast', 'list'])
  const show = await cli.run(['forecast', 'show', 'ru-ua-signed-agreement-by-2026-06-30', '--json'])
  const missing = await cli.run(['forecast', 'show', 'nope'])

  assert.equal(list.status, 0, list.stderr)
  assert.match(list.stdout, / 15%\s+ru-ua-signed-agreement-by-2026-06-30\t/)
  assert.equal(show.status, 0, show.stderr)
  const body = JSON.parse(show.stdout)
  const demo = (
    JSON.parse(readFileSync(DEMO_CASE_PATH, 'utf8')) as { forecasts: { forecasts: unknown[] }[] }
  ).forecasts[0]!
  assert.equal(body.forecasts.length, demo.forecasts.length)
  assert.equal(body.aggregate.value, 0.15)
  assert.equal(body.aggregate.forecasters, 3)
  assert.equal(body.aggregate.extremized.ok, false)
  assert.equal(missing.status, 5, 'not_found exits 5')
  assert.match(missing.stderr, /question "nope" not found/)
})
