import { describe, expect, it } from 'vitest';
import { toYaml, humanDuration } from '../../../src/sim/kubectl/index.ts';
import { jsonpath } from '../../../src/sim/kubectl/printers/jsonpath.ts';
import { parseOutput, printObjects } from '../../../src/sim/kubectl/printers/format.ts';
import { sortOrder } from '../../../src/sim/kubectl/printers/sort.ts';
import { resolveResource, type ResourceInfo } from '../../../src/sim/kubectl/resources.ts';
import { parseGoDuration } from '../../../src/sim/api/duration.ts';

const PODS = resolveResource('po') as ResourceInfo;
const list = {
  items: [
    {
      metadata: { name: 'a', labels: { app: 'web' } },
      status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] },
    },
    { metadata: { name: 'b' }, status: { phase: 'Pending', conditions: [{ type: 'Ready', status: 'False' }] } },
  ],
};

describe('jsonpath output', () => {
  it('joins wildcard results with spaces', () => {
    expect(jsonpath('{.items[*].metadata.name}', list)).toBe('a b');
  });

  it('ranges over items with literal text', () => {
    expect(jsonpath('{range .items[*]}{.metadata.name}{"\\t"}{.status.phase}{"\\n"}{end}', list)).toBe(
      'a\tRunning\nb\tPending\n',
    );
  });

  it('filters with ?() and indexes', () => {
    expect(jsonpath('{.items[?(@.status.phase=="Pending")].metadata.name}', list)).toBe('b');
    expect(jsonpath('{.items[0].status.conditions[0].status}', list)).toBe('True');
    expect(jsonpath('{.items[-1:].metadata.name}', list)).toBe('b');
  });

  it('prints maps as JSON and missing keys as nothing', () => {
    expect(jsonpath('{.items[0].metadata.labels}', list)).toBe('{"app":"web"}');
    expect(jsonpath('{.items[0].metadata.nope}', list)).toBe('');
  });

  it('rejects an unclosed template the way kubectl reports it', () => {
    expect(() => parseOutput('jsonpath={.items[}')).toThrow(
      'error parsing jsonpath {.items[}, unclosed array expect ]',
    );
    expect(() => parseOutput('jsonpath={.items')).toThrow('error parsing jsonpath {.items, unclosed action');
  });
});

describe('output formats', () => {
  it('prints yaml with sorted keys, unindented sequences and quoted timestamps', () => {
    expect(
      toYaml({
        kind: 'Pod',
        apiVersion: 'v1',
        metadata: { name: 'x', creationTimestamp: '2024-05-20T10:00:00Z' },
        spec: { containers: [{ name: 'c', image: 'nginx' }] },
      }),
    ).toBe(
      'apiVersion: v1\nkind: Pod\nmetadata:\n  creationTimestamp: "2024-05-20T10:00:00Z"\n  name: x\nspec:\n  containers:\n  - image: nginx\n    name: c\n',
    );
  });

  it('wraps several objects in a List', () => {
    const out = printObjects(
      { kind: 'yaml' },
      list.items.map((obj) => ({ res: PODS, obj })),
      true,
    );
    expect(out.startsWith('apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Pod\n')).toBe(true);
    expect(out.endsWith('kind: List\nmetadata:\n  resourceVersion: ""\n')).toBe(true);
  });

  it('prints names with the kind prefix', () => {
    expect(
      printObjects(
        { kind: 'name' },
        list.items.map((obj) => ({ res: PODS, obj })),
      ),
    ).toBe('pod/a\npod/b\n');
  });

  it('names every allowed format when an unknown one is asked for', () => {
    expect(() => parseOutput('xml')).toThrow(
      'unable to match a printer suitable for the output format "xml", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml',
    );
  });

  it('prints custom columns', () => {
    const out = printObjects(
      parseOutput('custom-columns=NAME:.metadata.name,PHASE:.status.phase'),
      list.items.map((obj) => ({ res: PODS, obj })),
    );
    expect(out).toBe('NAME   PHASE\na      Running\nb      Pending\n');
  });
});

describe('sorting', () => {
  it('sorts by a path with missing values first and numbers in natural order', () => {
    const objs = [{ t: '2024-05-20T10:00:10Z' }, {}, { t: '2024-05-20T10:00:02Z' }];
    expect(sortOrder(objs, '.t')).toEqual([1, 2, 0]);
    expect(sortOrder([{ n: 'pod-10' }, { n: 'pod-9' }], '{.n}')).toEqual([1, 0]);
  });
});

describe('AGE format', () => {
  it('follows apimachinery HumanDuration', () => {
    const s = 1000;
    expect(
      [
        0,
        119 * s,
        150 * s,
        545 * s,
        600 * s,
        179 * 60 * s,
        185 * 60 * s,
        47 * 3600 * s,
        53 * 3600 * s,
        400 * 86400 * s,
      ].map(humanDuration),
    ).toEqual(['0s', '119s', '2m30s', '9m5s', '10m', '179m', '3h5m', '47h', '2d5h', '400d']);
  });
});

describe("Go's time.ParseDuration, for --timeout and kind's --wait", () => {
  it('reads what Go reads and rejects the rest', () => {
    expect(parseGoDuration('30s')).toBe(30_000);
    expect(parseGoDuration('1m30s')).toBe(90_000);
    expect(parseGoDuration('1.5h')).toBe(5_400_000);
    expect(parseGoDuration('500ms')).toBe(500);
    expect(parseGoDuration('-1s')).toBe(-1000);
    expect(parseGoDuration('0')).toBe(0);
    for (const bad of ['', '30', 'soon', '1x', 's', '1s2']) expect(parseGoDuration(bad), bad).toBeUndefined();
  });
});
