/**
 * The kinds of dated event a negotiation's timeline holds: the case file checks them and the
 * events table stores them, from this one list. `ceasefire` is a ceasefire taking effect (agreeing one is an `agreement`); `territorial-change`
 * a place changing hands; `signing` a text being signed; `deadline` a date set by someone (#13).
 */
export const EventKinds = [
  'meeting',
  'statement',
  'proposal',
  'strike',
  'agreement',
  'ceasefire',
  'territorial-change',
  'signing',
  'deadline',
] as const
export type EventKind = (typeof EventKinds)[number]
