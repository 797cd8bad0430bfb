import { describe, expect, it } from 'vitest';
import { TabWriter, describeWriter, tableWriter } from '../../../src/sim/kubectl/printers/tabwriter.ts';

describe('tab writer', () => {
  it('pads every column but the last by three spaces with a minimum width of six', () => {
    const out = tableWriter().format('NAME\tREADY\tAGE\nweb-1\t1/1\t5s\n');
    expect(out).toBe('NAME    READY   AGE\nweb-1   1/1     5s\n');
  });

  it('remembers widths across flushes so later rows can only grow the columns', () => {
    const w = tableWriter();
    expect(w.format('NAME\tSTATUS\tAGE\nweb\tPending\t0s\n')).toBe('NAME   STATUS    AGE\nweb    Pending   0s\n');
    expect(w.format('web\tContainerCreating\t0s\n')).toBe('web    ContainerCreating   0s\n');
    expect(w.format('web\tRunning\t2s\n')).toBe('web    Running             2s\n');
  });

  it('restarts alignment after a line without tabs, as describe output does', () => {
    const out = describeWriter().format('Name:\tx\nIPs:\n  IP:\t10.0.0.1\nControlled By:\tReplicaSet/r\n');
    expect(out).toBe('Name:  x\nIPs:\n  IP:           10.0.0.1\nControlled By:  ReplicaSet/r\n');
  });

  it('leaves trailing empty cells unpadded', () => {
    expect(new TabWriter(6, 3).format('A\tB\t\n')).toBe('A     B     \n');
  });
});
