import { Cite, plugins } from '@citation-js/core'
import '@citation-js/plugin-csl'
import type { CslItem } from './csl.ts'

export const BibliographyStyles = ['apa', 'chicago'] as const
export type BibliographyStyle = (typeof BibliographyStyles)[number]

// citation-js 0.8 bundles APA; Chicago (author-date, CSL project style, CC BY-SA 3.0) is read
// from the rehype-citation package, which ships it, and registered once (docs/decisions).
const TEMPLATE: Record<BibliographyStyle, string> = { apa: 'apa', chicago: 'chicago-author-date' }
let chicagoLoaded: Promise<void> | undefined

function loadChicago(): Promise<void> {
  chicagoLoaded ??= (async () => {
    const entry = import.meta.resolve('rehype-citation')
    const module = (await import(new URL('./styles/chicago.js', entry).href)) as { default: string }
    const styles = plugins.config.get('@csl').styles as { add(name: string, xml: string): void }
    styles.add(TEMPLATE.chicago, module.default)
  })()
  return chicagoLoaded
}

/** A formatted bibliography, one entry per item, sorted as the style sorts it. */
export async function formatBibliography(
  items: readonly CslItem[],
  style: BibliographyStyle,
  format: 'text' | 'html',
): Promise<string> {
  if (style === 'chicago') await loadChicago()
  if (items.length === 0) return ''
  // citation-js changes the items it is given; hand it copies.
  const cite = new Cite(structuredClone([...items]))
  return cite.format('bibliography', { format, template: TEMPLATE[style], lang: 'en-US' }) as string
}
