// The YAML library as a lazy port (see lazy.ts). kubectl (`-o yaml`, `apply -f`) and kind
// (`--config`) need it, but it is a third of the sandbox worker's size, so browser workers fetch
// it as its own chunk before the first message that may need it.

import type * as YamlModule from 'yaml';
import { LazyPort } from './lazy.ts';

export type YamlLib = Pick<typeof YamlModule, 'parse' | 'parseAllDocuments' | 'stringify'>;

/** `-o yaml`, `apply -f`, `kind create cluster --config`, a here-document, a patch in YAML. */
const MAY_NEED_YAML = /yaml|yml|\bapply\b|\bpatch\b|\s-f\b|--filename|--config|<</i;

const port = new LazyPort<YamlLib>('YAML support', () => import('yaml'), MAY_NEED_YAML);

/** Node entry points install the library up front. */
export function provideYaml(yaml: YamlLib): void {
  port.provide(yaml);
}

/** The YAML library (throws "still loading" in a browser worker that has not loaded it yet). */
export function yamlLib(): YamlLib {
  return port.get();
}
