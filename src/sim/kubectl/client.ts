// kubectl's REST client: builds ApiRequests for a resource, sends them to the current context's
// API server and turns Status responses into ServerError, and "nobody answered" into
// ConnectionRefused.

import type { ApiRequest } from '../apiserver/request.ts';
import type { KubectlEnv, WatchEvent } from './env.ts';
import { ConnectionRefused, ServerError, isStatus } from './errors.ts';
import type { ResourceInfo } from './resources.ts';

export const USER_AGENT = 'kubectl/v1.30.0 (linux/amd64) kubernetes/7c48c2b';

export type RequestOptions = Partial<Omit<ApiRequest, 'verb' | 'group' | 'version' | 'resource' | 'userAgent'>>;

export interface ListResult {
  items: unknown[];
  metadata?: { resourceVersion?: string };
}

export class Client {
  constructor(readonly env: KubectlEnv) {}

  send(verb: ApiRequest['verb'], res: ResourceInfo, opts: RequestOptions = {}): unknown {
    const api = this.env.api;
    if (!api) throw new ConnectionRefused(this.env.server);
    const req: ApiRequest = {
      verb,
      group: res.group,
      version: res.version,
      resource: res.name,
      userAgent: USER_AGENT,
      ...opts,
    };
    if (!res.namespaced) delete req.namespace;
    const out = api.handle(req);
    if (out.connectionRefused || out.code === 0) throw new ConnectionRefused(this.env.server);
    if (out.code >= 400 || isStatus(out.body)) {
      if (isStatus(out.body) && out.body.status !== 'Success') throw new ServerError(out.body);
      if (out.code >= 400)
        throw new ServerError({ kind: 'Status', message: `the server returned code ${out.code}`, code: out.code });
    }
    return out.body;
  }

  get(res: ResourceInfo, namespace: string, name: string, asTable = false, wide = false): unknown {
    return this.send('get', res, { namespace, name, asTable, wide });
  }

  list(res: ResourceInfo, namespace: string | undefined, opts: RequestOptions = {}): ListResult {
    const body = this.send('list', res, { namespace, ...opts });
    const items = (body as { items?: unknown }).items;
    return { items: Array.isArray(items) ? items : [], metadata: (body as ListResult).metadata };
  }

  watch(
    res: ResourceInfo,
    namespace: string | undefined,
    opts: RequestOptions,
    onEvent: (ev: WatchEvent) => void,
    onClose?: () => void,
  ): () => void {
    const api = this.env.api;
    if (!api) throw new ConnectionRefused(this.env.server);
    const req: ApiRequest = {
      verb: 'watch',
      group: res.group,
      version: res.version,
      resource: res.name,
      userAgent: USER_AGENT,
      namespace: res.namespaced ? namespace : undefined,
      ...opts,
    };
    return api.watch(req, onEvent, onClose);
  }
}
