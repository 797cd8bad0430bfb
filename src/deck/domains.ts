// The KCNA curriculum (November 2025 revision): domain ids, weights and competency ids.
// Cards carry a domain + competency from this table; the validator rejects anything else.

export interface KcnaDomain {
  id: string;
  title: string;
  weight: number;
  competencies: readonly string[];
}

export const KCNA_DOMAINS = [
  {
    id: 'kubernetes-fundamentals',
    title: 'Kubernetes Fundamentals',
    weight: 44,
    competencies: ['core-concepts', 'administration', 'scheduling', 'containerization'],
  },
  {
    id: 'container-orchestration',
    title: 'Container Orchestration',
    weight: 28,
    competencies: ['networking', 'security', 'troubleshooting', 'storage'],
  },
  {
    id: 'cloud-native-application-delivery',
    title: 'Cloud Native Application Delivery',
    weight: 16,
    competencies: ['application-delivery', 'debugging'],
  },
  {
    id: 'cloud-native-architecture',
    title: 'Cloud Native Architecture',
    weight: 12,
    competencies: ['observability', 'ecosystem-and-principles', 'community-and-collaboration'],
  },
] as const satisfies readonly KcnaDomain[];

export type DomainId = (typeof KCNA_DOMAINS)[number]['id'];

export const DOMAIN_IDS: readonly string[] = KCNA_DOMAINS.map((d) => d.id);

export function findDomain(id: string): KcnaDomain | undefined {
  return KCNA_DOMAINS.find((d) => d.id === id);
}
