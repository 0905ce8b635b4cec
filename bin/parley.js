#!/usr/bin/env node
// Runs the TypeScript CLI through tsx in this same process (no build step, no second process).
import { register } from 'tsx/esm/api'

register()
const { runCliInProcess } = await import('../src/cli.ts')
await runCliInProcess()
