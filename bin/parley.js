#!/usr/bin/env node
// Runs the TypeScript CLI through tsx in this same process (no build step, no second process).
import { register } from 'tsx/esm/api'

register()
const { runCli } = await import('../src/cli.ts')
const chunks = []
const status = await runCli(process.argv.slice(2), {
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readStdin: async () => {
    for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk))
    return Buffer.concat(chunks).toString('utf8')
  },
})
process.exitCode = status
