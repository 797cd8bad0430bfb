// How long a check lets the simulated cluster run before judging it. A state counts only if it
// holds once the control plane has settled and keeps holding for a while: a pod that is Running
// for a moment before it crashes, or a node still marked Ready the second its kubelet died, must
// not pass.

import type { Session } from '../shell/index.ts';

/** Simulated time let pass before the first look. */
export const SETTLE_MS = 60_000;
/** Then the state is sampled every SAMPLE_MS for HOLD_MS; every sample must pass. */
export const HOLD_MS = 60_000;
export const SAMPLE_MS = 10_000;

/** Settles `session`, then calls `sample` at each sampling point; stops at the first false. */
export function settleAndHold(session: Session, sample: () => boolean): boolean {
  session.advance(SETTLE_MS);
  if (!sample()) return false;
  for (let t = 0; t < HOLD_MS; t += SAMPLE_MS) {
    session.advance(SAMPLE_MS);
    if (!sample()) return false;
  }
  return true;
}
