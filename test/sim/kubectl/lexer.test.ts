import { describe, expect, it } from 'vitest';
import { needsMore, parseScript, ShellSyntaxError } from '../../../src/sim/shell/lexer.ts';

describe('shell lexer', () => {
  it('splits a pipeline into commands with quoted words kept whole', () => {
    const [p] = parseScript(`kubectl get pods -o 'jsonpath={.items[*].metadata.name}' | grep "web app"`);
    expect(p?.commands.map((c) => c.argv)).toEqual([
      ['kubectl', 'get', 'pods', '-o', 'jsonpath={.items[*].metadata.name}'],
      ['grep', 'web app'],
    ]);
  });

  it('reads a here-document body up to its delimiter', () => {
    const [p] = parseScript('cat > f.yaml <<EOF\na: 1\n  b: 2\nEOF');
    expect(p?.commands[0]).toEqual({
      argv: ['cat'],
      heredoc: 'a: 1\n  b: 2\n',
      redirects: [{ fd: 1, target: 'f.yaml', append: false }],
    });
  });

  it('feeds a here-document into the first command of a pipe', () => {
    const [p] = parseScript("cat <<'EOF' | kubectl apply -f -\nkind: Pod\nEOF");
    expect(p?.commands[0]?.heredoc).toBe('kind: Pod\n');
    expect(p?.commands[1]?.argv).toEqual(['kubectl', 'apply', '-f', '-']);
  });

  it('treats a word starting with # as a comment', () => {
    const [p] = parseScript('kubectl get pods -l app=web -w # watch it');
    expect(p?.commands[0]?.argv).toEqual(['kubectl', 'get', 'pods', '-l', 'app=web', '-w']);
  });

  it('keeps # inside a word', () => {
    expect(parseScript('echo a#b')[0]?.commands[0]?.argv).toEqual(['echo', 'a#b']);
  });

  it('joins commands with ; && and ||', () => {
    expect(parseScript('true && echo a || echo b; echo c').map((p) => p.join)).toEqual([';', '&&', '||', ';']);
  });

  it('parses 2>&1 and >> redirections', () => {
    const [p] = parseScript('kubectl get po 2>&1 >> log.txt');
    expect(p?.commands[0]?.redirects).toEqual([
      { fd: 2, target: '&1', append: false },
      { fd: 1, target: 'log.txt', append: true },
    ]);
  });

  it('reports an unterminated here-document as needing more input', () => {
    expect(needsMore('cat > f.yaml <<EOF\nkind: Pod')).toBe(true);
    expect(needsMore('cat > f.yaml <<EOF\nkind: Pod\nEOF')).toBe(false);
    expect(needsMore('echo "open')).toBe(true);
    expect(needsMore('kubectl get pods |')).toBe(true);
  });

  it('rejects a pipe with nothing before it', () => {
    expect(() => parseScript('| head')).toThrow(ShellSyntaxError);
    expect(() => parseScript('| head')).toThrow("syntax error near unexpected token `|'");
  });
});

describe('line continuation', () => {
  it('joins a line ending in a backslash with the next one', () => {
    expect(needsMore('kubectl get pods \\')).toBe(true);
    expect(parseScript('kubectl get \\\npods -A')[0]?.commands[0]?.argv).toEqual(['kubectl', 'get', 'pods', '-A']);
  });
});
