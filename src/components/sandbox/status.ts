// How a pod status reads in the picture: a tone (colour) that always comes with the status text.

export type Tone = 'good' | 'warn' | 'bad' | 'idle';

const BAD = /BackOff|Err|Error|Failed|Invalid|OOMKilled|Unknown/;

export function statusTone(status: string): Tone {
  if (status === 'Running') return 'good';
  if (status === 'Terminating' || status === 'Completed' || status === 'Succeeded') return 'idle';
  if (BAD.test(status)) return 'bad';
  return 'warn';
}

/** "11 Running, 1 Pending" in a stable order: most first. */
export function countsText(counts: Record<string, number>): string {
  return Object.entries(counts)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([s, n]) => `${n} ${s}`)
    .join(', ');
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "10:02:31" from an RFC 3339 time. */
export function clockTime(iso: string): string {
  return iso.slice(11, 19);
}
