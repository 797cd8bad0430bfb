// Lazy ports: browser workers load the YAML library, kubectl and its describers and the shell tools
// only for messages that may need them, and keep messages in order while they load.

import { describe, expect, it, vi } from 'vitest';
import type * as Lazy from '../../src/sim/lazy.ts';
import type * as YamlPort from '../../src/sim/yaml.ts';
import type * as DescribePort from '../../src/sim/kubectl/describe/lazy.ts';
import type * as KindPort from '../../src/sim/kind/lazy.ts';
import type * as TablesPort from '../../src/sim/apiserver/tables-port.ts';
import type * as ToolsPort from '../../src/sim/shell/tools-port.ts';

/** Module instances with nothing provided yet, as in a new worker. */
async function freshPorts(): Promise<{
  lazy: typeof Lazy;
  yaml: typeof YamlPort;
  describe: typeof DescribePort;
  kind: typeof KindPort;
  tables: typeof TablesPort;
  tools: typeof ToolsPort;
}> {
  vi.resetModules();
  const lazy = await import('../../src/sim/lazy.ts');
  return {
    lazy,
    yaml: await import('../../src/sim/yaml.ts'),
    describe: await import('../../src/sim/kubectl/describe/lazy.ts'),
    kind: await import('../../src/sim/kind/lazy.ts'),
    tables: await import('../../src/sim/apiserver/tables-port.ts'),
    tools: await import('../../src/sim/shell/tools-port.ts'),
  };
}

