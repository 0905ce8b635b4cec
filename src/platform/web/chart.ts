import * as Plot from '@observablehq/plot'
import { parseHTML } from 'linkedom'

/** What a chart says in words: read by screen readers and shown when SVG is not rendered. */
export interface ChartText {
  /** Short name of the chart, e.g. "Progress of the 20-point framework over time". */
  title: string
  /** One or two sentences stating what the chart shows and its main finding. */
  description: string
  /** Unique on the page; used to tie the SVG to its title and description. */
  id: string
}

const SVG_NS = 'http://www.w3.org/2000/svg'

/**
 * Renders an Observable Plot spec to an SVG string on the server, through a linkedom document
 * (Plot only needs `createElementNS` and friends). The result is safe under the site's CSP:
 * Plot's inline `<style>` element and any `style` attributes are removed (the stylesheet styles
 * `svg.chart` instead), and the SVG carries `role="img"` with a `<title>` and `<desc>`.
 */
export function renderChart(spec: Plot.PlotOptions, text: ChartText): string {
  const { document } = parseHTML('<!DOCTYPE html><html><body></body></html>')
  const rendered = Plot.plot({ ...spec, document } as Plot.PlotOptions) as unknown as Element
  // A legend or caption makes Plot wrap the SVG in a <figure>; keep only the drawing.
  const svg = rendered.tagName.toLowerCase() === 'svg' ? rendered : rendered.querySelector('svg')
  if (!svg) throw new Error('the chart rendered no SVG')
  for (const style of Array.from(svg.querySelectorAll('style'))) style.remove()
  for (const node of [svg, ...Array.from(svg.querySelectorAll('[style]'))]) {
    node.removeAttribute('style')
  }
  svg.removeAttribute('aria-label')
  svg.removeAttribute('aria-description')
  svg.setAttribute('class', 'chart')
  svg.setAttribute('id', text.id)
  svg.setAttribute('role', 'img')
  svg.setAttribute('aria-labelledby', `${text.id}-title ${text.id}-desc`)
  svg.setAttribute('xmlns', SVG_NS)
  const title = document.createElementNS(SVG_NS, 'title')
  title.setAttribute('id', `${text.id}-title`)
  title.textContent = text.title
  const desc = document.createElementNS(SVG_NS, 'desc')
  desc.setAttribute('id', `${text.id}-desc`)
  desc.textContent = text.description
  svg.insertBefore(desc, svg.firstChild)
  svg.insertBefore(title, svg.firstChild)
  return svg.outerHTML
}
