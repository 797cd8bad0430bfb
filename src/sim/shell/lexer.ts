// A tiny POSIX-shell-flavoured parser: quotes, backslashes, comments, pipes, `;`/`&&`/`||`,
// output redirection and here-documents. It covers the habits a learner brings to a terminal
// (`cat <<EOF | kubectl apply -f -`, `... | head -20`), not the whole shell language.

export interface Redirect {
  fd: 1 | 2;
  /** A file path, or '&1' for `2>&1`. */
  target: string;
  append: boolean;
}

export interface SimpleCommand {
  argv: string[];
  /** Body of a here-document (`<<EOF`) or the name of a file given with `<`. */
  heredoc?: string;
  stdinFile?: string;
  redirects: Redirect[];
}

export interface Pipeline {
  commands: SimpleCommand[];
  /** How this pipeline is joined to the previous one. */
  join: ';' | '&&' | '||';
}

export class ShellSyntaxError extends Error {}

type Token =
  | { t: 'word'; v: string }
  | { t: 'op'; v: '|' | '||' | '&&' | ';' | '\n' }
  | { t: 'redir'; fd: 1 | 2; append: boolean; target?: string }
  | { t: 'in' }
  | { t: 'heredoc'; delim: string; strip: boolean };

const HEREDOC = /<<(-?)\s*(['"]?)([A-Za-z0-9_.-]+)\2/;

/** True when the text ends inside an unterminated here-document, quote or trailing pipe. */
export function needsMore(text: string): boolean {
  try {
    parseScript(text);
    return false;
  } catch (e) {
    return e instanceof ShellSyntaxError && e.message.startsWith('incomplete');
  }
}

/** Parses one or more lines (here-document bodies included) into pipelines. */
export function parseScript(text: string): Pipeline[] {
  const lines = text.split('\n');
  const tokens: Token[] = [];
  const bodies: string[] = [];
  let i = 0;
  while (i < lines.length) {
    let line = lines[i] ?? '';
    i++;
    // A trailing backslash joins the next line (outside here-document bodies, read below).
    while (line.endsWith('\\') && !line.endsWith('\\\\') && i < lines.length)
      line = line.slice(0, -1) + (lines[i++] ?? '');
    const lineTokens = tokenizeLine(line);
    for (const tok of lineTokens) {
      if (tok.t !== 'heredoc') continue;
      const body: string[] = [];
      let closed = false;
      while (i < lines.length) {
        const raw = lines[i] ?? '';
        i++;
        const cmp = tok.strip ? raw.replace(/^\t+/, '') : raw;
        if (cmp === tok.delim) {
          closed = true;
          break;
        }
        body.push(cmp);
      }
      if (!closed) throw new ShellSyntaxError(`incomplete here-document ${tok.delim}`);
      bodies.push(body.length ? body.join('\n') + '\n' : '');
    }
    tokens.push(...lineTokens, { t: 'op', v: '\n' });
  }
  return assemble(tokens, bodies);
}

function assemble(tokens: Token[], bodies: string[]): Pipeline[] {
  const out: Pipeline[] = [];
  let cur: SimpleCommand = { argv: [], redirects: [] };
  let pipe: SimpleCommand[] = [];
  let join: Pipeline['join'] = ';';
  let pendingJoin: Pipeline['join'] | null = null;
  let bodyIndex = 0;
  const isEmpty = (c: SimpleCommand) =>
    c.argv.length === 0 && c.redirects.length === 0 && c.heredoc === undefined && c.stdinFile === undefined;
  const endCommand = (op: string) => {
    if (isEmpty(cur)) throw new ShellSyntaxError(`syntax error near unexpected token \`${op}'`);
    pipe.push(cur);
    cur = { argv: [], redirects: [] };
  };
  for (let k = 0; k < tokens.length; k++) {
    const tok = tokens[k];
    if (!tok) continue;
    if (tok.t === 'word') {
      cur.argv.push(tok.v);
    } else if (tok.t === 'redir') {
      if (tok.target === undefined) {
        const next = tokens[k + 1];
        if (!next || next.t !== 'word') throw new ShellSyntaxError("syntax error near unexpected token `newline'");
        cur.redirects.push({ fd: tok.fd, target: next.v, append: tok.append });
        k++;
      } else cur.redirects.push({ fd: tok.fd, target: tok.target, append: tok.append });
    } else if (tok.t === 'in') {
      const next = tokens[k + 1];
      if (!next || next.t !== 'word') throw new ShellSyntaxError("syntax error near unexpected token `newline'");
      cur.stdinFile = next.v;
      k++;
    } else if (tok.t === 'heredoc') {
      cur.heredoc = bodies[bodyIndex++] ?? '';
    } else if (tok.v === '|') {
      endCommand('|');
      // A trailing pipe continues on the next line, as in bash.
      let n = k + 1;
      while (tokens[n]?.t === 'op' && tokens[n]?.t === 'op' && (tokens[n] as { v: string }).v === '\n') n++;
      if (n >= tokens.length) throw new ShellSyntaxError('incomplete pipeline');
      k = n - 1;
    } else if (tok.v === '\n' || tok.v === ';' || tok.v === '&&' || tok.v === '||') {
      if (isEmpty(cur) && pipe.length === 0) {
        if (tok.v !== '\n' && tok.v !== ';')
          throw new ShellSyntaxError(`syntax error near unexpected token \`${tok.v}'`);
        if (tok.v === ';' && pendingJoin === null && out.length === 0)
          throw new ShellSyntaxError("syntax error near unexpected token `;'");
        continue;
      }
      endCommand(tok.v);
      out.push({ commands: pipe, join: pendingJoin ?? join });
      pipe = [];
      pendingJoin = null;
      join = ';';
      if (tok.v === '&&' || tok.v === '||') {
        pendingJoin = tok.v;
        let n = k + 1;
        while (tokens[n]?.t === 'op' && (tokens[n] as { v: string }).v === '\n') n++;
        if (n >= tokens.length) throw new ShellSyntaxError('incomplete list');
        k = n - 1;
      }
    }
  }
  if (!isEmpty(cur) || pipe.length) {
    endCommand('newline');
    out.push({ commands: pipe, join: pendingJoin ?? join });
  }
  return out;
}

function tokenizeLine(line: string): Token[] {
  const toks: Token[] = [];
  let word = '';
  let inWord = false;
  const flush = () => {
    if (inWord) toks.push({ t: 'word', v: word });
    word = '';
    inWord = false;
  };
  let i = 0;
  while (i < line.length) {
    const c = line[i] ?? '';
    if (c === ' ' || c === '\t' || c === '\r') {
      flush();
      i++;
    } else if (c === '#' && !inWord) {
      break;
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new ShellSyntaxError("incomplete: unexpected EOF while looking for matching `''");
      word += line.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (c === '"') {
      let j = i + 1;
      let s = '';
      for (; j < line.length; j++) {
        const d = line[j] ?? '';
        if (d === '\\' && j + 1 < line.length && '"\\$`'.includes(line[j + 1] ?? '')) {
          s += line[j + 1];
          j++;
        } else if (d === '"') break;
        else s += d;
      }
      if (j >= line.length) throw new ShellSyntaxError('incomplete: unexpected EOF while looking for matching `"\'');
      word += s;
      inWord = true;
      i = j + 1;
    } else if (c === '\\') {
      if (i + 1 >= line.length) throw new ShellSyntaxError('incomplete: line continuation');
      word += line[i + 1];
      inWord = true;
      i += 2;
    } else if (c === '|') {
      flush();
      if (line[i + 1] === '|') {
        toks.push({ t: 'op', v: '||' });
        i += 2;
      } else {
        toks.push({ t: 'op', v: '|' });
        i++;
      }
    } else if (c === '&') {
      flush();
      if (line[i + 1] === '&') {
        toks.push({ t: 'op', v: '&&' });
        i += 2;
      } else throw new ShellSyntaxError('background jobs (&) are not supported in this sandbox');
    } else if (c === ';') {
      flush();
      toks.push({ t: 'op', v: ';' });
      i++;
    } else if (c === '<') {
      flush();
      const m = HEREDOC.exec(line.slice(i));
      if (m && m.index === 0) {
        toks.push({ t: 'heredoc', delim: m[3] ?? '', strip: m[1] === '-' });
        i += m[0].length;
      } else if (line[i + 1] === '<') {
        throw new ShellSyntaxError("syntax error near unexpected token `newline'");
      } else {
        toks.push({ t: 'in' });
        i++;
      }
    } else if (c === '>' || (c === '2' && !inWord && line[i + 1] === '>')) {
      flush();
      const fd: 1 | 2 = c === '2' ? 2 : 1;
      if (fd === 2) i++;
      const append = line[i + 1] === '>';
      i += append ? 2 : 1;
      if (line.startsWith('&1', i) && fd === 2) {
        toks.push({ t: 'redir', fd, append: false, target: '&1' });
        i += 2;
      } else toks.push({ t: 'redir', fd, append });
    } else {
      word += c;
      inWord = true;
      i++;
    }
  }
  flush();
  return toks;
}
