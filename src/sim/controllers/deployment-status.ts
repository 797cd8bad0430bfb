// Deployment status: counts summed over its ReplicaSets and the Available/Progressing conditions
// with the real reasons and messages.

import type { Condition, Deployment, DeploymentStatus, ReplicaSet } from '../api/types.ts';
import { getCondition } from '../api/meta.ts';
import { parseTime } from '../clock.ts';
import { surgeAndUnavailable, sumStatus } from './deployment-util.ts';

// Messages are built with join(): a flat string, where a template literal makes a rope that the
// stored status would keep (or, once compared, keep together with its flattened copy).
function cond(
  prev: readonly Condition[] | undefined,
  type: string,
  status: 'True' | 'False',
  reason: string,
  message: string,
  nowIso: string,
): Condition {
  const old = getCondition(prev, type);
  const same = old && old.status === status && old.reason === reason && old.message === message;
  return {
    type,
    status,
    lastUpdateTime: same ? (old.lastUpdateTime ?? nowIso) : nowIso,
    lastTransitionTime: old && old.status === status ? (old.lastTransitionTime ?? nowIso) : nowIso,
    reason,
    message,
  };
}

export function computeStatus(
  d: Deployment,
  all: readonly ReplicaSet[],
  newRS: ReplicaSet | undefined,
  now: number,
  nowIso: string,
  createdNew: boolean,
): DeploymentStatus {
  const desired = d.spec.replicas ?? 1;
  const available = sumStatus(all, 'availableReplicas');
  const updated = newRS?.status?.replicas ?? 0;
  const total = sumStatus(all, 'replicas');
  const prev = d.status?.conditions;
  const { unavailable } = surgeAndUnavailable(d);
  const minAvailable = desired - (d.spec.strategy?.type === 'Recreate' ? 0 : unavailable);
  const availableCond =
    available >= minAvailable
      ? cond(prev, 'Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.', nowIso)
      : cond(
          prev,
          'Available',
          'False',
          'MinimumReplicasUnavailable',
          'Deployment does not have minimum availability.',
          nowIso,
        );
  const rsName = newRS?.metadata.name ?? '';
  const complete =
    newRS !== undefined &&
    updated === desired &&
    (newRS.status?.availableReplicas ?? 0) === desired &&
    total === desired;
  let progressing: Condition;
  const oldProg = getCondition(prev, 'Progressing');
  if (complete)
    progressing = cond(
      prev,
      'Progressing',
      'True',
      'NewReplicaSetAvailable',
      ['ReplicaSet "', rsName, '" has successfully progressed.'].join(''),
      nowIso,
    );
  else if (createdNew)
    progressing = cond(
      prev,
      'Progressing',
      'True',
      'NewReplicaSetCreated',
      ['Created new replica set "', rsName, '"'].join(''),
      nowIso,
    );
  else if (oldProg?.reason === 'ProgressDeadlineExceeded') progressing = oldProg;
  else {
    const deadline = (d.spec.progressDeadlineSeconds ?? 600) * 1000;
    const last = parseTime(oldProg?.lastUpdateTime) ?? now;
    const progressed =
      d.status?.updatedReplicas !== updated ||
      d.status?.availableReplicas !== available ||
      d.status?.replicas !== total;
    if (!progressed && now - last > deadline)
      progressing = cond(
        prev,
        'Progressing',
        'False',
        'ProgressDeadlineExceeded',
        ['ReplicaSet "', rsName, '" has timed out progressing.'].join(''),
        nowIso,
      );
    else {
      progressing = cond(
        prev,
        'Progressing',
        'True',
        'ReplicaSetUpdated',
        ['ReplicaSet "', rsName, '" is progressing.'].join(''),
        nowIso,
      );
      if (progressed) progressing.lastUpdateTime = nowIso;
    }
  }
  const status: DeploymentStatus = {
    observedGeneration: d.metadata.generation ?? 1,
    replicas: total,
    updatedReplicas: updated,
    readyReplicas: sumStatus(all, 'readyReplicas'),
    availableReplicas: available,
    conditions: [availableCond, progressing],
  };
  const unavail = Math.max(0, desired - available);
  if (unavail > 0) status.unavailableReplicas = unavail;
  if (d.status?.collisionCount) status.collisionCount = d.status.collisionCount;
  return status;
}

export function statusEqual(a: DeploymentStatus | undefined, b: DeploymentStatus): boolean {
  if (!a) return false;
  const ca = a.conditions ?? [];
  const cb = b.conditions ?? [];
  return (
    a.observedGeneration === b.observedGeneration &&
    a.replicas === b.replicas &&
    a.updatedReplicas === b.updatedReplicas &&
    a.readyReplicas === b.readyReplicas &&
    a.availableReplicas === b.availableReplicas &&
    a.unavailableReplicas === b.unavailableReplicas &&
    ca.length === cb.length &&
    ca.every((c, i) => {
      const o = cb[i];
      return (
        o !== undefined &&
        c.type === o.type &&
        c.status === o.status &&
        c.reason === o.reason &&
        c.message === o.message &&
        c.lastUpdateTime === o.lastUpdateTime
      );
    })
  );
}
