import { describe, expect, it } from 'vitest';
import { matchKeyPoints } from '../../src/study/index.ts';

const points = [
  { text: 'The scheduler assigns pods to nodes', match: ['scheduler', 'schedules'] },
  { text: 'kube-proxy programs Service rules', match: ['kube-proxy'] },
  { text: 'Desired state lives in etcd', match: ['etcd'] },
  { text: 'Controllers reconcile', match: ['reconciliation loop', 'reconcile'] },
];

describe('matchKeyPoints', () => {
  it('marks the key points a typed answer mentions, in order', () => {
    expect(matchKeyPoints(points, 'The Scheduler picks a node; state is kept in ETCD.')).toEqual([
      true,
      false,
      true,
      false,
    ]);
  });

  it('ignores case and accepts simple plural and -ing forms', () => {
    expect(matchKeyPoints(points, 'scheduling happens; controllers keep reconciling')).toEqual([
      true,
      false,
      false,
      true,
    ]);
  });

  it('treats hyphens, spaces and glued words alike', () => {
    expect(matchKeyPoints(points, 'kube proxy')[1]).toBe(true);
    expect(matchKeyPoints(points, 'KubeProxy')[1]).toBe(true);
    expect(matchKeyPoints(points, 'a reconciliation-loop')[3]).toBe(true);
  });

  it('matches whole words only', () => {
    expect(matchKeyPoints([{ text: 'pods', match: ['pod'] }], 'tripod and ipods')).toEqual([false]);
    expect(matchKeyPoints([{ text: 'etcd', match: ['etcd'] }], 'etcdctl')).toEqual([false]);
  });

  it('mentions nothing for an empty answer', () => {
    expect(matchKeyPoints(points, '   ')).toEqual([false, false, false, false]);
  });
});
