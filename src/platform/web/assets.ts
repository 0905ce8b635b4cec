/**
 * The site's one stylesheet, served from /assets/site.css so the Content-Security-Policy can
 * forbid inline styles. Contrast meets WCAG AA on both schemes.
 */
export const siteCss = `
:root { color-scheme: light dark; --fg: #1b1b1f; --muted: #55565e; --bg: #fdfcf9; --rule: #d9d6cf;
  --accent: #0b5cad; --warn: #8a3b00; --ok: #1f6f3a; --panel: #f3f1ec; --measure: 42rem; }
@media (prefers-color-scheme: dark) { :root { --fg: #ecebe8; --muted: #b3b1ab; --bg: #16171a;
  --rule: #3a3b40; --accent: #8ec2ff; --warn: #ffb37a; --ok: #86d6a0; --panel: #202227; } }
* { box-sizing: border-box; }
html { font-size: 112.5%; }
body { margin: 0; background: var(--bg); color: var(--fg); line-height: 1.55;
  font-family: Charter, "Bitstream Charter", "Sitka Text", Cambria, Georgia, serif; }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible {
  outline: 3px solid var(--accent); outline-offset: 2px; }
.skip { position: absolute; left: -999px; } .skip:focus { left: 1rem; top: 1rem; background: var(--bg); padding: .5rem; }
header.site, footer.site { font-family: system-ui, sans-serif; display: flex; flex-wrap: wrap; gap: 1rem;
  align-items: baseline; justify-content: space-between; padding: .75rem 1.25rem; border-bottom: 1px solid var(--rule); }
footer.site { border-top: 1px solid var(--rule); border-bottom: 0; color: var(--muted); font-size: .85rem; margin-top: 3rem; }
header.site nav { display: flex; gap: 1rem; align-items: baseline; flex-wrap: wrap; }
.brand { font-weight: 700; text-decoration: none; color: var(--fg); letter-spacing: .02em; }
main { max-width: 60rem; margin: 0 auto; padding: 1rem 1.25rem; }
main .prose, main > p, main > h1 { max-width: var(--measure); }
h1, h2, h3 { line-height: 1.2; font-family: system-ui, sans-serif; }
h1 { font-size: 1.9rem; } h2 { font-size: 1.35rem; margin-top: 2rem; } h3 { font-size: 1.1rem; }
.muted, .meta { color: var(--muted); } .meta { font-family: system-ui, sans-serif; font-size: .85rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { text-align: left; vertical-align: top; padding: .4rem .5rem; border-bottom: 1px solid var(--rule); }
th { font-family: system-ui, sans-serif; }
.table-wrap { overflow-x: auto; }
form.stack { display: grid; gap: .75rem; max-width: 26rem; }
label { font-family: system-ui, sans-serif; font-size: .9rem; display: grid; gap: .25rem; }
input, select, textarea, button { font: inherit; padding: .45rem .6rem; border: 1px solid var(--muted);
  border-radius: 4px; background: var(--bg); color: var(--fg); }
button { background: var(--accent); color: var(--bg); border-color: var(--accent); cursor: pointer; }
button.link { background: none; border: 0; color: var(--accent); padding: 0; text-decoration: underline; }
form.inline { display: inline; }
.error { color: var(--warn); border-left: 4px solid var(--warn); padding: .5rem .75rem; background: var(--panel); }
.notice { border-left: 4px solid var(--ok); padding: .5rem .75rem; background: var(--panel); }
.cards { list-style: none; padding: 0; display: grid; gap: 1rem; }
.cards > li { border: 1px solid var(--rule); border-radius: 6px; padding: 1rem; background: var(--panel); }
.points { padding-left: 1.5rem; } .points > li { margin-bottom: .9rem; }
.sources { font-family: system-ui, sans-serif; font-size: .8rem; color: var(--muted); margin: .2rem 0 0; padding: 0; list-style: none; }
.sources li { display: inline; } .sources li + li::before { content: " · "; }
.tag { font-family: system-ui, sans-serif; font-size: .75rem; border: 1px solid var(--rule); border-radius: 999px; padding: 0 .5rem; white-space: nowrap; }
.figures { display: flex; flex-wrap: wrap; gap: 1rem; }
.figure { border: 1px solid var(--rule); border-radius: 6px; padding: .75rem 1rem; min-width: 11rem; background: var(--panel); }
.figure .value { font: 700 2.2rem/1.1 system-ui, sans-serif; display: block; }
.figure .label { font: .85rem system-ui, sans-serif; color: var(--muted); }
svg { max-width: 100%; height: auto; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
dl.facts dt { font-family: system-ui, sans-serif; color: var(--muted); }
@media (max-width: 40rem) { html { font-size: 100%; } dl.facts { grid-template-columns: 1fr; } }
svg.chart { display: block; height: auto; max-width: 100%; color: var(--fg); overflow: visible; }
svg.chart text, svg.chart tspan { white-space: pre; }
/* Membership (src/members): the sign-up call to action, the honeypot kept out of sight and reach. */
form.signup { border: 1px solid var(--rule); border-radius: 6px; padding: 1rem; background: var(--panel); max-width: var(--measure); }
.signup-lead { font: 600 1.05rem/1.35 system-ui, sans-serif; margin: 0 0 .75rem; }
.signup-row { display: flex; flex-wrap: wrap; gap: .5rem; align-items: end; }
.signup-row label { flex: 1 1 14rem; }
.hp { position: absolute; left: -10000px; width: 1px; height: 1px; overflow: hidden; }
label.check { display: flex; gap: .5rem; align-items: center; }
button.danger { background: var(--warn); border-color: var(--warn); }
pre.mail { white-space: pre-wrap; overflow-wrap: anywhere; font-size: .85rem; background: var(--panel); padding: .75rem; border-radius: 4px; }
/* Articles (src/articles): reading measure, citations and notes, embeds, corrections, the editor. */
article.article { max-width: var(--measure); }
.article-head .kicker { font: 600 .8rem system-ui, sans-serif; text-transform: uppercase; letter-spacing: .06em; margin: 0; }
.article-head .dek { font-size: 1.15rem; color: var(--muted); margin-top: 0; }
.article-body { font-size: 1.05rem; }
.article-body h2 { margin-top: 2.2rem; }
.article-body blockquote, .quote { border-left: 3px solid var(--rule); margin: 1rem 0; padding: 0 0 0 1rem; color: var(--muted); }
.cite { font-family: system-ui, sans-serif; font-size: .8em; white-space: nowrap; }
.cite a.note-ref { text-decoration: none; padding: 0 .1em; }
.cite a.note-ref:target, ol.notes li:target { background: var(--panel); outline: 2px solid var(--accent); }
.source-summary { font: 600 .9rem system-ui, sans-serif; margin-top: 2rem; }
section.notes h2 { font-size: 1.1rem; }
ol.notes { font-family: system-ui, sans-serif; font-size: .85rem; padding-left: 2rem; }
ol.notes li { margin-bottom: .45rem; overflow-wrap: anywhere; }
a.backref { text-decoration: none; }
.note-links { white-space: normal; }
.gated-link { text-decoration: underline dotted; }
aside.unlock { margin: 2rem 0; }
aside.unlock > p { font-family: system-ui, sans-serif; font-size: .9rem; color: var(--muted); }
.corrections-box, .corrections-log > li { border-top: 1px solid var(--rule); margin-top: 2rem; }
.corrections-log { list-style: none; padding: 0; }
.diff .hunk { font-family: system-ui, sans-serif; font-size: .9rem; background: var(--panel); padding: .5rem .75rem; border-radius: 4px; white-space: pre-wrap; }
.diff h4 { margin: .75rem 0 .25rem; font: 600 .85rem system-ui, sans-serif; }
ins { background: rgba(31, 111, 58, .16); text-decoration: underline; text-decoration-color: var(--ok); }
del { background: rgba(138, 59, 0, .14); text-decoration: line-through; text-decoration-color: var(--warn); }
figure.embed { margin: 1.75rem 0; padding: .75rem; border: 1px solid var(--rule); border-radius: 6px; background: var(--panel); }
figure.embed figcaption { font: .85rem system-ui, sans-serif; color: var(--muted); margin-top: .5rem; }
form.editor { display: grid; gap: .9rem; max-width: 48rem; }
form.editor textarea.source-text { font: .9rem/1.5 ui-monospace, "DejaVu Sans Mono", monospace; min-height: 24rem; }
form.editor .buttons { display: flex; flex-wrap: wrap; gap: .5rem; align-items: end; }
form.editor fieldset { border: 1px solid var(--rule); border-radius: 6px; display: grid; gap: .75rem; }
button.secondary { background: var(--bg); color: var(--accent); }
details.help { font-family: system-ui, sans-serif; font-size: .85rem; }
details.help ul.keys { max-height: 16rem; overflow-y: auto; }
section.preview { border-top: 3px double var(--rule); margin-top: 2rem; }
.inline-form { margin-top: .75rem; }
figure.embed .figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(9.5rem, 1fr)); gap: .6rem; }
figure.embed .figure { min-width: 0; }
figure.embed .figure .value { font-size: 1.8rem; }
figure.embed figure.chart { margin: .75rem 0; }
ol.embed-events { font-family: system-ui, sans-serif; font-size: .85rem; padding-left: 2rem; }
/* negotiation tracker */
nav.subnav { font-family: system-ui, sans-serif; display: flex; flex-wrap: wrap; gap: .25rem 1rem; margin: .5rem 0 1rem; border-bottom: 1px solid var(--rule); padding-bottom: .5rem; }
nav.subnav a[aria-current="page"] { font-weight: 700; color: var(--fg); text-decoration: none; }
form.filters { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: end; margin: .75rem 0; }
.figure.claim { border-color: #b3261e; }
.figure.claim .value { color: #b3261e; }
@media (prefers-color-scheme: dark) { .figure.claim { border-color: #ff8a80; } .figure.claim .value { color: #ff8a80; } }
ul.flags { list-style: none; padding: 0; display: grid; gap: .5rem; }
figure.chart { margin: 1rem 0; }
figure.chart svg.chart { background: var(--bg); font-size: 11px; }
.progress .figures .figure { flex: 1 1 12rem; }
ul.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; font: .85rem system-ui, sans-serif; }
.swatch { display: inline-block; width: .9rem; height: .9rem; border-radius: 2px; vertical-align: -2px; }
.role-principal { background: #1d4ed8; } .role-mediator { background: #047857; } .role-guarantor { background: #7c3aed; }
.role-consulted { background: #b45309; } .role-observer { background: #4b5563; } .role-sidelined { background: #b91c1c; }
table.positions td.level { min-width: 11rem; }
table.positions .point-text { font-weight: 400; font-family: Charter, Georgia, serif; font-size: .85rem; margin-top: .25rem; }
td.level-0 { border-left: 4px solid #b91c1c; } td.level-1 { border-left: 4px solid #b45309; }
td.level-2 { border-left: 4px solid #a3a3a3; } td.level-3 { border-left: 4px solid #15803d; }
td.not-principal { background: var(--panel); } th.not-principal .meta::after { content: " — not counted"; }
table.diff td { width: 40%; } table.diff td:nth-child(2) { width: 20%; }
tr.lineage-dropped td:first-child { text-decoration: line-through; text-decoration-color: var(--warn); }
.kind-new, .kind-dropped { border-color: var(--warn); }
.weights-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(9rem, 1fr)); gap: .5rem; }
details.method { margin: 1.5rem 0; } details.method summary { font-family: system-ui, sans-serif; cursor: pointer; }
.reader-weights table { max-width: 36rem; } .reader-weights input[type=number] { width: 7rem; }
form.role-end { display: flex; gap: .25rem; align-items: end; margin-bottom: .25rem; } form.role-end input { width: 8rem; }
/* Timeline (src/timeline): strikes and talks on one chart; the chart scrolls sideways on a phone. */
.chart-scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; }
.chart-scroll svg.chart { min-width: 42rem; }
svg.chart .bar-drones { fill: #4f6f94; } svg.chart .bar-missiles { fill: #c2410c; }
svg.chart .tick-destroyed { stroke: var(--bg); } svg.chart .line-rolling { stroke: var(--fg); fill: none; }
svg.chart .event-rule { stroke: var(--accent); } svg.chart .event-label { fill: var(--accent); }
svg.chart .event-dot { fill: var(--bg); stroke: var(--accent); stroke-width: 2; }
svg.chart .bar-coop { fill: #2f7d4f; } svg.chart .bar-conflict { fill: #c2410c; }
@media (prefers-color-scheme: dark) { svg.chart .bar-drones { fill: #8fb0d6; } svg.chart .bar-missiles, svg.chart .bar-conflict { fill: #ff8a4c; } svg.chart .bar-coop { fill: #86d6a0; } }
.key { white-space: nowrap; } .key::before { content: ""; display: inline-block; width: .9em; height: .9em; margin-right: .3em; vertical-align: -.1em; border-radius: 2px; }
.key-drones::before { background: #4f6f94; } .key-missiles::before, .key-conflict::before { background: #c2410c; } .key-coop::before { background: #2f7d4f; }
.key-destroyed::before { height: .45em; vertical-align: .15em; background: var(--bg); border: 1px solid var(--fg); }
.key-rolling::before { width: 1.4em; height: 3px; vertical-align: .2em; background: var(--fg); }
.key-event::before { border: 2px solid var(--accent); border-radius: 50%; }
form.range { display: flex; flex-wrap: wrap; gap: .75rem; align-items: end; margin: 1rem 0; }
.figure.rank .of { font-size: 1rem; font-weight: 400; } .ratio.up { color: var(--warn); }
table.events-r td:first-child { font-family: system-ui, sans-serif; font-weight: 700; color: var(--accent); }
ul.problems { margin: .25rem 0 0; padding-left: 1.25rem; font-family: system-ui, sans-serif; font-size: .85rem; }
/* Evidence ledger (src/sources): hashes that wrap, link and claim status tags, quotes in context. */
code.hash { font-size: .75rem; overflow-wrap: anywhere; word-break: break-all; }
.url, .url a { overflow-wrap: anywhere; }
table.ledger th[scope=row] { font-weight: 400; } table.ledger th[scope=row] > a { font-weight: 600; }
.tag.link-ok, .tag.quote-verified, .tag.claim-supported { border-color: var(--ok); color: var(--ok); }
.tag.link-changed, .tag.link-unreachable, .tag.quote-moved, .tag.claim-disputed, .tag.claim-misleading { border-color: var(--warn); color: var(--warn); }
.tag.link-dead, .tag.quote-orphaned, .tag.claim-false { background: var(--warn); border-color: var(--warn); color: var(--bg); }
.quotes { list-style: none; padding: 0; } .quote .context { color: var(--muted); }
.quote mark { background: var(--panel); color: var(--fg); outline: 1px solid var(--rule); padding: 0 .1em; }
form.search { display: flex; flex-wrap: wrap; gap: .75rem; align-items: end; margin: 1rem 0; }
.gate { margin: 1rem 0; } .actions { display: flex; gap: .5rem; flex-wrap: wrap; margin: .5rem 0 1rem; }
section.panel { border: 1px solid var(--rule); border-radius: 6px; padding: 0 1rem 1rem; margin: 1rem 0; background: var(--panel); }
h1.claim-text { font-family: Charter, "Bitstream Charter", Cambria, Georgia, serif; font-weight: 400; font-style: italic; max-width: var(--measure); }
.figure .value .tag { font-size: 1rem; }
dl.cite-as dd { max-width: var(--measure); overflow-wrap: anywhere; }
`
