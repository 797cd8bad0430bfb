// The sandbox's ~/.kube/config: one context (cluster + user + namespace + server URL) per
// cluster kind or minikube created, and which one is current. kind writes and removes entries;
// kubectl reads them and `kubectl config use-context` switches.

import type { ContextInfo } from '../kubectl/index.ts';

export interface KubeContext extends ContextInfo {
  server: string;
}

export class KubeconfigFile {
  #contexts: KubeContext[] = [];
  #current = '';

  constructor(contexts: readonly KubeContext[] = [], current = '') {
    this.#contexts = contexts.map((c) => ({ ...c }));
    this.#current = current;
  }

  get current(): string {
    return this.#current;
  }

  contexts(): ContextInfo[] {
    return this.#contexts.map(({ name, cluster, user, namespace }) => ({ name, cluster, user, namespace }));
  }

  find(name: string): KubeContext | undefined {
    return this.#contexts.find((c) => c.name === name);
  }

  use(name: string): boolean {
    if (!this.find(name)) return false;
    this.#current = name;
    return true;
  }

  /** Adds (or replaces) a context and makes it current, as `kind create cluster` does. */
  add(ctx: KubeContext): void {
    this.#contexts = this.#contexts.filter((c) => c.name !== ctx.name);
    this.#contexts.push({ ...ctx });
    this.#contexts.sort((a, b) => (a.name < b.name ? -1 : 1));
    this.#current = ctx.name;
  }

  /** Removes every context of a cluster, as `kind delete cluster` does; unsets current if it pointed there. */
  removeCluster(cluster: string): void {
    this.#contexts = this.#contexts.filter((c) => c.cluster !== cluster);
    if (!this.find(this.#current)) this.#current = '';
  }

  toJSON(): { contexts: KubeContext[]; currentContext: string } {
    return { contexts: this.#contexts.map((c) => ({ ...c })), currentContext: this.#current };
  }
}
