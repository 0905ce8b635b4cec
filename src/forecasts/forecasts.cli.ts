import { type Command, printJson, requireString, UsageError } from '../platform/cli/command.ts'
import { AppError, isAppError, notFound } from '../platform/errors.ts'
import { isoDay, systemClock } from '../platform/time.ts'
import { cliActor } from '../staff/audit.repository.ts'
import { loadForecastBoard } from './actions/load-forecast-board.ts'
import { recordForecast } from './actions/record-forecast.ts'
import { resolveQuestion } from './actions/resolve-question.ts'
import { findQuestionData } from './forecasts.repository.ts'
import {
  formatProbability,
  questionJson,
  resolutionLabels,
  summarizeQuestion,
} from './forecasts.ts'

const listCommand: Command = {
  name: 'forecast list',
  summary: 'list forecasting questions with their aggregate chance of yes',
  usage: '[--json]',
  options: { json: { type: 'boolean' } },
  async run(ctx, values) {
    const database = await ctx.openDatabase()
    const { entries } = await loadForecastBoard(database.db, isoDay(systemClock.now()))
    if (values.json) {
      printJson(
        ctx,
        entries.map(({ question: q, summary: s }) => ({
          key: q.key,
          title: q.title,
          negotiation: q.negotiation?.slug ?? null,
          closeOn: q.closeOn,
          status: s.status,
          aggregate: s.headline ?? null,
          forecasters: s.aggregates.forecasters,
        })),
      )
      return 0
    }
    for (const { question: q, summary: s } of entries) {
      const value = s.headline === undefined ? '   —' : formatProbability(s.headline).padStart(4)
      const status =
        s.status === 'open' || s.status === 'closed'
          ? `${s.status} ${q.closeOn}`
          : `${resolutionLabels[s.status].toLowerCase()} ${q.resolvedOn}`
      ctx.stdout(
        `${value}  ${q.key}\t${status}\t${s.aggregates.forecasters} forecasters\t${q.title}\n`,
      )
    }
    if (entries.length === 0) ctx.stdout('no questions\n')
    return 0
  },
}

const showCommand: Command = {
  name: 'forecast show',
  summary: 'a question: criteria, forecasts, aggregates, evidence and scores',
  usage: 'KEY [--at YYYY-MM-DD] [--json]',
  options: { json: { type: 'boolean' }, at: { type: 'string' } },
  async run(ctx, values, positionals) {
    const key = positionals[0]
    if (!key) throw new UsageError('KEY is required')
    const at = typeof values.at === 'string' ? values.at : undefined
    if (at !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(at))
      throw new UsageError('--at is a date as YYYY-MM-DD')
    const database = await ctx.openDatabase()
    const question = await findQuestionData(database.db, key)
    if (!question) throw notFound(`question "${key}"`)
    const summary = summarizeQuestion(question, { today: isoDay(systemClock.now()), at })
    // The operator's terminal: source addresses included, as in the case-file export.
    const json = questionJson(question, summary, (refs) => [...refs])
    if (values.json) {
      printJson(ctx, json)
      return 0
    }
    const a = summary.aggregates
    const p = (x: number | undefined) => (x === undefined ? '—' : formatProbability(x))
    const criteria = question.criteria.at(-1)!
    const lines = [
      question.title,
      `${summary.status}; closes ${question.closeOn}; as of ${summary.at}`,
      '',
      `  chance of yes ${p(summary.headline).padStart(5)}  recency-weighted median of ${a.forecasters} forecasters' latest forecasts`,
      `  median        ${p(a.median).padStart(5)}`,
      `  geo. odds     ${p(a.geometricMeanOfOdds).padStart(5)}`,
      a.extremized.ok
        ? `  extremized    ${p(a.extremized.value).padStart(5)}  d = ${a.extremized.d}`
        : `  extremized        —  ${a.extremized.reason}`,
      '',
      `criteria v${criteria.version} (${criteria.datedOn}): ${criteria.text}`,
      '',
      'forecasts:',
      ...summary.forecasts.map(
        (f) =>
          `  ${f.madeOn} ${formatProbability(f.probability).padStart(5)}  ${f.forecaster} (v${f.criteriaVersion})`,
      ),
      ...(summary.evidence
        ? [
            '',
            `evidence: prior ${p(summary.evidence.prior)} × LR ${summary.evidence.combinedRatio.toFixed(2)} → ${p(summary.evidence.posterior)}`,
          ]
        : []),
      ...(summary.scores
        ? [
            '',
            `scores (${question.resolution}, up to ${summary.scores.scoredAt}):`,
            ...summary.scores.forecasters.map(
              (s) =>
                `  ${s.forecaster}: Brier ${s.brier.toFixed(3)}, log ${s.log.toFixed(3)}, baseline ${s.baseline.toFixed(1)}`,
            ),
          ]
        : []),
    ]
    ctx.stdout(`${lines.join('\n')}\n`)
    return 0
  },
}

