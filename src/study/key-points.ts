// Which key points of a model answer a typed answer mentions. Matching is forgiving on form,
// not on meaning: case-insensitive, whole words only, simple plural and -ing/-ed forms, and
// hyphens, underscores or spaces between words treated alike ("kube-proxy" = "kube proxy").

export interface KeyPoint {
  /** What the learner sees, e.g. "The scheduler only binds pods to nodes". */
  text: string;
  /** Terms that count as mentioning the point; any one is enough. */
  match: readonly string[];
}

function words(s: string): string[] {
  return s
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

/** Reduces a word to a rough stem so "pods"/"pod", "scheduling"/"schedule"/"scheduled" meet. */
export function stem(word: string): string {
  let w = word;
  if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 4 && /(ch|sh|x|ss|z)es$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us')) w = w.slice(0, -1);
  if (w.length >= 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length >= 4 && w.endsWith('ed')) w = w.slice(0, -2);
  // "scheduling" -> "schedul", "schedule" -> "schedul": drop a final silent e too.
  if (w.length >= 3 && w.endsWith('e')) w = w.slice(0, -1);
  // "running" -> "runn" -> "run"
  if (w.length > 3 && w.at(-1) === w.at(-2) && !/[aeiou]/.test(w.at(-1) ?? '')) w = w.slice(0, -1);
  return w;
}

/** Stems of every run of 1..3 consecutive words glued together ("kube proxy" -> "kubeproxy"). */
function gluedRuns(raw: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i < raw.length; i++) {
    for (let n = 1; n <= 3 && i + n <= raw.length; n++) out.add(stem(raw.slice(i, i + n).join('')));
  }
  return out;
}

function containsRun(hay: readonly string[], needle: readonly string[]): boolean {
  for (let i = 0; i + needle.length <= hay.length; i++) {
    if (needle.every((w, j) => hay[i + j] === w)) return true;
  }
  return false;
}

/** For each key point, whether the typed answer mentions it (same order as `points`). */
export function matchKeyPoints(points: readonly KeyPoint[], typed: string): boolean[] {
  const raw = words(typed);
  const hay = raw.map(stem);
  const glued = gluedRuns(raw);
  const mentions = (term: string): boolean => {
    const termWords = words(term);
    if (termWords.length === 0) return false;
    if (containsRun(hay, termWords.map(stem))) return true;
    // Spacing differences: "kubeproxy" vs "kube-proxy"; only for terms long enough to be specific.
    const whole = stem(termWords.join(''));
    return whole.length > 3 && glued.has(whole);
  };
  return points.map((p) => p.match.some(mentions));
}
