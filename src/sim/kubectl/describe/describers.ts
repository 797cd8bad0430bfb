// kubectl describe's printers, one chunk that browser workers load on first use (see lazy.ts).

export { describeNode } from './node.ts';
export { describePod } from './pod.ts';
export {
  describeConfigMap,
  describeDaemonSet,
  describeDeployment,
  describeGeneric,
  describeNamespace,
  describeReplicaSet,
  describeService,
} from './workloads.ts';
