// Fixture decks for the format tests and the benchmark: every card kind, single and multiple
// answer quizzes with feedback, tags, unicode, HTML-special characters, quotes, backticks
// and newlines; plus a generator for big decks.

import type { Card, Deck } from '../../../src/deck/schema.ts';

export const TRICKY =
  'Tricky <b>not bold</b> & "quotes" \'single\' `kubectl get pods -o wide` <none> &amp; ñ 日本語 🚀';

export function fixtureDeck(): Deck {
  const cards: Card[] = [
    {
      id: 'etcd-stores-state',
      kind: 'flashcard',
      domain: 'kubernetes-fundamentals',
      competency: 'core-concepts',
      tags: ['glossary', 'cka'],
      front: 'What does etcd store?',
      back: 'All cluster state: objects, <status> & "spec".\nSecond line with `backticks`\n  indented by two spaces\nNAME\tREADY   STATUS',
      explanation: 'Only the API server talks to etcd.',
      source: 'kubernetes.io/docs/concepts/overview/components/',
    },
    {
      id: 'tricky-text',
      kind: 'flashcard',
      domain: 'cloud-native-architecture',
      competency: 'observability',
      front: TRICKY,
      back: '<script>alert(1)</script> is text here, not markup; so is <img src=x onerror=alert(1)> & javascript:alert(1)',
    },
    {
      id: 'scheduler-binds',
      kind: 'quiz',
      domain: 'kubernetes-fundamentals',
      competency: 'scheduling',
      tags: ['control-plane'],
      question: 'Which component assigns a Pod to a node?',
      choices: ['kubelet', 'kube-scheduler', 'etcd', 'kube-proxy <iptables>'],
      answer: 1,
      explanation: 'The scheduler only binds; the kubelet then runs what is bound to its node.',
      feedback: ['Runs pods, does not choose nodes.', 'Right: it writes the binding.', 'Stores state.', ''],
    },
    {
      id: 'service-types',
      kind: 'quiz',
      domain: 'container-orchestration',
      competency: 'networking',
      question: 'Which are Service types? Select all that apply.\n(Think `spec.type`.)',
      choices: ['ClusterIP', 'NodePort', 'PodIP', 'LoadBalancer'],
      multiple: true,
      answers: [0, 1, 3],
      explanation: 'PodIP is an address, not a Service type.',
    },
    {
      id: 'reconcile-loop',
      kind: 'prompt',
      domain: 'cloud-native-application-delivery',
      competency: 'application-delivery',
      tags: ['interview'],
      question: 'Explain the reconciliation loop in your own words.',
      modelAnswer:
        'A controller watches desired state (spec) and actual state (status),\nand acts to make them match — again and again.',
      keyPoints: [
        { text: 'desired vs actual state', match: ['desired', 'spec'] },
        { text: 'repeats (level-triggered)', match: ['again', 'loop', 'level'] },
      ],
      explanation: 'Controllers are level-triggered: they read the world, not events.',
      source: 'Lesson: Kubernetes architecture',
    },
    {
      id: 'pv-quiz-colon',
      kind: 'quiz',
      domain: 'container-orchestration',
      competency: 'storage',
      question: 'GIFT specials: ~ = # { } : \\ — which object requests storage?',
      choices: ['PersistentVolumeClaim {pvc}', 'ConfigMap = config', 'Secret #1'],
      answer: 0,
      explanation: 'A PVC requests; a PV provides. Escapes: ~ = # { } :',
    },
    {
      id: 'scale-web-lab',
      kind: 'lab',
      domain: 'kubernetes-fundamentals',
      competency: 'administration',
      tags: ['lab'],
      title: 'Scale the web Deployment to 3 replicas',
      goal: 'Make `web` run 3 ready replicas & watch the ReplicaSet <react>.',
      setup: [
        'kind create cluster --name lab',
        'kubectl apply -f - <<EOF\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\nEOF',
      ],
      checks: [{ deployment: 'web', replicas: 3, readyReplicas: 3 }],
      solution: ['kubectl scale deployment web --replicas=3'],
      hints: ['Which command changes spec.replicas?'],
      explanation: 'The Deployment controller updates the ReplicaSet, which creates two more Pods.',
    },
    {
      id: 'verify-quiz',
      kind: 'quiz',
      domain: 'kubernetes-fundamentals',
      competency: 'core-concepts',
      question: 'A Pod of a 2-replica Deployment is deleted. What happens?',
      choices: ['A replacement Pod is created', 'Nothing'],
      answer: 0,
      explanation: 'The ReplicaSet controller reconciles back to 2.',
      verify: {
        scenario: [
          'kubectl create deployment web --image=nginx --replicas=2',
          'kubectl delete pod -l app=web --wait=false',
        ],
        expect: [{ pods: 'app=web', count: 2 }, null],
      },
    },
  ];
  return {
    id: 'fixture-deck',
    title: 'Fixture deck: <KCNA> & more',
    description: 'Cards for testing every format.',
    cards,
  };
}

/** A deck of `n` cards cycling through the kinds, all valid and distinct. */
export function bigDeck(n: number): Deck {
  const cards: Card[] = [];
  for (let i = 0; i < n; i++) {
    const base = { id: `card-${i}`, domain: 'kubernetes-fundamentals', competency: 'core-concepts', tags: ['bench'] };
    if (i % 3 === 0) {
      cards.push({
        ...base,
        kind: 'flashcard',
        front: `Term number ${i} <b>&</b>`,
        back: `Definition of term ${i}.\nWith a second line.`,
      });
    } else if (i % 3 === 1) {
      cards.push({
        ...base,
        kind: 'quiz',
        question: `Question number ${i}: which is right?`,
        choices: [`Wrong ${i}`, `Right ${i}`, `Also wrong ${i}`, `Not this ${i}`],
        answer: 1,
        explanation: `Because ${i} is right.`,
        feedback: ['no', 'yes', 'no', 'no'],
      });
    } else {
      cards.push({
        ...base,
        kind: 'prompt',
        question: `Explain concept number ${i}.`,
        modelAnswer: `Concept ${i} means desired state meets actual state.`,
        keyPoints: [{ text: 'desired state', match: ['desired'] }],
      });
    }
  }
  return { id: 'big-deck', title: 'Big deck', cards };
}
