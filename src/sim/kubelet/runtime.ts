// containerd behind a small CRI: the image service (pulls take simulated time, known images only)
// and the runtime service (pod sandboxes with IPs from the node's pod CIDR, containers whose main
// process runs or exits according to its image and command). The kubelet is its only caller.

import type { Rand } from '../rand.ts';
import { lookupImage, processPlan, type ImageRef, type ProcessPlan, type PullResult } from './images.ts';

export interface PullState {
  image: string;
  startedAt: number;
  doneAt: number;
  result: PullResult;
}

/** An image in the node's store: the registry's (shared, frozen) answer for it. */
type StoredImage = Extract<PullResult, { ok: true }>;

/** How a container's process ended when it was stopped. */
interface Stopped {
  readonly at: number;
  readonly code: number;
}

/** What containers of one image running one command share: the image's id and the process plan. */
export interface CriKind {
  readonly imageID: string;
  readonly plan: ProcessPlan;
}

/** Frozen kinds by plan (plans are pooled, see processPlan) and image id. */
const kinds = new WeakMap<ProcessPlan, Map<string, CriKind>>();

function kindOf(imageID: string, plan: ProcessPlan): CriKind {
  let byImage = kinds.get(plan);
  if (!byImage) {
    byImage = new Map();
    kinds.set(plan, byImage);
  }
  let k = byImage.get(imageID);
  if (!k) {
    k = Object.freeze({ imageID, plan });
    byImage.set(imageID, k);
  }
  return k;
}

/**
 * A container in the runtime, kept in the fields of its container worker (one per pod: a separate
 * object would cost 48 bytes and an allocation per pod). Only what cannot be derived is kept: when
 * it exits by itself and with what code follow from its start and its plan; its image id and plan
 * are shared with the containers of the same image and command. `criKind` is undefined until the
 * runtime created it.
 */
export interface CriContainer {
  /** "containerd://<64 hex digits>", as the pod status names it ('' before the first create). */
  containerID: string;
  criKind: CriKind | undefined;
  startedAt: number;
}

/** How containers were stopped before their process exited by itself (rare: kept aside). */
const stops = new WeakMap<CriContainer, Stopped>();

/** When the process of a created container exits by itself; undefined = runs until stopped. */
export function exitAt(c: CriContainer): number | undefined {
  const runsFor = (c.criKind as CriKind).plan.runsFor;
  return runsFor === undefined ? undefined : c.startedAt + runsFor;
}

const CONTAINERD = 'containerd://';
/** Scratch for building container ids (one for all runtimes): the prefix, then a code per digit. */
const idCodes: number[] = Array.from(CONTAINERD, (ch) => ch.charCodeAt(0));

type NodeImage = Readonly<{ names: readonly string[]; sizeBytes: number }>;

const nodeImages = new WeakMap<StoredImage, NodeImage>();

function nodeImage(i: StoredImage): NodeImage {
  let v = nodeImages.get(i);
  if (!v) {
    v = Object.freeze({ names: Object.freeze([i.digest, i.ref.full]), sizeBytes: i.sizeBytes });
    nodeImages.set(i, v);
  }
  return v;
}

/** Frozen image lists, by their entries in order (a trie on entry identity). */
interface ListNode {
  list: NodeImage[] | undefined;
  readonly next: Map<NodeImage, ListNode>;
}
let listRoot: ListNode = { list: undefined, next: new Map() };
let listNodes = 0;

/**
 * One frozen list per distinct image list: nodes with the same images (every kind node starts
 * with the same ones) report, and store, one shared list instead of a new array per status write.
 */
function sharedList(items: NodeImage[]): NodeImage[] {
  if (listNodes >= 10_000) {
    listRoot = { list: undefined, next: new Map() };
    listNodes = 0;
  }
  let n = listRoot;
  for (let i = 0; i < items.length; i++) {
    const it = items[i] as NodeImage;
    let c = n.next.get(it);
    if (!c) {
      c = { list: undefined, next: new Map() };
      n.next.set(it, c);
      listNodes++;
    }
    n = c;
  }
  return (n.list ??= Object.freeze(items) as NodeImage[]);
}

