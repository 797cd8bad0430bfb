import { describe, expect, it } from 'vitest';
import {
  humanDuration,
  parseLabelSelector,
  matchesSelector,
  parseFieldSelector,
  matchesFields,
  restoreCluster,
  type ClusterState,
} from '../../src/sim/index.ts';
import { createDeployment, kind, pods } from './helpers.ts';

describe('serialising the sandbox', () => {
  it('restores a cluster from JSON with the same objects, time and faults, without restarting running pods', () => {
    const c = kind();
    createDeployment(c, 'web', 'nginx', 2);
    c.settle();
    c.faults.stop('kube-scheduler');
    const json = JSON.stringify(c.serialize());
    const r = restoreCluster(JSON.parse(json) as ClusterState);
    expect(r.clock.now()).toBe(c.clock.now());
    const mark = r.api.requestLog.mark();
    r.settle();
    expect(
      pods(r, 'app=web').map((p) => [p.metadata.name, p.status?.phase, p.status?.containerStatuses?.[0]?.restartCount]),
    ).toEqual(pods(c, 'app=web').map((p) => [p.metadata.name, 'Running', 0]));
    const podEvents = (x: typeof c): number =>
      x.events().filter((e) => e.involvedObject.kind === 'Pod' && e.involvedObject.name?.startsWith('web-')).length;
    expect(podEvents(r)).toBe(podEvents(c));
    expect(
      r.api.requestLog
        .since(mark)
        .filter(
          (x) =>
            x.resource === 'pods' &&
            x.name?.startsWith('web-') &&
            x.verb !== 'get' &&
            x.verb !== 'list' &&
            x.verb !== 'watch',
        ),
    ).toHaveLength(0);
    expect(r.components().find((x) => x.name === 'kube-scheduler')?.running).toBe(false);
  });
});

describe('helpers exported for kubectl', () => {
  it('formats ages like kubectl (HumanDuration)', () => {
    const s = 1000;
    expect(
      [
        -2 * s,
        -500,
        0,
        119 * s,
        120 * s,
        150 * s,
        545 * s,
        600 * s,
        179 * 60 * s,
        185 * 60 * s,
        7 * 3600 * s,
        8 * 3600 * s,
        47 * 3600 * s,
        53 * 3600 * s,
        8 * 86400 * s,
        400 * 86400 * s,
        3 * 365 * 86400 * s,
      ].map(humanDuration),
    ).toEqual([
      '<invalid>',
      '0s',
      '0s',
      '119s',
      '2m',
      '2m30s',
      '9m5s',
      '10m',
      '179m',
      '3h5m',
      '7h',
      '8h',
      '47h',
      '2d5h',
      '8d',
      '400d',
      '3y',
    ]);
  });

  it('parses equality and set-based label selectors and the field selectors kubectl uses', () => {
    const sel = parseLabelSelector('app=web,tier in (front,back),!legacy,env!=prod');
    expect(matchesSelector(sel, { app: 'web', tier: 'front' })).toBe(true);
    expect(matchesSelector(sel, { app: 'web', tier: 'db' })).toBe(false);
    expect(matchesSelector(sel, { app: 'web', tier: 'back', legacy: 'y' })).toBe(false);
    expect(() => parseLabelSelector('app in (a,b')).toThrow();
    const fs = parseFieldSelector('status.phase=Running,spec.nodeName!=n1');
    expect(matchesFields(fs, { status: { phase: 'Running' }, spec: { nodeName: 'n2' } })).toBe(true);
    expect(matchesFields(fs, { status: { phase: 'Running' }, spec: { nodeName: 'n1' } })).toBe(false);
  });
});
