/**
 * The kinds of source the ledger distinguishes (DESIGN.md, "Sources"), in the order a reader is
 * shown them, with the label each carries on pages, notes, e-mail and feeds.
 */
export const SourceKinds = [
  'primary',
  'official',
  'wire',
  'secondary',
  'osint',
  'state_media',
  'dataset',
] as const
export type SourceKind = (typeof SourceKinds)[number]

export const kindLabels: Record<SourceKind, string> = {
  primary: 'primary',
  official: 'official',
  wire: 'wire',
  secondary: 'secondary',
  osint: 'OSINT',
  state_media: 'state media',
  dataset: 'dataset',
}
