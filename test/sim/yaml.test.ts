// The YAML port: browser workers load the library only for messages that may need it, and keep
// messages in order while it loads.

import { describe, expect, it, vi } from 'vitest';
import type * as YamlPort from '../../src/sim/yaml.ts';

async function freshPort(): Promise<typeof YamlPort> {
  vi.resetModules(); // a module instance with no library provided yet, as in a new worker
  return import('../../src/sim/yaml.ts');
}

describe('afterYaml', () => {
  it('hands plain commands over at once and loads YAML only for a command that may need it', async () => {
    const port = await freshPort();
    const seen: string[] = [];
    const dispatch = port.afterYaml<{ args: string }>((m) => seen.push(m.args));
    dispatch({ args: 'kubectl get pods' });
    expect(seen).toEqual(['kubectl get pods']);
    expect(() => port.yamlLib()).toThrow(/still loading/);

    dispatch({ args: 'kubectl get deploy web -o yaml' });
    dispatch({ args: 'kubectl get pods' });
    expect(seen).toEqual(['kubectl get pods']); // both wait for the load, in order
    await vi.waitFor(() => expect(seen).toHaveLength(3));
    expect(seen).toEqual(['kubectl get pods', 'kubectl get deploy web -o yaml', 'kubectl get pods']);
    expect(port.yamlLib().stringify({ a: 1 })).toBe('a: 1\n');
  });
});
