// HTML sanitizing with DOMPurify for everything that arrives from outside (Anki fields, CSV
// with HTML, GIFT in [html] format): no scripts, no event handlers, no javascript: URLs, no
// SVG or MathML, no forms or frames, no inline styles.

import createDOMPurify, { type Config, type DOMPurify, type WindowLike } from 'dompurify';
import { domWindow } from './runtime.ts';

const CONFIG: Config = {
  USE_PROFILES: { html: true },
  FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'frame', 'object', 'embed', 'base', 'link', 'meta'],
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

/** Sanitize and return the DOM fragment (for extracting text or list items). */
export function sanitizeToFragment(html: string, win?: WindowLike): DocumentFragment {
  return purifier(win).sanitize(html, { ...CONFIG, RETURN_DOM_FRAGMENT: true });
}
