import assert from 'node:assert/strict'
import path from 'node:path'
import { test } from 'node:test'
import { ConfigError, parseConfig } from './config.ts'

test('an empty environment gives the documented defaults', () => {
  const config = parseConfig({})

  assert.equal(config.host, '127.0.0.1')
  assert.equal(config.port, 3000)
  assert.equal(config.dataDir, path.resolve('./data'))
  assert.equal(config.databaseUrl, undefined)
  assert.equal(config.env, 'production')
})

test('a port that is not a number is refused with a message naming PORT', () => {
  assert.throws(
    () => parseConfig({ PORT: 'abc' }),
    (error: unknown) =>
      error instanceof ConfigError && /^invalid setting PORT: .*"abc"/.test(error.message),
  )
})

test('a database URL that is not postgres:// is refused naming DATABASE_URL', () => {
  assert.throws(() => parseConfig({ DATABASE_URL: 'mysql://x' }), /invalid setting DATABASE_URL/)
})

test('an empty variable counts as unset', () => {
  assert.equal(parseConfig({ PORT: '', DATABASE_URL: '' }).port, 3000)
  assert.equal(parseConfig({ DATABASE_URL: '' }).databaseUrl, undefined)
})
