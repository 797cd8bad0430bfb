// HTML sanitizing with DOMPurify for everything that arrives from outside (Anki fields, CSV
// with HTML, GIFT in [html] format): no scripts, no event handlers, no javascript: URLs, no
// SVG or MathML, no forms or frames, no inline styles.

import createDOMPurify, { type Config, type DOMPurify, type WindowLike } from 'dompurify';
import { domWindow } from './runtime.ts';

const CONFIG: Config = {
  USE_PROFILES: { html: true },
  FORBID_TAGS: [
    'style',
    'form',
    'input',
    'button',
    'textarea',
    'select',
    'iframe',
    'frame',
    'object',
    'embed',
    'base',
    'link',
    'meta',
  ],
  FORBID_ATTR: ['style', 'srcset', 'action', 'formaction', 'xlink:href'],
  ALLOW_DATA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
};

const purifiers = new WeakMap<WindowLike, DOMPurify>();

function purifier(win?: WindowLike): DOMPurify {
  const w = win ?? domWindow();
  let p = purifiers.get(w);
  if (!p) {
    p = createDOMPurify(w);
    // Links open outside the app and cannot reach back into it.
    p.addHook('afterSanitizeAttributes', (node) => {
      if (node.nodeName === 'A') {
        node.setAttribute('rel', 'noopener noreferrer');
        node.setAttribute('target', '_blank');
      }
    });
    purifiers.set(w, p);
  }
  return p;
}

/** Sanitized HTML that is safe to insert into the page. In Node pass a jsdom window. */
export function sanitizeHtml(html: string, win?: WindowLike): string {
  return purifier(win).sanitize(html, CONFIG);
}

/** Raw markup that is unsafe even when the parser drops it (an unclosed tag, a broken one). */
const SUSPICIOUS = /<\s*\/?\s*(script|svg|math|iframe)|\bon[a-z]+\s*=|(java|vb)script\s*:/i;

const UNSAFE_ELEMENT =
  /^(script|svg|math|iframe|frame|object|embed|style|form|input|base|meta|link|template|noscript|button|textarea|select|isindex)$/i;

function hasHandler(el: Element): boolean {
  return Array.from(el.attributes ?? []).some((a) => /^on/i.test(a.name));
}

/** Removed scripts, handlers, unsafe URLs and foreign content count; merely unknown markup does not. */
function isUnsafe(r: DOMPurify['removed'][number]): boolean {
  if ('attribute' in r) return r.attribute !== null && !/^(style|class|id)$/i.test(r.attribute.name);
  const el = r.element;
  return el.nodeType === 1 && (UNSAFE_ELEMENT.test(el.nodeName) || hasHandler(el as Element));
}

/** How many sanitized fields had something removed (for the import's warning). */
export const sanitizeStats = { fieldsCleaned: 0 };

/** Sanitize and return the DOM fragment (for extracting text or list items). */
export function sanitizeToFragment(html: string, win?: WindowLike): DocumentFragment {
  const p = purifier(win);
  const fragment = p.sanitize(html, { ...CONFIG, RETURN_DOM_FRAGMENT: true });
  // Markup that is merely unknown (e.g. <font>) is not worth a warning; removed scripts,
  // handlers, unsafe links and foreign content (SVG, MathML) are.
  if (SUSPICIOUS.test(html) || p.removed.some(isUnsafe)) sanitizeStats.fieldsCleaned++;
  return fragment;
}
