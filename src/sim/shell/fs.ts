// The sandbox's in-memory file system: a flat home directory of text files, seeded with a few
// manifests so `kubectl apply -f` and `kind create cluster --config` work out of the box.

export const HOME = '/root';

export const SAMPLE_FILES: Readonly<Record<string, string>> = {
  'web-deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.25
        ports:
        - containerPort: 80
`,
  'web-service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 80
`,
  'pod.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: hello
  labels:
    app: hello
spec:
  containers:
  - name: hello
    image: busybox:1.36
    command: ["sh", "-c", "echo Hello from the sandbox && sleep 3600"]
`,
  'kind-multinode.yaml': `kind: Cluster
apiVersion: kind.x-k8s.io/v1alpha4
nodes:
- role: control-plane
- role: worker
- role: worker
`,
};

export class MemFs {
  #files = new Map<string, string>();

  constructor(files: Readonly<Record<string, string>> = SAMPLE_FILES) {
    for (const [k, v] of Object.entries(files)) this.#files.set(this.resolve(k), v);
  }

  /** Absolute path for `f.yaml`, `./f.yaml`, `~/f.yaml` or `/root/f.yaml`. */
  resolve(path: string): string {
    let p = path.trim();
    if (p.startsWith('~/')) p = HOME + p.slice(1);
    if (!p.startsWith('/')) p = `${HOME}/${p}`;
    const parts: string[] = [];
    for (const seg of p.split('/')) {
      if (seg === '' || seg === '.') continue;
      if (seg === '..') parts.pop();
      else parts.push(seg);
    }
    return '/' + parts.join('/');
  }

  read(path: string): string | undefined {
    return this.#files.get(this.resolve(path));
  }

  write(path: string, text: string, append = false): void {
    const p = this.resolve(path);
    this.#files.set(p, append ? (this.#files.get(p) ?? '') + text : text);
  }

  remove(path: string): boolean {
    return this.#files.delete(this.resolve(path));
  }

  exists(path: string): boolean {
    return this.#files.has(this.resolve(path));
  }

  /** File names in the home directory (and absolute paths elsewhere), sorted. */
  list(): string[] {
    return [...this.#files.keys()].map((p) => (p.startsWith(HOME + '/') ? p.slice(HOME.length + 1) : p)).sort();
  }

  toJSON(): Record<string, string> {
    return Object.fromEntries([...this.#files.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
  }

  static fromJSON(files: Record<string, string>): MemFs {
    return new MemFs(files);
  }
}
