import assert from 'node:assert/strict'
import { test } from 'node:test'
import { isPublicAddress } from './address-policy.ts'

test('loopback, private, link-local and metadata addresses are not public', () => {
  for (const address of [
    '127.0.0.1',
    '10.1.2.3',
    '172.20.0.5',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    '::',
    'fe80::1',
    'fd00::1234',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '64:ff9b::a00:1',
    '[::1]',
  ]) {
    assert.equal(isPublicAddress(address), false, address)
  }
})

test('ordinary internet addresses are public', () => {
  for (const address of ['93.184.216.34', '8.8.8.8', '2606:4700::1111', '::ffff:8.8.8.8']) {
    assert.equal(isPublicAddress(address), true, address)
  }
})

test('a host name is not an address and is never taken as public', () => {
  assert.equal(isPublicAddress('example.com'), false)
})

test('IPv6 forms that carry a private IPv4 address are refused', () => {
  for (const address of [
    '::127.0.0.1',
    '::10.0.0.1',
    '::a00:1',
    '::ffff:0:127.0.0.1',
    '::ffff:0:a9fe:a9fe',
    '::ffff:192.168.0.1',
    '64:ff9b::10.0.0.1',
    '64:ff9b::169.254.169.254',
    '64:ff9b:1::a00:1',
    '2002:a00:1::1',
    '2002:7f00:1::',
    '2002:c0a8:101:1::5',
    '2001:0:a00:1::1',
    '2001:0:808:808::f5ff:fffe',
    'fe80::5efe:10.0.0.1',
    '2606:4700::200:5efe:192.168.1.1',
    '[::ffff:0:10.1.2.3]',
  ]) {
    assert.equal(isPublicAddress(address), false, address)
  }
})

test('IPv6 forms that carry a public IPv4 address stay public', () => {
  for (const address of [
    '64:ff9b::8.8.8.8',
    '2002:808:808::1',
    '2001:0:808:808::f7f7:f7f7',
    '::ffff:0:8.8.8.8',
  ]) {
    assert.equal(isPublicAddress(address), true, address)
  }
})
