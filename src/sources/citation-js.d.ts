// citation-js 0.8 ships no types; the little the ledger uses of it, typed here.
declare module '@citation-js/core' {
  export class Cite {
    constructor(data: unknown)
    format(
      kind: 'bibliography' | 'citation' | 'data',
      options?: { format?: 'text' | 'html'; template?: string; lang?: string },
    ): string
  }
  export const plugins: {
    config: { get(name: string): Record<string, unknown> }
  }
}

declare module '@citation-js/plugin-csl'
