// The simulated registry: images the container runtime can pull, with sizes, pull times and how
// their main process behaves. Anything else fails to pull like a real missing repository or tag.

export type Behaviour =
  /** Long-running server listening on these ports (HTTP on the first). */
  | { kind: 'server'; ports: readonly number[] }
  /** A shell-ish image: what happens depends on its command (see commandBehaviour). */
  | { kind: 'shell' };

interface Repo {
  tags: readonly string[];
  sizeBytes: number;
  pullMs: number;
  behaviour: Behaviour;
}

const K8S = 'registry.k8s.io';
const server = (...ports: number[]): Behaviour => ({ kind: 'server', ports });
const shell: Behaviour = { kind: 'shell' };

const REPOS: ReadonlyMap<string, Repo> = new Map<string, Repo>([
  [
    'docker.io/library/nginx',
    {
      tags: ['latest', '1.25', '1.26', '1.27', 'alpine', '1.25-alpine', '1.27-alpine', 'stable', 'mainline'],
      sizeBytes: 71026652,
      pullMs: 6512,
      behaviour: server(80),
    },
  ],
  [
    'docker.io/library/httpd',
    { tags: ['latest', '2.4', 'alpine'], sizeBytes: 58349311, pullMs: 5210, behaviour: server(80) },
  ],
  [
    'docker.io/library/redis',
    { tags: ['latest', '7', '7.2', '7.4', 'alpine'], sizeBytes: 45002711, pullMs: 4180, behaviour: server(6379) },
  ],
  [
    'docker.io/library/postgres',
    { tags: ['latest', '15', '16', '17'], sizeBytes: 158341225, pullMs: 12950, behaviour: server(5432) },
  ],
  [
    'docker.io/library/mysql',
    { tags: ['latest', '8.0', '8.4'], sizeBytes: 172617301, pullMs: 14020, behaviour: server(3306) },
  ],
  [
    'docker.io/library/busybox',
    { tags: ['latest', '1.36', '1.37', 'stable'], sizeBytes: 2167176, pullMs: 1120, behaviour: shell },
  ],
  [
    'docker.io/library/alpine',
    { tags: ['latest', '3.19', '3.20', '3.21'], sizeBytes: 3624160, pullMs: 1350, behaviour: shell },
  ],
  [
    'docker.io/library/ubuntu',
    { tags: ['latest', '22.04', '24.04'], sizeBytes: 29754421, pullMs: 3300, behaviour: shell },
  ],
  [
    'docker.io/library/python',
    { tags: ['latest', '3.12', '3.12-slim', '3.13'], sizeBytes: 48950135, pullMs: 5020, behaviour: shell },
  ],
  [
    'docker.io/library/node',
    { tags: ['latest', '20', '22', '20-alpine', '22-alpine'], sizeBytes: 52300112, pullMs: 5340, behaviour: shell },
  ],
  ['docker.io/traefik/whoami', { tags: ['latest', 'v1.10'], sizeBytes: 3201546, pullMs: 1410, behaviour: server(80) }],
  [
    'docker.io/hashicorp/http-echo',
    { tags: ['latest', '1.0'], sizeBytes: 3433125, pullMs: 1390, behaviour: server(5678) },
  ],
  ['docker.io/kindest/kindnetd', { tags: ['v20240513-cd2ac642'], sizeBytes: 27752356, pullMs: 0, behaviour: server() }],
  [
    'docker.io/kindest/local-path-provisioner',
    { tags: ['v20240513-b9bba138'], sizeBytes: 19408496, pullMs: 0, behaviour: server() },
  ],
  [`${K8S}/pause`, { tags: ['3.9'], sizeBytes: 321520, pullMs: 0, behaviour: server() }],
  [`${K8S}/etcd`, { tags: ['3.5.12-0'], sizeBytes: 57236178, pullMs: 0, behaviour: server(2379, 2380) }],
  [`${K8S}/kube-apiserver`, { tags: ['v1.30.0'], sizeBytes: 32663599, pullMs: 0, behaviour: server(6443) }],
  [`${K8S}/kube-controller-manager`, { tags: ['v1.30.0'], sizeBytes: 31030110, pullMs: 0, behaviour: server(10257) }],
  [`${K8S}/kube-scheduler`, { tags: ['v1.30.0'], sizeBytes: 19208660, pullMs: 0, behaviour: server(10259) }],
  [`${K8S}/kube-proxy`, { tags: ['v1.30.0'], sizeBytes: 29020473, pullMs: 0, behaviour: server(10256) }],
  [
    `${K8S}/coredns/coredns`,
    { tags: ['v1.11.1'], sizeBytes: 18182961, pullMs: 0, behaviour: server(53, 8080, 8181, 9153) },
  ],
]);

export interface ImageRef {
  /** Fully qualified "docker.io/library/nginx:latest". */
  full: string;
  repo: string;
  tag: string;
}

/** Docker reference normalisation: "nginx" -> docker.io/library/nginx:latest. */
export function normalizeImage(image: string): ImageRef {
  let name = image.trim();
  let tag = 'latest';
  const at = name.indexOf('@');
  if (at >= 0) {
    tag = name.slice(at + 1);
    name = name.slice(0, at);
  } else {
    const slash = name.lastIndexOf('/');
    const colon = name.lastIndexOf(':');
    if (colon > slash) {
      tag = name.slice(colon + 1);
      name = name.slice(0, colon);
    }
  }
  const first = name.split('/')[0] ?? '';
  if (!name.includes('/')) name = `docker.io/library/${name}`;
  else if (!first.includes('.') && !first.includes(':') && first !== 'localhost') name = `docker.io/${name}`;
  const sep = tag.startsWith('sha256:') ? '@' : ':';
  // join() keeps the name flat (a template literal this long would be a rope).
  return { full: [name, sep, tag].join(''), repo: name, tag };
}

