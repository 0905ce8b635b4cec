import { type Command, printJson, UsageError } from '../platform/cli/command.ts'
import { isoDay, systemClock } from '../platform/time.ts'
import { loadNegotiationProgress, parseDateParam } from './actions/load-progress.ts'
import { levelLabels } from './progress.ts'

const percent = (share: number) => `${(share * 100).toFixed(1)}%`

const progressCommand: Command = {
  name: 'progress',
  summary: 'count share, stake-weighted and gated progress of a negotiation at a date',
  usage: 'SLUG [--at YYYY-MM-DD] [--framework KEY] [--json]',
  options: {
    at: { type: 'string' },
    framework: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(ctx, values, positionals) {
    const slug = positionals[0]
    if (!slug) throw new UsageError('SLUG is required')
    const at = parseDateParam('--at', typeof values.at === 'string' ? values.at : undefined)
    const database = await ctx.openDatabase()
    const { answer, measurement } = await loadNegotiationProgress(database.db, slug, {
      at,
      framework: typeof values.framework === 'string' ? values.framework : undefined,
      today: isoDay(systemClock.now()),
    })
    if (values.json) {
      printJson(ctx, answer)
      return 0
    }
    const lines = [
      `${answer.framework.title} (${answer.framework.points} points), at ${answer.at}`,
      `principals: ${answer.principals.map((p) => p.name).join(', ') || 'none'}`,
      `weights: ${answer.weights.source === 'published' ? `${answer.weights.key}, set by ${answer.weights.setBy} on ${answer.weights.setOn}` : answer.weights.source}`,
      '',
      `  count share C     ${percent(answer.countShare).padStart(6)}  points fully agreed by every principal`,
      `  stake-weighted P  ${percent(answer.stakeWeighted).padStart(6)}  share of the stake agreed`,
      `  gated G           ${percent(answer.gated).padStart(6)}  collapses when a heavy point is open`,
      '',
      'blockers (weight × what is still open):',
      ...answer.blockers.map((b) => {
        const point = measurement.points.find((p) => p.number === b.point)
        const levels = Object.entries(point?.levels ?? {})
          .map(([party, level]) => `${party} ${level ?? '–'}`)
          .join(', ')
        return `  ${String(b.point).padStart(3)} ${b.topic.padEnd(22)} ${b.score.toFixed(3)}  (${levels})`
      }),
      ...answer.flags.map((f) =>
        f.kind === 'open_indivisible'
          ? `flag: indivisible issue "${f.title}" is open`
          : `flag: bottom lines on "${f.title}" do not overlap`,
      ),
      ...answer.claims
        .filter((c) => c.statedOn <= answer.at)
        .map(
          (c) =>
            `claim ${c.statedOn} ${c.claimant}: ${percent(c.statedShare)}` +
            (c.measured
              ? ` — measured C ${percent(c.measured.countShare)}, P ${percent(c.measured.stakeWeighted)}, G ${percent(c.measured.gated)}`
              : ' — before this version existed'),
        ),
      '',
      `ladder: ${Object.entries(levelLabels)
        .map(([level, label]) => `${level} ${label}`)
        .join(' · ')}`,
    ]
    ctx.stdout(`${lines.join('\n')}\n`)
    return 0
  },
}

export const negotiationCommands: Command[] = [progressCommand]
