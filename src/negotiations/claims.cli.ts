import { type Command, fieldsOf, optionalString, printJson } from '../platform/cli/command.ts'
import { cliActor } from '../staff/audit.repository.ts'
import { addClaim } from './actions/add-claim.ts'
import { listClaims } from './claims.repository.ts'

const claimAdd: Command = {
  name: 'claim add',
  summary: 'record a claim: who said what, when, where',
  usage:
    '--source KEY --claimant NAME --stated-on YYYY-MM-DD --text TEXT [--share 0.9] [--negotiation SLUG] [--key K] [--status S] [--credibility 1-6]',
  options: {
    source: { type: 'string' },
    claimant: { type: 'string' },
    'stated-on': { type: 'string' },
    text: { type: 'string' },
    share: { type: 'string' },
    negotiation: { type: 'string' },
    key: { type: 'string' },
    status: { type: 'string' },
    credibility: { type: 'string' },
  },
  async run(ctx, values) {
    const database = await ctx.openDatabase()
    const body: Record<string, string> = fieldsOf(values, [
      'source',
      'claimant',
      'text',
      'negotiation',
      'key',
      'status',
      'credibility',
    ])
    if (optionalString(values, 'stated-on') !== undefined)
      body.statedOn = optionalString(values, 'stated-on')!
    if (optionalString(values, 'share') !== undefined)
      body.statedShare = optionalString(values, 'share')!
    const claim = await addClaim(database.db, cliActor, body)
    ctx.stdout(`added claim ${claim.key}\n`)
    return 0
  },
}

const claimList: Command = {
  name: 'claim list',
  summary: 'list claims',
  usage: '[WORDS…] [--status S] [--json]',
  options: { status: { type: 'string' }, json: { type: 'boolean' } },
  async run(ctx, values, positionals) {
    const database = await ctx.openDatabase()
    const rows = await listClaims(database.db, {
      q: positionals.join(' '),
      status: optionalString(values, 'status'),
    })
    if (values.json) printJson(ctx, rows)
    else
      for (const c of rows)
        ctx.stdout(`${c.statedOn}  ${c.status.padEnd(10)}  ${c.key}  ${c.claimant}: ${c.text}\n`)
    return 0
  },
}

/** The claim commands; `parley help` lists them after the source ledger's. */
export const claimCommands: Command[] = [claimAdd, claimList]