export type PullResult =
  | { ok: true; ref: ImageRef; sizeBytes: number; pullMs: number; behaviour: Behaviour; digest: string }
  | { ok: false; ref: ImageRef; code: 'NotFound' | 'Unknown'; error: string };

/** The content digest the simulated registry serves for repo:tag, "<repo>@sha256:<64 hex>". */
export function imageDigest(repo: string, tag: string): string {
  let h = 0;
  for (const ch of `${repo}:${tag}`) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
  const parts = [repo, '@sha256:'];
  for (let i = 0; i < 8; i++) parts.push(((h ^ Math.imul(i + 1, 0x9e3779b9)) >>> 0).toString(16).padStart(8, '0'));
  // join() gives one flat string: every container's status and the node's image list keep it.
  return parts.join('');
}

/**
 * Lookups by image name, as the runtime asks for the same few images for every container. The
 * results are frozen and shared (their strings end up in thousands of pod statuses).
 */
const lookups = new Map<string, PullResult>();

export function lookupImage(image: string): PullResult {
  let r = lookups.get(image);
  if (!r) {
    if (lookups.size >= 1000) lookups.clear();
    r = Object.freeze(resolveImage(image));
    lookups.set(image, r);
  }
  return r;
}

function resolveImage(image: string): PullResult {
  const ref = Object.freeze(normalizeImage(image));
  const repo = REPOS.get(ref.repo);
  const full = ref.full;
  if (!repo) {
    return {
      ok: false,
      ref,
      code: 'Unknown',
      error: `failed to pull and unpack image "${full}": failed to resolve reference "${full}": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`,
    };
  }
  if (!repo.tags.includes(ref.tag) && !ref.tag.startsWith('sha256:')) {
    return {
      ok: false,
      ref,
      code: 'NotFound',
      error: `failed to pull and unpack image "${full}": failed to resolve reference "${full}": ${full}: not found`,
    };
  }
  return {
    ok: true,
    ref,
    sizeBytes: repo.sizeBytes,
    pullMs: repo.pullMs,
    behaviour: repo.behaviour,
    digest: imageDigest(ref.repo, ref.tag),
  };
}

export interface ProcessPlan {
  /** Milliseconds the main process runs before exiting; undefined = runs until stopped. */
  runsFor: number | undefined;
  exitCode: number;
  /** Ports it listens on. */
  ports: readonly number[];
  logs: readonly string[];
}

/** Plans by behaviour and command line: containers of one template share one frozen plan. */
const plans = new Map<Behaviour, Map<string, ProcessPlan>>();

/**
 * command and args as one line, joined by spaces and trimmed. Joined with join() calls, not an
 * array spread: the spread's inlined iteration checks each array's map and deoptimised its caller
 * when pods with frozen and unfrozen argument arrays met.
 */
function commandLine(command: readonly string[] | undefined, args: readonly string[] | undefined): string {
  const c = command !== undefined && command.length > 0 ? command.join(' ') : undefined;
  const a = args !== undefined && args.length > 0 ? args.join(' ') : undefined;
  if (c === undefined) return a === undefined ? '' : a.trim();
  return (a === undefined ? c : `${c} ${a}`).trim();
}

/** What a container's command does, for shell images and for overridden server commands. */
export function processPlan(
  behaviour: Behaviour,
  command: readonly string[] | undefined,
  args: readonly string[] | undefined,
): ProcessPlan {
  const words = commandLine(command, args);
  let byWords = plans.get(behaviour);
  if (!byWords) {
    byWords = new Map();
    plans.set(behaviour, byWords);
  }
  let plan = byWords.get(words);
  if (!plan) {
    if (byWords.size >= 1000) byWords.clear();
    const p = planFor(behaviour, words);
    plan = Object.freeze({ ...p, ports: Object.freeze(p.ports), logs: Object.freeze(p.logs) });
    byWords.set(words, plan);
  }
  return plan;
}

function planFor(behaviour: Behaviour, words: string): ProcessPlan {
  // An echo's words run to the next command separator, as the shell would print them.
  const echo = [...words.matchAll(/echo\s+(?:"([^"]*)"|'([^']*)'|([^;&|\n]+))/g)].map(
    (m) => m[1] ?? m[2] ?? (m[3] ?? '').trim().replace(/\s+/g, ' '),
  );
  const exit = /\bexit\s+(\d+)/.exec(words);
  const sleep = /\bsleep\s+(\d+|infinity)/.exec(words);
  if (behaviour.kind === 'server' && words === '')
    return { runsFor: undefined, exitCode: 0, ports: behaviour.ports, logs: [] };
  if (/while\s+true|tail\s+-f|sleep\s+infinity/.test(words))
    return { runsFor: undefined, exitCode: 0, ports: [], logs: echo };
  if (sleep?.[1] && sleep[1] !== 'infinity')
    return { runsFor: Number(sleep[1]) * 1000, exitCode: exit ? Number(exit[1]) : 0, ports: [], logs: echo };
  if (exit) return { runsFor: 0, exitCode: Number(exit[1]), ports: [], logs: echo };
  if (/(^|\s|;)false(\s|;|$)/.test(words)) return { runsFor: 0, exitCode: 1, ports: [], logs: echo };
  if (behaviour.kind === 'server') return { runsFor: undefined, exitCode: 0, ports: behaviour.ports, logs: echo };
  return { runsFor: 0, exitCode: 0, ports: [], logs: echo };
}
