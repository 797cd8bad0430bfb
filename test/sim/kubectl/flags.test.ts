import { describe, expect, it } from 'vitest';
import { FlagError, type FlagSpec, parseFlags } from '../../../src/sim/kubectl/flags.ts';

const SPECS: FlagSpec[] = [
  { name: 'namespace', short: 'n', type: 'string' },
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'watch', short: 'w', type: 'bool' },
  { name: 'output', short: 'o', type: 'string' },
  { name: 'replicas', type: 'int' },
  { name: 'filename', short: 'f', type: 'strings' },
];

describe('kubectl flag parsing', () => {
  it('accepts --flag=value and --flag value', () => {
    const a = parseFlags(['get', '--namespace=kube-system', 'pods', '--output', 'wide'], SPECS);
    expect(a.args).toEqual(['get', 'pods']);
    expect(a.flags.get('namespace')).toBe('kube-system');
    expect(a.flags.get('output')).toBe('wide');
  });

  it('accepts -n value, -nvalue and -n=value', () => {
    expect(parseFlags(['-n', 'a'], SPECS).flags.get('namespace')).toBe('a');
    expect(parseFlags(['-nb'], SPECS).flags.get('namespace')).toBe('b');
    expect(parseFlags(['-n=c'], SPECS).flags.get('namespace')).toBe('c');
    expect(parseFlags(['-ojsonpath={.a}'], SPECS).flags.get('output')).toBe('jsonpath={.a}');
  });

  it('groups boolean shorthands', () => {
    const a = parseFlags(['-Aw'], SPECS);
    expect(a.flags.get('all-namespaces')).toBe(true);
    expect(a.flags.get('watch')).toBe(true);
  });

  it('parses booleans given with =false', () => {
    expect(parseFlags(['--watch=false'], SPECS).flags.get('watch')).toBe(false);
  });

  it('collects repeated string-array flags', () => {
    expect(parseFlags(['-f', 'a.yaml', '--filename=b.yaml'], SPECS).flags.get('filename')).toEqual([
      'a.yaml',
      'b.yaml',
    ]);
  });

  it('stops parsing flags after --', () => {
    expect(parseFlags(['run', '--', '-n', 'x'], SPECS).args).toEqual(['run', '-n', 'x']);
  });

  it('names an unknown long flag the way pflag does', () => {
    expect(() => parseFlags(['--foo'], SPECS)).toThrow(new FlagError('unknown flag: --foo'));
  });

  it('names an unknown shorthand the way pflag does', () => {
    expect(() => parseFlags(['-z'], SPECS)).toThrow("unknown shorthand flag: 'z' in -z");
  });

  it('reports a missing value', () => {
    expect(() => parseFlags(['-n'], SPECS)).toThrow("flag needs an argument: 'n' in -n");
    expect(() => parseFlags(['--output'], SPECS)).toThrow('flag needs an argument: --output');
  });

  it('reports a malformed integer', () => {
    expect(() => parseFlags(['--replicas=two'], SPECS)).toThrow(
      'invalid argument "two" for "--replicas" flag: strconv.ParseInt: parsing "two": invalid syntax',
    );
  });
});
