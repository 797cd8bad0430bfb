// Scripted (non-interactive) runs, as `npm run sandbox < file` does them: one command per line
// plus any here-document lines, each echoed as `$ <line>` (continuation lines as `> <line>`)
// before its output; blank lines and `#` comments are skipped.

import type { Session } from './session.ts';

export function runScript(session: Session, text: string, write: (fd: 1 | 2, s: string) => void): void {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  let i = 0;
  while (i < lines.length) {
    const first = lines[i] ?? '';
    i++;
    if (first.trim() === '' || first.trim().startsWith('#')) continue;
    if (/^exit(\s+\d+)?$/.test(first.trim())) {
      write(1, `$ ${first}\n`);
      return;
    }
    let block = first;
    while (session.needsMore(block) && i < lines.length) block += '\n' + (lines[i++] ?? '');
    write(
      1,
      block
        .split('\n')
        .map((l, k) => (k === 0 ? `$ ${l}` : `> ${l}`))
        .join('\n') + '\n',
    );
    session.run(block, { onOutput: (c) => write(c.fd, c.text) });
  }
}

/** The whole transcript of a script as one string (stdout and stderr interleaved). */
export function transcript(session: Session, text: string): string {
  let out = '';
  runScript(session, text, (_fd, s) => {
    out += s;
  });
  return out;
}
