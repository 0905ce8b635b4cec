import { escapeHtml } from '../platform/html.ts'
import type { OutgoingMail } from '../platform/mailer.ts'
import type { LinkPurpose } from './members.ts'

/** The magic-link e-mail: one link, what it does, and what to do if it was not you. */
export function magicLinkMail(input: {
  to: string
  purpose: LinkPurpose
  url: string
}): OutgoingMail {
  const signup = input.purpose === 'signup'
  const subject = signup ? 'Confirm your Parley subscription' : 'Your Parley sign-in link'
  const action = signup
    ? 'Confirm your free subscription to Parley. It unlocks the direct links to every source we cite, the archived copies and the quoted passages.'
    : 'Sign in to Parley with this link.'
  const button = signup ? 'Confirm my subscription' : 'Sign in'
  const notYou =
    'The link works once and expires in 24 hours. If you did not ask for it, ignore this message: nothing happens unless the link is opened and confirmed.'
  const text = [action, '', input.url, '', notYou, '', '— Parley'].join('\n')
  const html = [
    '<!DOCTYPE html><html><body>',
    `<p>${escapeHtml(action)}</p>`,
    `<p><a href="${escapeHtml(input.url)}">${escapeHtml(button)}</a></p>`,
    `<p>Or copy this address into your browser:<br>${escapeHtml(input.url)}</p>`,
    `<p>${escapeHtml(notYou)}</p>`,
    '<p>— Parley</p>',
    '</body></html>',
  ].join('\n')
  return { to: input.to, subject, text, html }
}