/** The image store of a node that preloaded a list, by the list: kept while it is the list. */
interface Preloaded {
  readonly names: readonly string[];
  readonly images: Map<string, StoredImage>;
}
const preloads = new WeakMap<readonly string[], Preloaded>();
/** The store of a runtime that has no image yet (shared, like a preloaded one: never written to). */
const NO_IMAGES = new Map<string, StoredImage>();

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export class Containerd {
  readonly version = 'containerd://1.7.15';
  readonly #rand: Rand;
  /**
   * The image store. Every node of a cluster preloads the same images and most never pull another:
   * they share one store (#sharedImages) until their first change, which copies it (copy on write).
   */
  #images = NO_IMAGES;
  #sharedImages = true;
  /** listImages()' answer until #images changes (#setImage drops it). */
  #imageList: NodeImage[] | undefined;
  /** Pulls in progress by image; made with the first pull (most nodes only use preloaded images). */
  #pulls: Map<string, PullState> | undefined;
  // No tables of sandboxes and containers: nothing here lists them (no `crictl pods`/`crictl ps`),
  // and each one lives in its pod or container worker, so maps of them would only cost two entries
  // per pod.
  readonly #podSubnet: string;
  readonly #hostIP: string;
  #nextIP = 2;

  constructor(rand: Rand, podSubnet: string, hostIP: string) {
    this.#rand = rand;
    this.#podSubnet = podSubnet;
    this.#hostIP = hostIP;
  }

  /**
   * "containerd://" and a new 64-hex-digit id, drawn digit by digit as Rand.hex(64) draws them,
   * built as one flat string (every running container's status keeps it).
   */
  #newContainerID(): string {
    const codes = idCodes;
    this.#rand.hexCodes(codes, CONTAINERD.length, 64);
    return String.fromCharCode.apply(null, codes);
  }

  /** The node's address (a host-network sandbox's IP). */
  get hostIP(): string {
    return this.#hostIP;
  }

  /** Pre-loads images (the node image ships the control-plane images). */
  preload(images: readonly string[]): void {
    const fresh = this.#images === NO_IMAGES;
    if (fresh) {
      const p = preloads.get(images);
      if (p && sameNames(p.names, images)) {
        this.#images = p.images;
        this.#imageList = undefined;
        return;
      }
    }
    for (const img of images) {
      const r = lookupImage(img);
      if (r.ok) this.#setImage(r);
    }
    // What a fresh runtime holds after this list: kept for the next runtimes to share.
    if (fresh) preloads.set(images, { names: [...images], images: new Map(this.#images) });
  }

  imagePresent(image: string): ImageRef | undefined {
    const r = lookupImage(image);
    return this.#images.has(r.ref.full) ? r.ref : undefined;
  }

  /** The image list a node reports; each entry is shared (frozen) by every node that has the image. */
  listImages(): NodeImage[] {
    if (this.#imageList) return this.#imageList;
    const out = new Array<NodeImage>(this.#images.size);
    let n = 0;
    for (const i of this.#images.values()) out[n++] = nodeImage(i);
    this.#imageList = sharedList(out);
    return this.#imageList;
  }

  #setImage(r: StoredImage): void {
    if (this.#sharedImages) {
      this.#images = new Map(this.#images);
      this.#sharedImages = false;
    }
    this.#images.set(r.ref.full, r);
    this.#imageList = undefined;
  }

  /**
   * PullImage. Concurrent pulls of one image share the transfer. Returns the pull in progress;
   * when `now >= doneAt` the caller collects the result with finishPull.
   */
  pullImage(image: string, now: number): PullState {
    const r = lookupImage(image);
    const pulls = (this.#pulls ??= new Map());
    const existing = pulls.get(r.ref.full);
    if (existing) return existing;
    let ms: number;
    if (!r.ok) ms = 600 + this.#rand.int(900);
    else if (this.#images.has(r.ref.full)) ms = 350 + this.#rand.int(600);
    else ms = Math.round(r.pullMs * (0.85 + this.#rand.next() * 0.3));
    const p: PullState = { image, startedAt: now, doneAt: now + ms, result: r };
    pulls.set(r.ref.full, p);
    return p;
  }

  finishPull(p: PullState, now: number): void {
    if (now < p.doneAt) return;
    this.#pulls?.delete(p.result.ref.full);
    if (p.result.ok) this.#setImage(p.result);
  }

  /**
   * RunPodSandbox. Returns the sandbox's IP, which is all of it anything looks at: a pod worker
   * keeps the string instead of a sandbox object (one object fewer per pod).
   */
  runPodSandbox(hostNetwork: boolean): string {
    // join() keeps a long address ("10.244.100.254") flat: the pod status stores it.
    const ip = hostNetwork ? this.#hostIP : [this.#podSubnet, this.#nextIP++].join('.');
    if (this.#nextIP > 254) this.#nextIP = 2;
    this.#sandboxDraws();
    return ip;
  }

  /** Re-attaches to a sandbox that kept running while the kubelet was away; returns its IP. */
  adoptSandbox(ip: string): string {
    this.#sandboxDraws();
    return ip;
  }

  /**
   * A real sandbox id is 64 random hex digits. Nothing shows it (nothing lists or removes sandboxes
   * by id), so only its draws are made: the random stream must stay the same.
   */
  #sandboxDraws(): void {
    // The draws of 64 rand.int(16) calls, as a container id's (into its buffer, which the next id
    // overwrites).
    this.#rand.hexCodes(idCodes, CONTAINERD.length, 64);
  }

  /** Re-attaches `c` to a running container (kubelet restart); its image is on the node. */
  adoptContainer(
    c: CriContainer,
    id: string,
    image: string,
    command: readonly string[] | undefined,
    args: readonly string[] | undefined,
    startedAt: number,
  ): boolean {
    const r = lookupImage(image);
    if (!r.ok) return false;
    this.#setImage(r);
    this.#create(c, [CONTAINERD, id].join(''), kindOf(r.digest, processPlan(r.behaviour, command, args)));
    c.startedAt = startedAt;
    return true;
  }

  /** `c` is now a new container (not stopped yet). */
  #create(c: CriContainer, containerID: string, kind: CriKind): void {
    c.containerID = containerID;
    c.criKind = kind;
    c.startedAt = 0;
    stops.delete(c);
  }

  /** RemovePodSandbox: its network namespace is gone; no table to update (see above). */
  removePodSandbox(_ip: string): void {}

  /** CreateContainer into `c` (a new container replaces the one it held); false without the image. */
  createContainer(
    c: CriContainer,
    image: string,
    command: readonly string[] | undefined,
    args: readonly string[] | undefined,
  ): boolean {
    const img = this.#images.get(lookupImage(image).ref.full);
    if (!img) return false;
    this.#create(c, this.#newContainerID(), kindOf(img.digest, processPlan(img.behaviour, command, args)));
    return true;
  }

  startContainer(c: CriContainer, now: number): void {
    c.startedAt = now;
  }

  /** Whether the process has exited by `now`, and how. */
  exited(c: CriContainer, now: number): Stopped | undefined {
    const stopped = stops.get(c);
    if (stopped !== undefined) return stopped;
    const at = exitAt(c);
    if (at !== undefined && now >= at) return { at, code: (c.criKind as CriKind).plan.exitCode };
    return undefined;
  }

  stopContainer(c: CriContainer, now: number, code = 0): void {
    if (this.exited(c, now)) return;
    stops.set(c, { at: now, code });
  }

  /** RemoveContainer: its writable layer and logs are gone; no table to update (see above). */
  removeContainer(_containerID: string): void {}

  /** Everything is gone (the node lost power). */
  reset(): void {
    this.#pulls?.clear();
  }
}