describe('afterChunks', () => {
  it('loads what kubectl runs before a kubectl (or k) command, and not for kind or sim', async () => {
    vi.resetModules();
    const lazy = await import('../../src/sim/lazy.ts');
    const port = await import('../../src/sim/kubectl/commands/lazy.ts');
    const seen: string[] = [];
    const dispatch = lazy.afterChunks<{ args: string }>((m) => seen.push(m.args));
    for (const line of ['kind create cluster', 'sim status', 'echo kind-kind', 'cat k8s.yaml'])
      dispatch({ args: line });
    expect(seen).toHaveLength(4);
    expect(() => port.runs()).toThrow(/kubectl is still loading/);
    for (const line of ['kubectl get pods', 'k create deployment web --image=nginx', 'kubectl version']) {
      dispatch({ args: line });
    }
    expect(seen).toHaveLength(4);
    await vi.waitFor(() => expect(seen).toHaveLength(7));
    const names = port.runs().COMMANDS.map((c) => c.name);
    for (const name of ['get', 'create', 'describe', 'delete', 'apply', 'rollout', 'version'])
      expect(names, name).toContain(name);
    expect(typeof port.runs().kubectl).toBe('function');
  });

  it('loads them before `kubectl` or `k` alone, whose command list they hold, and before taint, wait or exec', async () => {
    for (const line of [
      'kubectl',
      'k',
      'kubectl taint nodes n1 a=b:NoSchedule',
      'kubectl wait --for=delete pod/x',
      'kubectl exec x',
      'cat deploy.yaml | kubectl apply -f -',
    ]) {
      vi.resetModules();
      const lazy = await import('../../src/sim/lazy.ts');
      const port = await import('../../src/sim/kubectl/commands/lazy.ts');
      const seen: string[] = [];
      lazy.afterChunks<{ args: { line: string } }>((m) => seen.push(m.args.line))({ args: { line } });
      expect(seen, line).toEqual([]);
      await vi.waitFor(() => expect(seen).toEqual([line]));
      expect(port.runs().COMMANDS.map((c) => c.name)).toContain('taint');
    }
  });

  it('hands plain commands over at once and loads YAML only for a command that may need it', async () => {
    const { lazy, yaml: port } = await freshPorts();
    const seen: string[] = [];
    const dispatch = lazy.afterChunks<{ args: string }>((m) => seen.push(m.args));
    dispatch({ args: 'kubectl cluster-info' });
    expect(seen).toEqual(['kubectl cluster-info']);
    expect(() => port.yamlLib()).toThrow(/still loading/);

    dispatch({ args: 'kubectl get deploy web -o yaml' });
    dispatch({ args: 'kubectl cluster-info' });
    expect(seen).toEqual(['kubectl cluster-info']); // both wait for the load, in order
    await vi.waitFor(() => expect(seen).toHaveLength(3));
    expect(seen).toEqual(['kubectl cluster-info', 'kubectl get deploy web -o yaml', 'kubectl cluster-info']);
    expect(port.yamlLib().stringify({ a: 1 })).toBe('a: 1\n');
  });

  it('loads the describers for kubectl describe, and only for it', async () => {
    const { lazy, describe: port } = await freshPorts();
    const seen: string[] = [];
    const dispatch = lazy.afterChunks<{ args: string }>((m) => seen.push(m.args));
    dispatch({ args: 'kubectl version' });
    expect(seen).toEqual(['kubectl version']);
    expect(() => port.describers()).toThrow(/kubectl describe is still loading/);
    dispatch({ args: 'kubectl describe pod web' });
    expect(seen).toHaveLength(1);
    await vi.waitFor(() => expect(seen).toHaveLength(2));
    expect(typeof port.describers().describePod).toBe('function');
  });

  it('loads the kind and minikube tools before `kind create cluster`, and not for kubectl', async () => {
    const { lazy, kind: port } = await freshPorts();
    const seen: string[] = [];
    const dispatch = lazy.afterChunks<{ args: string }>((m) => seen.push(m.args));
    dispatch({ args: 'kubectl cluster-info' });
    expect(seen).toEqual(['kubectl cluster-info']);
    expect(() => port.kindTools()).toThrow(/kind is still loading/);
    dispatch({ args: 'kind create cluster --name k8s-intro' });
    expect(seen).toHaveLength(1);
    await vi.waitFor(() => expect(seen).toHaveLength(2));
    expect(typeof port.kindTools().minikube).toBe('function');
  });

  it('loads etcdctl and the sim fault commands before they run', async () => {
    const { lazy, tools: port } = await freshPorts();
    const seen: string[] = [];
    const dispatch = lazy.afterChunks<{ args: string }>((m) => seen.push(m.args));
    dispatch({ args: 'kubectl version' });
    expect(seen).toHaveLength(1);
    expect(() => port.shellTools()).toThrow(/This shell command is still loading/);
    dispatch({ args: 'sim stop kube-scheduler' });
    expect(seen).toHaveLength(1);
    await vi.waitFor(() => expect(seen).toHaveLength(2));
    expect(typeof port.shellTools().etcdctl).toBe('function');
  });

  it("loads the shell's own commands (with the shell tools) before a line that uses one", async () => {
    for (const line of ['cat kind-multinode.yaml', 'kubectl get pods | grep web', 'sleep 5', 'echo hi > f.txt']) {
      const { lazy, tools: port } = await freshPorts();
      const seen: string[] = [];
      lazy.afterChunks<{ args: { line: string } }>((m) => seen.push(m.args.line))({ args: { line } });
      expect(seen, line).toEqual([]);
      await vi.waitFor(() => expect(seen).toEqual([line]));
      expect(port.shellTools().echo(['hi']).stdout).toBe('hi\n');
    }
  });

  it('loads Tab completion (with the shell tools) before a completion request, and not for a run', async () => {
    const { lazy, tools: port } = await freshPorts();
    const seen: unknown[] = [];
    const dispatch = lazy.afterChunks<{ args: unknown }>((m) => seen.push(m.args));
    dispatch({ args: { line: 'pwd', now: 1 } });
    expect(seen).toHaveLength(1);
    expect(() => port.shellTools()).toThrow(/still loading/);
    dispatch({ args: { line: 'ca', cursor: 2 } });
    expect(seen).toHaveLength(1);
    await vi.waitFor(() => expect(seen).toHaveLength(2));
    expect(typeof port.shellTools().complete).toBe('function');
  });

  it('loads Table output before kubectl get, and with a lab (its checks read tables)', async () => {
    const { lazy, tables: port } = await freshPorts();
    const seen: unknown[] = [];
    const dispatch = lazy.afterChunks<{ args: unknown }>((m) => seen.push(m.args));
    dispatch({ args: 'kubectl version' });
    expect(seen).toHaveLength(1);
    expect(() => port.tables()).toThrow(/Table output is still loading/);
    dispatch({ args: { card: { id: 'lab-x', setup: [] }, seed: 1 } });
    expect(seen).toHaveLength(1);
    await vi.waitFor(() => expect(seen).toHaveLength(2));
    expect(port.tables().buildTable('pods', [], 0, false, '1').rows).toEqual([]);
  });
});
