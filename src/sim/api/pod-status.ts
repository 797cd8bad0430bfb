// What kubectl shows of a pod's progress through its init containers, shared by the server-side
// table (STATUS column) and the sandbox's live picture.

import type { ContainerStatus, Pod } from './types.ts';

/**
 * While an init container has not completed, where initialization stands, as printPod says it:
 * the first such one's Init:<reason> (or Init:ExitCode:<n>), or Init:<completed>/<all>. Undefined
 * once every one exited with 0, or when the pod has none.
 */
export function initReason(pod: Pod): string | undefined {
  const inits: readonly ContainerStatus[] = pod.status?.initContainerStatuses ?? [];
  for (let i = 0; i < inits.length; i++) {
    const c = inits[i] as ContainerStatus;
    const term = c.state.terminated;
    if (term && term.exitCode === 0) continue;
    const waiting = c.state.waiting?.reason;
    if (term) return term.reason ? `Init:${term.reason}` : `Init:ExitCode:${term.exitCode}`;
    if (waiting && waiting !== 'PodInitializing') return `Init:${waiting}`;
    return `Init:${i}/${pod.spec?.initContainers?.length ?? inits.length}`;
  }
  return undefined;
}
