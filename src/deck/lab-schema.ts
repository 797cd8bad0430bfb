// The declarative parts of lab cards and quiz `verify` scenarios: terminal commands plus a small,
// closed set of checks that src/sim/labs evaluates against the simulated cluster after it has
// settled. Kept apart from schema.ts so instructors can read the whole check vocabulary here.

import { z } from 'zod';

const text = z.string().trim().min(1);
const name = z.string().trim().min(1);
const namespace = z.string().trim().min(1).optional().describe('Namespace (default "default")');
const count = z.int().min(0);

export const POD_PHASES = ['Pending', 'Running', 'Succeeded', 'Failed'] as const;

const command = text.describe('One terminal line (a here-document may span several lines)');
export const commandsSchema = z.array(command);

const deploymentCheck = z.strictObject({
  deployment: name.describe('Deployment name'),
  namespace,
  exists: z.boolean().optional().describe('false: the Deployment must be gone'),
  replicas: count.optional().describe('spec.replicas'),
  readyReplicas: count.optional().describe('status.readyReplicas (missing counts as 0)'),
  image: name.optional().describe('Every container of the pod template uses this image'),
  complete: z.boolean().optional().describe('The rollout finished: every replica updated and available'),
});

const podsCheck = z.strictObject({
  pods: z.string().describe('Label selector, e.g. "app=web" ("" selects every pod)'),
  namespace,
  phase: z.enum(POD_PHASES).optional(),
  status: name.optional().describe('The STATUS column of `kubectl get pods`, e.g. Running, ImagePullBackOff'),
  ready: z.boolean().optional().describe('Every container ready'),
  count: count
    .optional()
    .describe('Exactly this many selected pods meet the conditions (default: at least one pod, and all of them do)'),
});

const podCheck = z.strictObject({
  pod: name.describe('Pod name'),
  namespace,
  exists: z.boolean().optional(),
  phase: z.enum(POD_PHASES).optional(),
  status: name.optional(),
  ready: z.boolean().optional(),
});

const nodeCheck = z.strictObject({
  node: name.describe('Node name, or "*" for every node'),
  ready: z.boolean(),
});

const componentCheck = z.strictObject({
  component: z.enum(['etcd', 'kube-apiserver', 'kube-scheduler', 'kube-controller-manager']),
  running: z.boolean(),
});

export const eventMatchSchema = z.strictObject({
  reason: name.optional().describe('Event reason, e.g. SuccessfulCreate'),
  source: name.optional().describe('Reporting component, e.g. replicaset-controller, default-scheduler, kubelet'),
  kind: name.optional().describe('Kind of the involved object, e.g. Pod, ReplicaSet, Node'),
  name: name.optional().describe('Involved object name, or its prefix when it ends with "*"'),
  type: z.enum(['Normal', 'Warning']).optional(),
});

const eventCheck = z.strictObject({
  event: eventMatchSchema,
  namespace: namespace.describe('Only events in this namespace (default: all namespaces)'),
  present: z.boolean().optional().describe('false: no such event may exist (default true)'),
});

const outputCheck = z.strictObject({
  output: z.strictObject({
    command: command,
    contains: z.string().optional().describe('The output (stdout and stderr) contains this text'),
    notContains: z.string().optional().describe('The output does not contain this text'),
    exitCode: z.int().optional(),
  }),
});

export const checkSchema = z.union([
  deploymentCheck,
  podsCheck,
  podCheck,
  nodeCheck,
  componentCheck,
  eventCheck,
  outputCheck,
]);

/** The key that names each kind of check, with its schema (for precise validation messages). */
export const CHECK_KINDS = {
  deployment: deploymentCheck,
  pods: podsCheck,
  pod: podCheck,
  node: nodeCheck,
  component: componentCheck,
  event: eventCheck,
  output: outputCheck,
} as const;

/** The schema of the check `raw` looks like (by its naming key), or null if none. */
export function checkSchemaFor(raw: unknown): z.ZodType | null {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const key = Object.keys(CHECK_KINDS).find((k) => k in raw);
  return key ? CHECK_KINDS[key as keyof typeof CHECK_KINDS] : null;
}

export const predictionSchema = z.strictObject({
  question: text,
  choices: z.array(text).min(2).max(6),
  answer: z.int().describe('Index (from 0) of what the simulation will do'),
  scenario: commandsSchema.min(1).describe('Commands run after the learner has predicted'),
  expect: z
    .array(checkSchema.nullable())
    .describe(
      'One check per choice, in order: the keyed choice must hold after the scenario and the others must not (null: not decidable by the simulation). Event checks only see events the scenario caused.',
    ),
});

export const quizVerifySchema = z.strictObject({
  setup: commandsSchema.optional().describe('Commands run first (default: `kind create cluster --name verify`)'),
  scenario: commandsSchema.min(1).describe('Commands whose effect decides the question'),
  expect: z
    .array(checkSchema.nullable())
    .describe('One check per choice: exactly the keyed choices must hold (null: choice not decided by the simulation)'),
});

export const labFields = {
  title: text,
  goal: text.describe('What the learner must reach in the terminal'),
  setup: commandsSchema.describe('Commands run before the learner starts'),
  profile: z
    .enum(['kind', 'managed'])
    .optional()
    .describe('Clusters the setup creates: kind (default) or managed (a cloud cluster whose control plane is hidden)'),
  checks: z.array(checkSchema).optional().describe('All must hold once the cluster has settled'),
  prediction: predictionSchema.optional(),
  hints: z.array(text).optional(),
  solution: commandsSchema.optional().describe('Commands that reach the goal (shown on "Show solution")'),
  explanation: text,
};

export type LabCheck = z.infer<typeof checkSchema>;
export type EventMatch = z.infer<typeof eventMatchSchema>;
export type LabPrediction = z.infer<typeof predictionSchema>;
export type QuizVerify = z.infer<typeof quizVerifySchema>;
