// GIFT import: multiple choice (single or multiple answers, weights, feedback) and true/false
// become quizzes, short answer becomes a flashcard, essay becomes a prompt when a `// kcna:`
// comment gives its key points (else a flashcard with the model answer on the back).
// Numerical, matching and description questions are skipped with a warning.

import type { DraftCard } from './card-fields.ts';
import type { DraftDeck, DraftEntry } from './finish-import.ts';
import { htmlToText, isSimpleHtml } from './html.ts';
import { ImportError, type ImportOptions } from './types.ts';
import { Work } from './work.ts';
import { DOMAIN_IDS } from '../domains.ts';

interface Block {
  text: string;
  line: number;
  comments: string[];
}

/** Split into question blocks at blank lines; comment lines are collected, not parsed. */
function blocks(source: string): Block[] {
  const out: Block[] = [];
  let cur: Block | null = null;
  source.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/^\ufeff/, '');
    if (/^\s*\/\//.test(line)) {
      cur ??= { text: '', line: i + 1, comments: [] };
      cur.comments.push(line.replace(/^\s*\/\/\s?/, ''));
      return;
    }
    if (line.trim() === '') {
      if (cur?.text.trim()) out.push(cur);
      if (cur && !cur.text.trim()) return;
      cur = null;
      return;
    }
    if (!cur || !cur.text) cur = { text: '', line: i + 1, comments: cur?.comments ?? [] };
    cur.text += (cur.text ? '\n' : '') + line;
  });
  if (cur && (cur as Block).text.trim()) out.push(cur);
  return out;
}

/** Index of the first unescaped `ch` at or after `from`, or -1. */
function findUnescaped(text: string, ch: string, from = 0): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text.startsWith(ch, i)) return i;
  }
  return -1;
}

function unescapeGift(text: string): string {
  return text.replace(/\\(.)/g, (_m, c: string) => (c === 'n' ? '\n' : c));
}

/** Split an answer block into items starting with unescaped = or ~. */
function answerItems(block: string): { correct: boolean; weight: number | null; text: string; feedback: string }[] {
  const items: { mark: string; body: string }[] = [];
  let start = -1;
  for (let i = 0; i < block.length; i++) {
    const c = block[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '=' || c === '~') {
      if (start >= 0) items.push({ mark: block[start] as string, body: block.slice(start + 1, i) });
      start = i;
    }
  }
  if (start >= 0) items.push({ mark: block[start] as string, body: block.slice(start + 1) });
  return items.map(({ mark, body }) => {
    let text = body.trim();
    let weight: number | null = null;
    const w = /^%(-?\d+(?:\.\d+)?)%/.exec(text);
    if (w) {
      weight = Number(w[1]);
      text = text.slice(w[0].length);
    }
    const hash = findUnescaped(text, '#');
    const feedback = hash >= 0 ? text.slice(hash + 1).trim() : '';
    if (hash >= 0) text = text.slice(0, hash);
    return { correct: mark === '=' || (weight !== null && weight > 0), weight, text: text.trim(), feedback };
  });
}

function categoryDomain(path: string): { domain?: string; competency?: string } {
  const parts = path.split('/').map((p) => p.trim());
  const d = parts.findIndex((p) => DOMAIN_IDS.includes(p));
  if (d < 0) return {};
  const competency = parts[d + 1];
  return { domain: parts[d] as string, ...(competency ? { competency } : {}) };
}

function parseExtras(comments: string[]): Record<string, unknown> {
  for (const c of comments) {
    const m = /^kcna:\s*(\{.*\})\s*$/.exec(c);
    if (!m) continue;
    try {
      const v: unknown = JSON.parse(m[1] ?? '');
      if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
    } catch {
      // an unreadable kcna comment is ignored like any other comment
    }
  }
  return {};
}

