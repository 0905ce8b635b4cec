import assert from 'node:assert/strict'
import { test } from 'node:test'
import { magicLinkMail } from './link-mail.ts'
import { EmailAddress, safeReturnPath, unlockPhrase } from './members.ts'

test('an address is trimmed and lower-cased; a malformed one is refused with a reason', () => {
  assert.equal(EmailAddress.parse('  Ana.B@Example.ORG '), 'ana.b@example.org')
  for (const bad of [
    '',
    'ana',
    'ana@',
    '@example.org',
    'ana b@example.org',
    `${'a'.repeat(250)}@x.org`,
  ]) {
    const result = EmailAddress.safeParse(bad)
    assert.equal(result.success, false, bad)
    assert.ok(result.error!.issues[0]!.message.length > 0)
  }
})

test('only paths on this site are kept as return paths', () => {
  assert.equal(safeReturnPath('/articles/x?y=1#n1'), '/articles/x?y=1#n1')
  for (const bad of [
    '//evil.example',
    '/\\evil.example',
    'https://evil.example/',
    'javascript:alert(1)',
    '/\tx',
    '/a\\b',
  ])
    assert.equal(safeReturnPath(bad), '/account', bad)
  assert.equal(safeReturnPath(undefined, '/'), '/')
})

test('the call to action counts the sources', () => {
  assert.equal(unlockPhrase(14), 'Subscribe free to unlock direct links to all 14 sources')
  assert.equal(unlockPhrase(1), 'Subscribe free to unlock the direct link to its source')
  assert.equal(unlockPhrase(undefined), 'Subscribe free to unlock direct links to every source')
})

test('the link e-mail carries the link in both bodies and escapes it in HTML', () => {
  const mail = magicLinkMail({
    to: 'a@example.org',
    purpose: 'signup',
    url: 'https://parley.example/members/verify?token=a&b<c',
  })

  assert.equal(mail.subject, 'Confirm your Parley subscription')
  assert.ok(mail.text.includes('https://parley.example/members/verify?token=a&b<c'))
  assert.ok(mail.html.includes('href="https://parley.example/members/verify?token=a&amp;b&lt;c"'))
  assert.ok(!mail.html.includes('b<c'))
})
