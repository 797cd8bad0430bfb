// Machine-readable output formats: -o yaml (sigs.k8s.io/yaml style: keys sorted, sequences not
// indented, YAML 1.1 quoting), -o json (4-space indent), -o name, and the List wrapper kubectl
// builds when several objects are printed.

import { yamlLib } from '../../yaml.ts';

export function toYaml(obj: unknown): string {
  return yamlLib().stringify(obj, {
    indentSeq: false,
    sortMapEntries: true,
    schema: 'yaml-1.1',
    lineWidth: 0,
    aliasDuplicateObjects: false,
  });
}

export function toJson(obj: unknown): string {
  return JSON.stringify(obj, null, 4) + '\n';
}

/** kubectl wraps several objects in a v1 List. */
export function asList(items: unknown[]): unknown {
  return { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
}

/** Fills apiVersion/kind on list items, which the API leaves out of List responses. */
export function withTypeMeta(obj: unknown, apiVersion: string, kind: string): unknown {
  if (typeof obj !== 'object' || obj === null) return obj;
  const o = obj as Record<string, unknown>;
  if (o['apiVersion'] && o['kind']) return obj;
  return { apiVersion, kind, ...o };
}