export async function readGift(fileName: string, source: string, opts: ImportOptions = {}): Promise<DraftDeck> {
  const list = blocks(source);
  const work = new Work(opts, list.length);
  await work.start();
  const entries: DraftEntry[] = [];
  const skipped: string[] = [];
  let category: { domain?: string; competency?: string } = {};
  let title: string | undefined;
  for (let b = 0; b < list.length; b++) {
    const block = list[b] as Block;
    let text = block.text.trim();
    const where = { file: fileName, line: block.line, column: 1 };
    await work.step(b + 1);
    const cat = /^\$CATEGORY:\s*(.*)$/m.exec(text);
    if (cat && text.startsWith('$CATEGORY')) {
      const path = (cat[1] ?? '').trim();
      category = categoryDomain(path);
      title ??= path.replace(/^\$(course|cat\d|system|module)\$\/(top\/)?/, '').split('/')[0];
      text = text.slice(cat[0].length).trim();
      if (!text) continue;
    }
    let name = '';
    if (text.startsWith('::')) {
      const end = findUnescaped(text, '::', 2);
      if (end < 0) throw new ImportError('the question title is not closed with "::"', where);
      name = unescapeGift(text.slice(2, end)).trim();
      text = text.slice(end + 2).trim();
    }
    let format = 'moodle';
    const fmt = /^\[(html|moodle|markdown|plain)\]/.exec(text);
    if (fmt) {
      format = fmt[1] as string;
      text = text.slice(fmt[0].length);
    }
    const open = findUnescaped(text, '{');
    if (open < 0) {
      skipped.push(`${fileName}:${block.line}:1: skipped a description (a text without an answer block)`);
      continue;
    }
    const close = findUnescaped(text, '}', open + 1);
    if (close < 0) throw new ImportError('the answer block "{" is never closed with "}"', where);
    const after = text.slice(close + 1).trim();
    const rawQuestion = text.slice(0, open).trim() + (after ? ` _____ ${after}` : '');
    const asText = (raw: string) => {
      const t = unescapeGift(raw);
      return format === 'html' || (format === 'moodle' && !isSimpleHtml(t)) ? htmlToText(t) : t.trim();
    };
    const question = asText(rawQuestion);
    let body = text.slice(open + 1, close);
    const general = findUnescaped(body, '####');
    const generalText = general >= 0 ? asText(body.slice(general + 4)) : '';
    if (general >= 0) body = body.slice(0, general);
    const extra = parseExtras(block.comments);
    const base: DraftCard = {
      ...(name ? { id: name } : {}),
      ...category,
      ...(Array.isArray(extra['tags']) ? { tags: extra['tags'] } : {}),
      ...(typeof extra['source'] === 'string' ? { source: extra['source'] } : {}),
    };
    let draft: DraftCard | null = null;
    const trimmed = body.trim();
    if (extra['card'] && typeof extra['card'] === 'object') draft = extra['card'] as DraftCard;
    else if (trimmed === '') {
      const keyPoints = extra['keyPoints'];
      draft = Array.isArray(keyPoints)
        ? {
            ...base,
            kind: 'prompt',
            question,
            modelAnswer: generalText,
            keyPoints,
            ...(typeof extra['explanation'] === 'string' ? { explanation: extra['explanation'] } : {}),
          }
        : { ...base, kind: 'flashcard', front: question, back: generalText };
    } else if (/^(T|TRUE|F|FALSE)\b/.test(trimmed)) {
      const isTrue = /^T/.test(trimmed);
      draft = {
        ...base,
        kind: 'quiz',
        question,
        choices: ['True', 'False'],
        answer: isTrue ? 0 : 1,
        explanation: generalText || `The statement is ${isTrue ? 'true' : 'false'}.`,
      };
    } else if (trimmed.startsWith('#')) {
      skipped.push(`${fileName}:${block.line}:1: skipped a numerical question (not supported)`);
    } else if (findUnescaped(body, '->') >= 0) {
      skipped.push(`${fileName}:${block.line}:1: skipped a matching question (not supported)`);
    } else {
      const items = answerItems(body);
      if (items.length === 0)
        skipped.push(`${fileName}:${block.line}:1: skipped a question whose answers could not be read`);
      else if (items.every((i) => i.correct && i.weight === null) && findUnescaped(body, '~') < 0) {
        draft = {
          ...base,
          kind: 'flashcard',
          front: question,
          back: items.map((i) => asText(i.text)).join('\n'),
          ...(generalText ? { explanation: generalText } : {}),
        };
      } else {
        const key = items.flatMap((it, i) => (it.correct ? [i] : []));
        const feedback = items.map((it) => (it.feedback ? asText(it.feedback) : ''));
        draft = {
          ...base,
          kind: 'quiz',
          question,
          choices: items.map((it) => asText(it.text)),
          ...(key.length > 1 ? { multiple: true, answers: key } : { answer: key[0] }),
          explanation: generalText || `Answer: ${key.map((k) => asText(items[k]?.text ?? '')).join('; ')}`,
          ...(extra['verify'] && typeof extra['verify'] === 'object' ? { verify: extra['verify'] } : {}),
          ...(feedback.some(Boolean) ? { feedback } : {}),
        };
      }
    }
    if (draft) entries.push({ draft, where, key: `gift:${name || question}` });
  }
  return { ...(title ? { title } : {}), entries, skipped };
}
