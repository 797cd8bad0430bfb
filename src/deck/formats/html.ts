// Plain text <-> the HTML the Anki, CSV and Moodle formats carry. Deck text is plain text, so
// export escapes it (newlines as <br>, runs of spaces kept with &nbsp;) and import turns HTML
// back into text: our own simple markup by a fast exact decoder, anything else through
// DOMPurify and a DOM walk, so imported markup never reaches the page as HTML.

import { sanitizeToFragment } from './sanitize.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** Plain text as HTML that displays the same: escaped, <br> for newlines, spaces kept. */
export function textToHtml(text: string): string {
  return escapeHtml(text)
    .replace(/\r\n?/g, '\n')
    .replace(/ {2}/g, ' &nbsp;')
    .replace(/^ /gm, '&nbsp;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '<br>');
}

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: '\u00a0' };
const SIMPLE = /^(?:[^<&]|&(?:lt|gt|amp|quot|apos|nbsp|#\d{1,7}|#x[0-9a-f]{1,6});|<br\s*\/?>)*$/i;

function decodeEntity(entity: string): string {
  const name = entity.slice(1, -1);
  if (name[0] === '#') {
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '\ufffd';
  }
  return NAMED[name.toLowerCase()] ?? entity;
}

function collapse(text: string): string {
  return text.replace(/[ \t\r\n\f]+/g, ' ');
}

/** True when `html` is only text, entities and <br>: it cannot carry markup. */
export function isSimpleHtml(html: string): boolean {
  return SIMPLE.test(html);
}

function simpleHtmlToText(html: string): string {
  return html
    .split(/<br\s*\/?>/i)
    .map((line) =>
      collapse(line)
        .replace(/&[#a-z0-9]+;/gi, decodeEntity)
        .replace(/\u00a0/g, ' '),
    )
    .join('\n');
}

const BLOCK = new Set([
  'P',
  'DIV',
  'LI',
  'UL',
  'OL',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'TR',
  'TABLE',
  'BLOCKQUOTE',
  'PRE',
  'SECTION',
  'ARTICLE',
  'DL',
  'DT',
  'DD',
  'HR',
]);

function walk(node: Node, out: string[], pre: boolean): void {
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === 3) {
      const text = child.nodeValue ?? '';
      out.push(pre ? text : collapse(text));
    } else if (child.nodeType === 1) {
      const name = child.nodeName.toUpperCase();
      if (name === 'BR') {
        out.push('\n');
        continue;
      }
      const block = BLOCK.has(name);
      if (block) out.push('\n');
      if (name === 'LI') out.push('- ');
      walk(child, out, pre || name === 'PRE');
      if (block) out.push('\n');
    }
  }
}

function tidy(text: string): string {
  return text
    .replace(/\u00a0/g, ' ')
    .replace(/ *\n */g, (m) => (m.includes('\n') ? '\n' : m))
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Sanitized plain text of a DOM node's contents. */
export function nodeText(node: Node): string {
  const out: string[] = [];
  walk(node, out, false);
  return tidy(out.join(''));
}

/**
 * The exact text of a field that holds escaped data (JSON in Data, Verify, KeyPointMatches):
 * entities decoded, whitespace kept. Anything with markup goes through htmlToText.
 */
export function htmlToExactText(html: string): string {
  if (!isSimpleHtml(html)) return htmlToText(html);
  return html.replace(/<br\s*\/?>/gi, '\n').replace(/&[#a-z0-9]+;/gi, decodeEntity);
}

/** Plain text of an HTML field. Scripts, styles and hidden markup never become text. */
export function htmlToText(html: string): string {
  if (isSimpleHtml(html)) return simpleHtmlToText(html).trim();
  return nodeText(sanitizeToFragment(html));
}

/**
 * The items of the first HTML list in `html` (our Choices/Feedback/KeyPoints fields), as
 * text; null if there is no list. `<ol type="A"><li>a</li><li>b</li></ol>` -> ["a", "b"].
 */
export function htmlListItems(html: string): string[] | null {
  const fast = /^\s*<(ol|ul)(?: type="A")?>((?:<li>[^<]*(?:<br>[^<]*)*<\/li>)*)<\/\1>\s*$/.exec(html);
  if (fast) {
    const inner = fast[2] ?? '';
    if (inner === '') return [];
    return inner
      .slice(4, -5)
      .split('</li><li>')
      .map((item) => simpleHtmlToText(item).trim());
  }
  const fragment = sanitizeToFragment(html);
  const list = fragment.querySelector('ol, ul');
  if (!list) return null;
  return Array.from(list.children)
    .filter((el) => el.nodeName.toUpperCase() === 'LI')
    .map((li) => nodeText(li));
}

/** HTML list of text items. */
export function htmlList(items: readonly string[], ordered: boolean): string {
  const tag = ordered ? 'ol type="A"' : 'ul';
  return `<${tag}>${items.map((i) => `<li>${textToHtml(i)}</li>`).join('')}</${ordered ? 'ol' : 'ul'}>`;
}

/** Anki's sort-field text: tags removed without replacement, entities decoded, nbsp as space. */
export function ankiStripHtml(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(style|script)[^>]*>[\s\S]*?<\/\1>/gi, '')
    .replace(/<[^>]*>/g, '')
    .replace(/&[#a-z0-9]+;/gi, decodeEntity)
    .replace(/\u00a0/g, ' ');
}
