// Public API of the labs engine: lab sessions, goal checks that wait for the cluster to settle,
// predictions judged by the simulation's own events, and sim-backed verification of deck content.

export {
  runLabSetup,
  checkLab,
  runCommands,
  labClusters,
  type LabRun,
  type LabOptions,
  type LabCheckResult,
} from './lab.ts';
export { runPrediction, type PredictionResult } from './prediction.ts';
export { verifyQuiz, verifyLab, DEFAULT_VERIFY_SETUP, type VerifyProblem } from './verify.ts';
export { evaluateCheck, describeCheck, eventMatches, type CheckResult, type CheckContext } from './checks.ts';
export { SETTLE_MS, HOLD_MS, SAMPLE_MS, settleAndHold } from './settle.ts';
