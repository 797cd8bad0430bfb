import { describe, expect, it } from 'vitest';
import { runKubectl } from '../../../src/sim/kubectl/index.ts';
import { bareApi } from './bare-api.ts';

const pod = (name: string, labels: Record<string, string> = {}, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, labels },
  spec: { containers: [{ name: 'nginx', image: 'nginx' }] },
  ...extra,
});

function withPods() {
  const b = bareApi();
  b.create('pods', pod('web-1', { app: 'web' }));
  b.clock.advance(3000);
  b.create('pods', pod('db-1', { app: 'db' }));
  b.create('pods', pod('kube-x', { tier: 'control-plane' }), 'kube-system');
  b.clock.advance(62_000);
  return b;
}

describe('kubectl get', () => {
  it('prints server-side table cells aligned with padding 3', () => {
    expect(withPods().kubectl('get pods').stdout).toBe(
      'NAME    READY   STATUS    RESTARTS   AGE\ndb-1    0/1     Pending   0          62s\nweb-1   0/1     Pending   0          65s\n',
    );
  });

  it('adds NAMESPACE for -A and reads short names', () => {
    expect(withPods().kubectl('get po -A').stdout).toBe(
      'NAMESPACE     NAME     READY   STATUS    RESTARTS   AGE\ndefault       db-1     0/1     Pending   0          62s\ndefault       web-1    0/1     Pending   0          65s\nkube-system   kube-x   0/1     Pending   0          62s\n',
    );
  });

  it('does not add NAMESPACE for -n', () => {
    expect(withPods().kubectl('get pods -n kube-system').stdout).toBe(
      'NAME     READY   STATUS    RESTARTS   AGE\nkube-x   0/1     Pending   0          62s\n',
    );
  });

  it('filters with -l and --field-selector', () => {
    const b = withPods();
    expect(b.kubectl('get pods -l app=web -o name').stdout).toBe('pod/web-1\n');
    expect(b.kubectl('get pods --field-selector=metadata.name=db-1 -o name').stdout).toBe('pod/db-1\n');
    expect(b.kubectl('get pods --field-selector status.phase=Running').stderr).toBe(
      'No resources found in default namespace.\n',
    );
  });

  it('shows wide columns with -o wide', () => {
    expect(withPods().kubectl('get pods web-1 -o wide').stdout).toBe(
      'NAME    READY   STATUS    RESTARTS   AGE   IP       NODE     NOMINATED NODE   READINESS GATES\nweb-1   0/1     Pending   0          65s   <none>   <none>   <none>           <none>\n',
    );
  });

  it('shows labels and label columns', () => {
    const b = withPods();
    expect(b.kubectl('get pods --show-labels').stdout.split('\n')[0]).toBe(
      'NAME    READY   STATUS    RESTARTS   AGE   LABELS',
    );
    expect(b.kubectl('get pods --show-labels').stdout.split('\n')[2]).toBe(
      'web-1   0/1     Pending   0          65s   app=web',
    );
    expect(b.kubectl('get pods -L app').stdout.split('\n')[1]).toBe('db-1    0/1     Pending   0          62s   db');
    expect(b.kubectl('get pods --no-headers').stdout.split('\n')[0]).toBe('db-1    0/1   Pending   0     62s');
  });

  it('sorts by a field', () => {
    expect(withPods().kubectl('get pods --sort-by=.metadata.creationTimestamp -o name').stdout).toBe(
      'pod/web-1\npod/db-1\n',
    );
    expect(withPods().kubectl('get pods --sort-by={.metadata.name}').stdout.split('\n')[1]?.startsWith('db-1')).toBe(
      true,
    );
  });

  it('prints yaml, json and jsonpath', () => {
    const b = withPods();
    expect(b.kubectl('get pod web-1 -o yaml').stdout).toMatch(
      /^apiVersion: v1\nkind: Pod\nmetadata:\n {2}creationTimestamp: "2024-05-20T10:00:00Z"\n {2}labels:\n {4}app: web\n {2}name: web-1\n {2}namespace: default\n/,
    );
    expect(JSON.parse(b.kubectl('get pods -o json').stdout)).toMatchObject({
      kind: 'List',
      items: [{ metadata: { name: 'db-1' } }, { metadata: { name: 'web-1' } }],
    });
    expect(b.kubectl('get pods -o json').stdout.split('\n')[1]).toBe('    "apiVersion": "v1",');
    expect(b.kubectl('get pods -o jsonpath={.items[*].metadata.name}').stdout).toBe('db-1 web-1');
  });

  it('prints several types with kind prefixes and a blank line between tables', () => {
    const b = withPods();
    b.kubectl('create deployment web --image=nginx');
    expect(b.kubectl('get deploy,po -l app=web').stdout).toBe(
      'NAME                  READY   UP-TO-DATE   AVAILABLE   AGE\ndeployment.apps/web   0/1     0            0           0s\n\nNAME        READY   STATUS    RESTARTS   AGE\npod/web-1   0/1     Pending   0          65s\n',
    );
  });

  it('reports missing objects after printing the found ones', () => {
    const r = withPods().kubectl('get pods web-1 nope');
    expect(r.stdout).toBe('NAME    READY   STATUS    RESTARTS   AGE\nweb-1   0/1     Pending   0          65s\n');
    expect(r.stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect(r.exitCode).toBe(1);
  });

  it('says which namespace is empty', () => {
    const b = bareApi();
    expect(b.kubectl('get deploy').stderr).toBe('No resources found in default namespace.\n');
    expect(b.kubectl('get deploy -n kube-system').stderr).toBe('No resources found in kube-system namespace.\n');
    expect(b.kubectl('get deploy -A').stderr).toBe('No resources found\n');
    expect(b.kubectl('get deploy nope').stderr).toBe(
      'Error from server (NotFound): deployments.apps "nope" not found\n',
    );
  });

  it('rejects unknown types, missing types and bad output formats', () => {
    const b = bareApi();
    expect(b.kubectl('get foo').stderr).toBe('error: the server doesn\'t have a resource type "foo"\n');
    expect(
      b
        .kubectl('get pods -o xml')
        .stderr.startsWith('error: unable to match a printer suitable for the output format "xml"'),
    ).toBe(true);
    expect(b.kubectl('get').exitCode).toBe(1);
  });

  it('streams watch events as rows with remembered widths', () => {
    const b = bareApi();
    const env = b.env();
    let step = 0;
    env.advance = (ms) => {
      b.clock.advance(ms);
      step++;
      if (step === 1) b.create('pods', pod('w-1', { app: 'w' }));
      if (step === 2)
        b.api.handle({
          verb: 'patch',
          group: '',
          version: 'v1',
          resource: 'pods',
          namespace: 'default',
          name: 'w-1',
          patchType: 'merge',
          body: { metadata: { labels: { app: 'w', x: 'y' } } },
          userAgent: 't',
        });
    };
    const r = runKubectl(['get', 'pods', '-l', 'app=w', '-w'], env);
    expect(r.stdout).toBe(
      'NAME   READY   STATUS    RESTARTS   AGE\nw-1    0/1     Pending   0          0s\nw-1    0/1     Pending   0          1s\n',
    );
    expect(r.stderr).toBe('');
  });
});

describe('kubectl create, run, expose, apply', () => {
  it('creates a deployment and refuses a duplicate', () => {
    const b = bareApi();
    expect(b.kubectl('create deployment web --image=nginx --replicas=2').stdout).toBe('deployment.apps/web created\n');
    const dup = b.kubectl('create deployment web --image=nginx');
    expect(dup.stderr).toBe('error: failed to create deployment: deployments.apps "web" already exists\n');
    expect(dup.exitCode).toBe(1);
  });

  it('needs a name and an image', () => {
    const b = bareApi();
    expect(b.kubectl('create deployment --image=nginx').stderr).toBe(
      "error: exactly one NAME is required, got 0\nSee 'kubectl create deployment -h' for help and examples\n",
    );
    expect(b.kubectl('create deployment web').stderr).toBe('error: required flag(s) "image" not set\n');
  });

  it('creates a namespace', () => {
    expect(bareApi().kubectl('create namespace team-a').stdout).toBe('namespace/team-a created\n');
  });

  it('creates from a file and reports AlreadyExists with the file name', () => {
    const b = bareApi({
      'p.yaml':
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx\n',
    });
    expect(b.kubectl('create -f p.yaml').stdout).toBe('pod/p created\n');
    expect(b.kubectl('create -f p.yaml').stderr).toBe(
      'Error from server (AlreadyExists): error when creating "p.yaml": pods "p" already exists\n',
    );
    expect(b.kubectl('create -f nope.yaml').stderr).toBe('error: the path "nope.yaml" does not exist\n');
  });

  it('applies from standard input: created, unchanged, configured', () => {
    const b = bareApi();
    const yaml = (img: string) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: api\n  template:\n    metadata:\n      labels:\n        app: api\n    spec:\n      containers:\n      - name: api\n        image: ${img}\n`;
    expect(b.kubectl('apply -f -', yaml('nginx:1.25')).stdout).toBe('deployment.apps/api created\n');
    expect(b.kubectl('apply -f -', yaml('nginx:1.25')).stdout).toBe('deployment.apps/api unchanged\n');
    expect(b.kubectl('apply -f -', yaml('nginx:1.27')).stdout).toBe('deployment.apps/api configured\n');
    expect(b.kubectl('get deploy api -o jsonpath={.spec.template.spec.containers[0].image}').stdout).toBe('nginx:1.27');
  });

  it('applies several documents and Lists', () => {
    const b = bareApi();
    const text =
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Namespace\n  metadata:\n    name: b\n';
    expect(b.kubectl('apply -f -', text).stdout).toBe('namespace/a created\nnamespace/b created\n');
  });

  it('runs a pod with run=NAME', () => {
    const b = bareApi();
    expect(b.kubectl('run nginx --image=nginx').stdout).toBe('pod/nginx created\n');
    expect(b.kubectl('get pod nginx --show-labels').stdout.split('\n')[1]?.endsWith('run=nginx')).toBe(true);
  });

  it('exposes a deployment as a service', () => {
    const b = bareApi();
    b.kubectl('create deployment web --image=nginx --port=80');
    expect(b.kubectl('expose deployment web --port=80').stdout).toBe('service/web exposed\n');
    expect(b.kubectl('get svc web -o jsonpath={.spec.selector.app}').stdout).toBe('web');
  });
});

describe('kubectl delete', () => {
  it('deletes by name, prints the kind and waits', () => {
    const b = withPods();
    expect(b.kubectl('delete pod web-1').stdout).toBe('pod "web-1" deleted\n');
    expect(b.kubectl('delete pod web-1').stderr).toBe('Error from server (NotFound): pods "web-1" not found\n');
  });

  it('deletes by selector, field selector and --all', () => {
    const b = withPods();
    expect(b.kubectl('delete pods -l app=db').stdout).toBe('pod "db-1" deleted\n');
    expect(b.kubectl('delete pods --field-selector=metadata.name=web-1').stdout).toBe('pod "web-1" deleted\n');
    expect(b.kubectl('delete pods --all -n kube-system').stdout).toBe('pod "kube-x" deleted\n');
    expect(b.kubectl('delete pods --all').stdout).toBe('No resources found\n');
  });

  it('says force deleted with --force and warns', () => {
    const r = withPods().kubectl('delete pod web-1 --grace-period=0 --force');
    expect(r.stdout).toBe('pod "web-1" force deleted\n');
    expect(r.stderr).toBe(
      'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n',
    );
  });

  it('deletes a deployment with its group in the message', () => {
    const b = bareApi();
    b.kubectl('create deployment web --image=nginx');
    expect(b.kubectl('delete deployment web').stdout).toBe('deployment.apps "web" deleted\n');
  });
});

describe('kubectl scale, set image, rollout, label, nodes', () => {
  it('scales through the scale subresource', () => {
    const b = bareApi();
    b.kubectl('create deployment demo --image=nginx --replicas=3');
    expect(b.kubectl('scale deployment demo --replicas=1').stdout).toBe('deployment.apps/demo scaled\n');
    expect(b.kubectl('get deploy demo -o jsonpath={.spec.replicas}').stdout).toBe('1');
  });

  it('updates an image and restarts a rollout', () => {
    const b = bareApi();
    b.kubectl('create deployment web --image=nginx');
    expect(b.kubectl('set image deployment/web nginx=nginx:1.27').stdout).toBe('deployment.apps/web image updated\n');
    expect(b.kubectl('set image deployment/web nope=x').stderr).toBe('error: unable to find container named "nope"\n');
    expect(b.kubectl('rollout restart deployment/web').stdout).toBe('deployment.apps/web restarted\n');
    expect(b.kubectl('get deploy web -o jsonpath={.spec.template.metadata.annotations}').stdout).toBe(
      '{"kubectl.kubernetes.io/restartedAt":"2024-05-20T10:00:00Z"}',
    );
  });

  it('prints an empty history and refuses undo without one', () => {
    const b = bareApi();
    b.kubectl('create deployment web --image=nginx');
    expect(b.kubectl('rollout history deployment/web').stdout).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n\n');
    expect(b.kubectl('rollout undo deployment/web').stderr).toBe(
      'error: no rollout history found for deployment "web"\n',
    );
  });

  it('labels and unlabels, refusing to overwrite silently', () => {
    const b = withPods();
    expect(b.kubectl('label pod web-1 tier=front').stdout).toBe('pod/web-1 labeled\n');
    expect(b.kubectl('label pod web-1 tier=back').stderr).toBe(
      "error: 'tier' already has a value (front), and --overwrite is false\n",
    );
    expect(b.kubectl('label pod web-1 tier=back --overwrite').stdout).toBe('pod/web-1 labeled\n');
    expect(b.kubectl('label pod web-1 tier-').stdout).toBe('pod/web-1 unlabeled\n');
  });

  it('annotates like kubectl: refuses to overwrite silently, lists, removes', () => {
    const b = withPods();
    expect(b.kubectl('annotate pod web-1 owner=team-a').stdout).toBe('pod/web-1 annotated\n');
    expect(b.kubectl('annotate pod web-1 owner=team-b').stderr).toBe(
      "error: --overwrite is false but found the following declared annotation(s): 'owner' already has a value (team-a)\n",
    );
    expect(b.kubectl('annotate pod web-1 owner=team-b --overwrite').stdout).toBe('pod/web-1 annotated\n');
    expect(b.kubectl('annotate pod web-1 --list').stdout).toBe('owner=team-b\n');
    expect(b.kubectl('annotate pod web-1 owner-').stdout).toBe('pod/web-1 annotated\n');
    expect(b.kubectl('get pod web-1 -o jsonpath={.metadata.annotations}').stdout).toBe('');
  });

  it('taints and untaints nodes with kubectl checks and wording', () => {
    const b = bareApi();
    b.create('nodes', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, spec: {} }, '');
    expect(b.kubectl('taint nodes n1 gpu=true:NoSchedule').stdout).toBe('node/n1 tainted\n');
    expect(b.kubectl('get node n1 -o jsonpath={.spec.taints}').stdout).toBe(
      '[{"effect":"NoSchedule","key":"gpu","value":"true"}]',
    );
    expect(b.kubectl('taint nodes n1 gpu=false:NoSchedule').stderr).toBe(
      'error: Node n1 already has gpu taint(s) with same effect(s) and --overwrite is false\n',
    );
    expect(b.kubectl('taint nodes n1 gpu=false:NoSchedule --overwrite').stdout).toBe('node/n1 modified\n');
    expect(b.kubectl('taint nodes n1 gpu:NoSchedule-').stdout).toBe('node/n1 untainted\n');
    expect(b.kubectl('get node n1 -o jsonpath={.spec.taints}').stdout).toBe('');
    expect(b.kubectl('taint nodes n1 gpu-').stderr).toBe('error: taint "gpu" not found\n');
    expect(b.kubectl('taint nodes n1 gpu=true:Sometimes').stderr).toBe(
      'error: invalid taint effect: Sometimes, unsupported taint effect\n',
    );
    expect(b.kubectl('taint pods n1 gpu=true:NoSchedule').stderr).toBe(
      `error: invalid resource type pods, only ["node" "nodes"] are supported\nSee 'kubectl taint -h' for help and examples\n`,
    );
  });

  it('patches with strategic merge, merge and JSON patches, and says when nothing changed', () => {
    const b = bareApi();
    b.kubectl('create deployment web --image=nginx');
    expect(b.kubectl(`patch deployment web -p {"spec":{"replicas":3}}`).stdout).toBe('deployment.apps/web patched\n');
    const rv = b.kubectl('get deploy web -o jsonpath={.metadata.resourceVersion}').stdout;
    expect(b.kubectl(`patch deployment web -p {"spec":{"replicas":3}}`).stdout).toBe(
      'deployment.apps/web patched (no change)\n',
    );
    // A patch that changes nothing is not written.
    expect(b.kubectl('get deploy web -o jsonpath={.metadata.resourceVersion}').stdout).toBe(rv);
    expect(
      b.kubectl(
        `patch deployment web -p {"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.27"}]}}}}`,
      ).stdout,
    ).toBe('deployment.apps/web patched\n');
    expect(b.kubectl('get deploy web -o jsonpath={.spec.template.spec.containers[0].image}').stdout).toBe('nginx:1.27');
    expect(
      b.kubectl(`patch deployment web --type json -p [{"op":"replace","path":"/spec/replicas","value":1}]`).stdout,
    ).toBe('deployment.apps/web patched\n');
    expect(b.kubectl(`patch deployment web --type merge -p {"metadata":{"labels":{"tier":"web"}}}`).stdout).toBe(
      'deployment.apps/web patched\n',
    );
    expect(b.kubectl('get deploy web -o jsonpath={.spec.replicas}/{.metadata.labels.tier}').stdout).toBe('1/web');
    expect(b.kubectl('patch deployment web').stderr).toBe(
      'error: must specify --patch or --patch-file containing the contents of the patch\n',
    );
    expect(b.kubectl(`patch deployment web --type apply -p {}`).stderr).toBe(
      'error: --type must be one of [json merge strategic], not "apply"\n',
    );
    expect(b.kubectl(`patch deployment nope -p {"spec":{"replicas":3}}`).stderr).toBe(
      'Error from server (NotFound): deployments.apps "nope" not found\n',
    );
  });

  it('cordons and uncordons a node', () => {
    const b = bareApi();
    b.create('nodes', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, spec: {} }, '');
    expect(b.kubectl('cordon n1').stdout).toBe('node/n1 cordoned\n');
    expect(b.kubectl('cordon n1').stdout).toBe('node/n1 already cordoned\n');
    expect(b.kubectl('uncordon n1').stdout).toBe('node/n1 uncordoned\n');
  });

  it('explains why logs are not available for an unscheduled pod', () => {
    expect(withPods().kubectl('logs web-1').stderr).toBe(
      'Error from server (BadRequest): pod web-1 does not have a host assigned\n',
    );
  });
});

describe('kubectl info commands', () => {
  it('prints cluster-info with colours and the debug hint', () => {
    const b = bareApi();
    b.create(
      'services',
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: {
          name: 'kube-dns',
          labels: { 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
        },
        spec: { ports: [{ name: 'dns', port: 53, protocol: 'UDP' }] },
      },
      'kube-system',
    );
    expect(b.kubectl('cluster-info').stdout).toBe(
      '\x1b[0;32mKubernetes control plane\x1b[0m is running at \x1b[0;33mhttps://127.0.0.1:41234\x1b[0m\n' +
        '\x1b[0;32mCoreDNS\x1b[0m is running at \x1b[0;33mhttps://127.0.0.1:41234/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\x1b[0m\n' +
        "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n",
    );
  });

  it('prints client and server versions', () => {
    expect(bareApi().kubectl('version').stdout).toBe(
      'Client Version: v1.30.0\nKustomize Version: v5.0.4-0.20230601165947-6ce0bf390ce3\nServer Version: v1.30.0\n',
    );
  });

  it('lists contexts and switches', () => {
    const b = bareApi();
    expect(b.kubectl('config current-context').stdout).toBe('kind-kind\n');
    expect(b.kubectl('config get-contexts').stdout).toBe(
      'CURRENT   NAME        CLUSTER     AUTHINFO    NAMESPACE\n*         kind-kind   kind-kind   kind-kind   \n',
    );
    expect(b.kubectl('config use-context kind-kind').stdout).toBe('Switched to context "kind-kind".\n');
  });

  it('prints events sorted by time with kubectl events', () => {
    const b = bareApi();
    const ev = (name: string, reason: string, at: string) => ({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name },
      involvedObject: { kind: 'Pod', name: 'web-1', namespace: 'default' },
      reason,
      message: `${reason} happened`,
      type: 'Normal',
      firstTimestamp: at,
      lastTimestamp: at,
      count: 1,
    });
    b.create('events', ev('b', 'Started', '2024-05-20T10:00:00Z'));
    b.create('events', ev('a', 'Pulled', '2024-05-20T09:59:50Z'));
    expect(b.kubectl('events').stdout).toBe(
      'LAST SEEN   TYPE     REASON    OBJECT      MESSAGE\n10s         Normal   Pulled    Pod/web-1   Pulled happened\n0s          Normal   Started   Pod/web-1   Started happened\n',
    );
  });

  it('runs unknown commands into cobra suggestions', () => {
    expect(bareApi().kubectl('gte pods').stderr).toBe(
      'error: unknown command "gte" for "kubectl"\n\nDid you mean this?\n\tget\n',
    );
    expect(bareApi().kubectl('xyzzy').stderr).toBe('error: unknown command "xyzzy" for "kubectl"\n');
  });
});

describe('kubectl usage errors', () => {
  it('prints the full text for get without a type', () => {
    expect(bareApi().kubectl('get').stderr).toBe(
      'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples\n',
    );
  });

  it('points to --help after an unknown flag', () => {
    expect(bareApi().kubectl('get pods --foo').stderr).toBe(
      "error: unknown flag: --foo\nSee 'kubectl get --help' for usage.\n",
    );
    expect(bareApi().kubectl('delete pods -z').stderr).toBe(
      "error: unknown shorthand flag: 'z' in -z\nSee 'kubectl delete --help' for usage.\n",
    );
  });

  it('explains what delete needs', () => {
    expect(bareApi().kubectl('delete pod').stderr).toBe(
      'error: resource(s) were provided, but no name was specified\n',
    );
    expect(bareApi().kubectl('delete').stderr).toBe(
      "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n",
    );
  });

  it('explains what scale needs', () => {
    expect(bareApi().kubectl('scale deployment demo').stderr).toBe('error: required flag(s) "replicas" not set\n');
    expect(bareApi().kubectl('scale deployment demo --replicas=1').stderr).toBe('error: no objects passed to scale\n');
    expect(bareApi().kubectl('scale deployment demo --replicas=x').stderr).toBe(
      'error: invalid argument "x" for "--replicas" flag: strconv.ParseInt: parsing "x": invalid syntax\nSee \'kubectl scale --help\' for usage.\n',
    );
  });

  it('reports a missing pod for describe', () => {
    expect(bareApi().kubectl('describe pod x').stderr).toBe('Error from server (NotFound): pods "x" not found\n');
  });

  it('rejects an invalid label selector with the server message', () => {
    expect(bareApi().kubectl('get pods -l app=(').stderr).toMatch(
      /^Error from server \(BadRequest\): unable to parse requirement/,
    );
  });
});

describe('kubectl describe for other kinds', () => {
  it('describes a ConfigMap with its Data section', () => {
    const b = bareApi();
    b.create('configmaps', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'settings' },
      data: { mode: 'demo' },
    });
    expect(b.kubectl('describe cm settings').stdout).toBe(
      'Name:         settings\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\nData\n====\nmode:\n----\ndemo\n\nBinaryData\n====\n\nEvents:  <none>\n',
    );
  });

  it('describes a namespace', () => {
    expect(bareApi().kubectl('describe ns default').stdout).toBe(
      'Name:         default\nLabels:       kubernetes.io/metadata.name=default\nAnnotations:  <none>\nStatus:       Active\n\nNo resource quota.\n\nNo LimitRange resource.\n',
    );
  });
});

describe('kubectl apply --dry-run', () => {
  it('prints the object with its last-applied annotation instead of the created line', () => {
    const b = bareApi();
    const out = b.kubectl(
      'apply -f - --dry-run=client -o yaml',
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n',
    ).stdout;
    expect(out).toBe(
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  annotations:\n    kubectl.kubernetes.io/last-applied-configuration: |\n      {"apiVersion":"v1","kind":"Namespace","metadata":{"annotations":{},"name":"x"}}\n  name: x\n',
    );
    expect(b.kubectl('get ns x').stderr).toBe('Error from server (NotFound): namespaces "x" not found\n');
    expect(
      b.kubectl('apply -f - --dry-run=client', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n').stdout,
    ).toBe('namespace/x created (dry run)\n');
  });
});

describe('more flags', () => {
  it('prints the generator object for --dry-run=client -o yaml without creating it', () => {
    const b = bareApi();
    expect(b.kubectl('create deployment web --image=nginx --replicas=2 --dry-run=client -o yaml').stdout).toBe(
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: web\n  name: web\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: web\n  strategy: {}\n  template:\n    metadata:\n      creationTimestamp: null\n      labels:\n        app: web\n    spec:\n      containers:\n      - image: nginx\n        name: nginx\n        resources: {}\nstatus: {}\n',
    );
    expect(b.kubectl('get deploy').stderr).toBe('No resources found in default namespace.\n');
    expect(b.kubectl('create deployment web --image=nginx --dry-run=client').stdout).toBe(
      'deployment.apps/web created (dry run)\n',
    );
    expect(b.kubectl('create deployment web --image=nginx --dry-run=maybe').stderr).toBe(
      'error: Invalid dry-run value (maybe). Must be "none", "server", or "client".\n',
    );
  });

  it('turns --grace-period=0 into a normal delete unless --force is given', () => {
    const b = withPods();
    expect(b.kubectl('delete pod web-1 --grace-period=0 --wait=false').stdout).toBe('pod "web-1" deleted\n');
  });

  it('waits for deletion by letting simulated time pass, unless --wait=false', () => {
    const b = withPods();
    const t = b.clock.now();
    b.kubectl('delete pod db-1 --wait=false');
    expect(b.clock.now()).toBe(t);
  });

  it('lists the API resources kubectl discovered', () => {
    const out = bareApi().kubectl('api-resources').stdout.split('\n');
    expect(out[0]).toBe('NAME          SHORTNAMES   APIVERSION               NAMESPACED   KIND');
    expect(out).toContain('pods          po           v1                       true         Pod');
    expect(out).toContain('deployments   deploy       apps/v1                  true         Deployment');
    expect(bareApi().kubectl('api-resources --namespaced=false -o name').stdout).toBe('namespaces\nnodes\n');
  });

  it('prints watch events with --output-watch-events and only changes with --watch-only', () => {
    const b = withPods();
    const env = b.env();
    let n = 0;
    env.advance = (ms) => {
      b.clock.advance(ms);
      if (++n === 1) b.create('pods', pod('web-2', { app: 'web' }));
    };
    const r = runKubectl(['get', 'pods', '-l', 'app=web', '--watch-only', '--output-watch-events'], env);
    expect(r.stdout).toBe(
      'EVENT   NAME    READY   STATUS    RESTARTS   AGE\nADDED   web-2   0/1     Pending   0          0s\n',
    );
  });
});
