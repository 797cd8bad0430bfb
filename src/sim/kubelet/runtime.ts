// containerd behind a small CRI: the image service (pulls take simulated time, known images only)
// and the runtime service (pod sandboxes with IPs from the node's pod CIDR, containers whose main
// process runs or exits according to its image and command). The kubelet is its only caller.

import type { Rand } from '../rand.ts';
import { lookupImage, processPlan, type Behaviour, type ImageRef, type ProcessPlan } from './images.ts';

export interface PullState {
  image: string;
  startedAt: number;
  doneAt: number;
  result: ReturnType<typeof lookupImage>;
}

export interface CriContainer {
  id: string;
  name: string;
  imageRef: string;
  imageID: string;
  createdAt: number;
  startedAt: number;
  /** When the process exits by itself; undefined = runs until stopped. */
  exitAt: number | undefined;
  exitCode: number;
  stoppedAt: number | undefined;
  plan: ProcessPlan;
  logs: string[];
}

export interface Sandbox {
  id: string;
  ip: string;
  createdAt: number;
}

export class Containerd {
  readonly version = 'containerd://1.7.15';
  readonly #rand: Rand;
  readonly #images = new Map<string, { digest: string; sizeBytes: number; behaviour: Behaviour }>();
  readonly #pulls = new Map<string, PullState>();
  readonly #sandboxes = new Map<string, Sandbox>();
  readonly #containers = new Map<string, CriContainer>();
  readonly #podSubnet: string;
  readonly #hostIP: string;
  #nextIP = 2;

  constructor(rand: Rand, podSubnet: string, hostIP: string) {
    this.#rand = rand;
    this.#podSubnet = podSubnet;
    this.#hostIP = hostIP;
  }

  #digest = (repo: string, tag: string): string => {
    let h = 0;
    for (const ch of `${repo}:${tag}`) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
    let s = '';
    for (let i = 0; i < 8; i++) s += ((h ^ Math.imul(i + 1, 0x9e3779b9)) >>> 0).toString(16).padStart(8, '0');
    return `${repo}@sha256:${s}`;
  };

  /** Pre-loads images (the node image ships the control-plane images). */
  preload(images: readonly string[]): void {
    for (const img of images) {
      const r = lookupImage(img, this.#digest);
      if (r.ok) this.#images.set(r.ref.full, { digest: r.digest, sizeBytes: r.sizeBytes, behaviour: r.behaviour });
    }
  }

  imagePresent(image: string): ImageRef | undefined {
    const r = lookupImage(image, this.#digest);
    return this.#images.has(r.ref.full) ? r.ref : undefined;
  }

  listImages(): { names: string[]; sizeBytes: number }[] {
    return [...this.#images].map(([full, i]) => ({ names: [i.digest, full], sizeBytes: i.sizeBytes }));
  }

  /**
   * PullImage. Concurrent pulls of one image share the transfer. Returns the pull in progress;
   * when `now >= doneAt` the caller collects the result with finishPull.
   */
  pullImage(image: string, now: number): PullState {
    const r = lookupImage(image, this.#digest);
    const existing = this.#pulls.get(r.ref.full);
    if (existing) return existing;
    let ms: number;
    if (!r.ok) ms = 600 + this.#rand.int(900);
    else if (this.#images.has(r.ref.full)) ms = 350 + this.#rand.int(600);
    else ms = Math.round(r.pullMs * (0.85 + this.#rand.next() * 0.3));
    const p: PullState = { image, startedAt: now, doneAt: now + ms, result: r };
    this.#pulls.set(r.ref.full, p);
    return p;
  }

  finishPull(p: PullState, now: number): void {
    if (now < p.doneAt) return;
    this.#pulls.delete(p.result.ref.full);
    if (p.result.ok)
      this.#images.set(p.result.ref.full, {
        digest: p.result.digest,
        sizeBytes: p.result.sizeBytes,
        behaviour: p.result.behaviour,
      });
  }

  runPodSandbox(hostNetwork: boolean, now: number): Sandbox {
    const ip = hostNetwork ? this.#hostIP : `${this.#podSubnet}.${this.#nextIP++}`;
    if (this.#nextIP > 254) this.#nextIP = 2;
    const sb: Sandbox = { id: this.#rand.hex(64), ip, createdAt: now };
    this.#sandboxes.set(sb.id, sb);
    return sb;
  }

  /** Re-attaches to a sandbox that kept running while the kubelet was away. */
  adoptSandbox(ip: string, now: number): Sandbox {
    const sb: Sandbox = { id: this.#rand.hex(64), ip, createdAt: now };
    this.#sandboxes.set(sb.id, sb);
    return sb;
  }

  /** Re-attaches to a running container (kubelet restart); its image is on the node. */
  adoptContainer(
    id: string,
    name: string,
    image: string,
    command: readonly string[] | undefined,
    args: readonly string[] | undefined,
    startedAt: number,
  ): CriContainer | undefined {
    const r = lookupImage(image, this.#digest);
    if (!r.ok) return undefined;
    this.#images.set(r.ref.full, { digest: r.digest, sizeBytes: r.sizeBytes, behaviour: r.behaviour });
    const plan = processPlan(r.behaviour, command, args);
    const c: CriContainer = {
      id,
      name,
      imageRef: r.ref.full,
      imageID: r.digest,
      createdAt: startedAt,
      startedAt,
      exitAt: plan.runsFor === undefined ? undefined : startedAt + plan.runsFor,
      exitCode: plan.exitCode,
      stoppedAt: undefined,
      plan,
      logs: [...plan.logs],
    };
    this.#containers.set(id, c);
    return c;
  }

  removePodSandbox(id: string): void {
    this.#sandboxes.delete(id);
  }

  createContainer(
    name: string,
    image: string,
    command: readonly string[] | undefined,
    args: readonly string[] | undefined,
    now: number,
  ): CriContainer | undefined {
    const ref = this.imagePresent(image);
    const img = ref ? this.#images.get(ref.full) : undefined;
    if (!ref || !img) return undefined;
    const c: CriContainer = {
      id: this.#rand.hex(64),
      name,
      imageRef: ref.full,
      imageID: img.digest,
      createdAt: now,
      startedAt: 0,
      exitAt: undefined,
      exitCode: 0,
      stoppedAt: undefined,
      plan: processPlan(img.behaviour, command, args),
      logs: [],
    };
    this.#containers.set(c.id, c);
    return c;
  }

  startContainer(c: CriContainer, now: number): void {
    c.startedAt = now;
    c.exitAt = c.plan.runsFor === undefined ? undefined : now + c.plan.runsFor;
    c.exitCode = c.plan.exitCode;
    c.logs.push(...c.plan.logs);
  }

  /** Whether the process has exited by `now`, and how. */
  exited(c: CriContainer, now: number): { at: number; code: number } | undefined {
    if (c.stoppedAt !== undefined) return { at: c.stoppedAt, code: c.exitCode };
    if (c.exitAt !== undefined && now >= c.exitAt) return { at: c.exitAt, code: c.exitCode };
    return undefined;
  }

  stopContainer(c: CriContainer, now: number, code = 0): void {
    if (this.exited(c, now)) return;
    c.stoppedAt = now;
    c.exitCode = code;
  }

  removeContainer(id: string): void {
    this.#containers.delete(id);
  }

  get containerCount(): number {
    return this.#containers.size;
  }

  /** Everything is gone (the node lost power). */
  reset(): void {
    this.#pulls.clear();
    this.#sandboxes.clear();
    this.#containers.clear();
  }
}
