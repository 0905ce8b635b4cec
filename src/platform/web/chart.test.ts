import assert from 'node:assert/strict'
import { test } from 'node:test'
import * as Plot from '@observablehq/plot'
import { renderChart } from './chart.ts'

test('a chart renders to an SVG string with its title and description and no inline styles', () => {
  const svg = renderChart(
    {
      width: 400,
      height: 160,
      marks: [
        Plot.lineY([1, 3, 2], { stroke: 'currentColor' }),
        Plot.text(['<b>&'], { x: 0, y: 0 }),
      ],
    },
    {
      id: 'demo',
      title: 'Three values <rising>',
      description: 'Rises from 1 to 3, then falls to 2.',
    },
  )

  assert.match(svg, /^<svg[^>]* role="img"/)
  assert.match(svg, /aria-labelledby="demo-title demo-desc"/)
  assert.match(svg, /<title id="demo-title">Three values &lt;rising&gt;<\/title>/)
  assert.match(svg, /<desc id="demo-desc">Rises from 1 to 3, then falls to 2.<\/desc>/)
  assert.match(svg, /<path /)
  assert.doesNotMatch(svg, /<style|style=/)
  assert.doesNotMatch(svg, /<b>/)
})