/**
 * Runs a write, reporting the fields it refuses by the options the operator typed: the use cases
 * speak of `probability` and `madeOn`, the command line of `--percent` and `--on`.
 */
async function asOptions<T>(names: Record<string, string>, write: () => Promise<T>): Promise<T> {
  try {
    return await write()
  } catch (error) {
    if (!isAppError(error)) throw error
    const details = error.details.map((d) => {
      const field = d.path?.split('.')[0]
      const option = field === undefined ? undefined : names[field]
      if (option === undefined) return d
      return option === '--percent'
        ? { path: option, message: 'expected a chance strictly between 0 and 100 per cent' }
        : { path: option, message: d.message }
    })
    throw new AppError(error.code, error.message, details)
  }
}

const addCommand: Command = {
  name: 'forecast add',
  summary: 'record a forecast on a question (the same rules and audit as the desk)',
  usage:
    'KEY --forecaster NAME --percent P --on YYYY-MM-DD --rationale TEXT [--source KEY …] [--json]',
  options: {
    forecaster: { type: 'string' },
    percent: { type: 'string' },
    on: { type: 'string' },
    rationale: { type: 'string' },
    source: { type: 'string', multiple: true },
    json: { type: 'boolean' },
  },
  async run(ctx, values, positionals) {
    const key = positionals[0]
    if (!key) throw new UsageError('KEY is required')
    const forecaster = requireString(values, 'forecaster')
    const percent = requireString(values, 'percent')
    const on = requireString(values, 'on')
    const rationale = requireString(values, 'rationale')
    const sources = Array.isArray(values.source) ? values.source.map(String) : []
    const n = Number(percent)
    const body = {
      forecaster,
      // Per cent on the command line, as on the desk form; a non-number is left for the schema.
      probability: percent.trim() === '' || !Number.isFinite(n) ? percent : n / 100,
      madeOn: on,
      rationale,
      sources,
    }
    const database = await ctx.openDatabase()
    const today = isoDay(systemClock.now())
    const saved = await asOptions(
      {
        forecaster: '--forecaster',
        probability: '--percent',
        madeOn: '--on',
        rationale: '--rationale',
        sources: '--source',
      },
      () => recordForecast(database.db, cliActor, undefined, key, body, today),
    )
    if (values.json) printJson(ctx, saved)
    else
      ctx.stdout(
        `recorded ${forecaster} ${formatProbability(body.probability as number)} on ${key} (${on}, criteria version ${saved.criteriaVersion})\n`,
      )
    await ctx.dataChanged({ data: 'forecast', question: key })
    return 0
  },
}

const resolveCommand: Command = {
  name: 'forecast resolve',
  summary: 'resolve a question yes, no or annulled (once; the desk corrects mistakes)',
  usage: 'KEY --outcome yes|no|annulled --on YYYY-MM-DD [--source KEY] [--note TEXT]',
  options: {
    outcome: { type: 'string' },
    on: { type: 'string' },
    source: { type: 'string' },
    note: { type: 'string' },
  },
  async run(ctx, values, positionals) {
    const key = positionals[0]
    if (!key) throw new UsageError('KEY is required')
    const body = {
      outcome: requireString(values, 'outcome'),
      on: requireString(values, 'on'),
      source: typeof values.source === 'string' ? values.source : undefined,
      note: typeof values.note === 'string' ? values.note : undefined,
    }
    const database = await ctx.openDatabase()
    const today = isoDay(systemClock.now())
    await asOptions({ outcome: '--outcome', on: '--on', source: '--source', note: '--note' }, () =>
      resolveQuestion(database.db, cliActor, key, body, today),
    )
    ctx.stdout(`resolved ${key}: ${body.outcome} on ${body.on}\n`)
    await ctx.dataChanged({ data: 'forecast', question: key })
    return 0
  },
}

export const forecastCommands: Command[] = [listCommand, showCommand, addCommand, resolveCommand]
