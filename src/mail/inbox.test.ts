import assert from 'node:assert/strict'
import { after, test } from 'node:test'
import { openTestDatabase } from '../../test/db.ts'
import { silentLogger } from '../platform/logger.ts'
import { type OpenedMailer, openMailer } from './actions/open-mailer.ts'
import {
  deleteInboxMessagesTo,
  findInboxMessage,
  findLatestInboxMessageTo,
  listInboxMessages,
} from './inbox.repository.ts'

// Top level, not in before(): openTestDatabase registers its own after() hook for the file.
const { db } = await openTestDatabase()
const opened: OpenedMailer = await openMailer(
  { smtpUrl: undefined, mailFrom: 'Parley <desk@parley.test>' },
  db,
  silentLogger,
)
after(() => opened.close())

test('without SMTP_URL, mail goes to the embedded inbox and is kept with both bodies', async () => {
  await opened.mailer.send({
    to: 'Reader.One@Example.org',
    subject: 'Confirm your subscription',
    text: 'Open https://parley.test/members/verify?token=abc to confirm.',
    html: '<p>Open <a href="https://parley.test/members/verify?token=abc">this link</a>.</p>',
  })

  const message = await findLatestInboxMessageTo(db, 'reader.one@example.org')
  assert.ok(message, 'the message was stored')
  assert.equal(message.subject, 'Confirm your subscription')
  assert.deepEqual(message.envelopeTo, ['reader.one@example.org'])
  assert.equal(message.envelopeFrom, 'desk@parley.test')
  assert.match(message.text ?? '', /members\/verify\?token=abc/)
  assert.match(message.html ?? '', /<a href="https:\/\/parley.test\/members\/verify\?token=abc">/)
  assert.ok(opened.inbox && opened.inbox.port > 0)
})

test('the inbox lists newest first and filters by recipient', async () => {
  for (const to of ['a@example.org', 'b@example.org', 'a@example.org']) {
    await opened.mailer.send({ to, subject: `to ${to}`, text: 'hello', html: '<p>hello</p>' })
  }

  const forA = await listInboxMessages(db, { to: 'a@example.org' })
  const all = await listInboxMessages(db)

  assert.equal(forA.length, 2)
  assert.ok(forA[0]!.id > forA[1]!.id)
  assert.ok(all.length >= 3)
  assert.ok(await findInboxMessage(db, forA[0]!.id))
})

test('deleting mail to one address leaves other mail alone', async () => {
  await opened.mailer.send({ to: 'gone@example.org', subject: 's', text: 't', html: '<p>t</p>' })
  await opened.mailer.send({ to: 'kept@example.org', subject: 's', text: 't', html: '<p>t</p>' })

  const removed = await deleteInboxMessagesTo(db, 'GONE@example.org')

  assert.equal(removed, 1)
  assert.equal(await findLatestInboxMessageTo(db, 'gone@example.org'), undefined)
  assert.ok(await findLatestInboxMessageTo(db, 'kept@example.org'))
})

test('a message over the size limit is refused and nothing is stored', async () => {
  const before = (await listInboxMessages(db, { to: 'big@example.org' })).length

  await assert.rejects(
    opened.mailer.send({
      to: 'big@example.org',
      subject: 'too big',
      text: 'x'.repeat(1_200_000),
      html: '<p>x</p>',
    }),
  )

  assert.equal((await listInboxMessages(db, { to: 'big@example.org' })).length, before)
})
