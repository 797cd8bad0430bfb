// A printable, self-contained HTML page of a deck: every card with its answer, grouped by
// KCNA domain, a print stylesheet (A4/Letter, no page break inside a card), no scripts and a
// Content-Security-Policy that would block any. All card text is escaped.

import { KCNA_DOMAINS } from '../domains.ts';
import type { Card, Deck } from '../schema.ts';
import { cardFaces } from './card-fields.ts';
import { escapeHtml } from './html.ts';

const STYLE = `
:root { color-scheme: light; }
body { font: 11pt/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #111; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.2rem; border-bottom: 1px solid #999; margin-top: 2rem; }
.card { border: 1px solid #bbb; border-radius: 6px; padding: 0.6rem 0.8rem; margin: 0.8rem 0; break-inside: avoid; page-break-inside: avoid; }
.meta { font-size: 0.8rem; color: #555; }
.back { border-top: 1px dashed #bbb; margin-top: 0.5rem; padding-top: 0.5rem; }
ol { margin: 0.3rem 0; }
@media print {
  @page { margin: 15mm; }
  body { margin: 0; max-width: none; font-size: 10pt; }
  h2 { break-after: avoid; page-break-after: avoid; }
  .card { border-color: #888; }
}`;

function cardHtml(card: Card, n: number): string {
  const { front, back } = cardFaces(card);
  const tags = card.tags?.length ? ` · ${card.tags.map(escapeHtml).join(', ')}` : '';
  return `<article class="card" id="card-${escapeHtml(card.id)}">
<div class="meta">${n}. ${escapeHtml(card.kind)} · ${escapeHtml(card.competency)}${tags}</div>
<div class="front">${front}</div>
<div class="back">${back}</div>
</article>`;
}

export function printableHtml(deck: Deck): string {
  let n = 0;
  const sections = KCNA_DOMAINS.map((domain) => {
    const cards = deck.cards.filter((c) => c.domain === domain.id);
    if (!cards.length) return '';
    return `<section><h2>${escapeHtml(domain.title)} (${domain.weight}% of the exam)</h2>\n${cards.map((c) => cardHtml(c, ++n)).join('\n')}</section>`;
  }).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(deck.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>${escapeHtml(deck.title)}</h1>
${deck.description ? `<p>${escapeHtml(deck.description)}</p>` : ''}
<p class="meta">${deck.cards.length} cards · deck id ${escapeHtml(deck.id)}</p></header>
${sections}
</body>
</html>
`;
}
