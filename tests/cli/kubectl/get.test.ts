import { describe, expect, test } from 'vitest';
import { Session } from '../../../src/cli/session';
import { bench } from './harness';
import { DEFAULT_COMPONENTS } from '../../../src/engine/components';
import { POD, WEB_DEPLOYMENT } from './fixtures';

function withPods() {
  const b = bench();
  b.file('pods.yaml', `${POD('api', 'app: api')}---\n${POD('web', 'app: web')}`);
  expect(b.k('apply -f pods.yaml').exitCode).toBe(0);
  return b;
}

describe('kubectl get', () => {
  test('prints a table through the printers and ages from virtual time', () => {
    const b = withPods();
    b.cluster.advance(65_000);
    expect(b.k('get pods').stdout).toMatchInlineSnapshot(`
      "NAME   READY   STATUS    RESTARTS   AGE
      api    0/1     Pending   0          65s
      web    0/1     Pending   0          65s
      "
    `);
  });

  test('several names, type/name and comma-separated types', () => {
    const b = withPods();
    expect(b.k('get pods web api').stdout.split('\n').map((l) => l.split(' ')[0])).toEqual(['NAME', 'web', 'api', '']);
    expect(b.k('get pod/web').stdout).toContain('\nweb ');
    const mixed = b.k('get svc,po');
    expect(mixed.stdout).toMatchInlineSnapshot(`
      "NAME                 TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE
      service/kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   0s

      NAME      READY   STATUS    RESTARTS   AGE
      pod/api   0/1     Pending   0          0s
      pod/web   0/1     Pending   0          0s
      "
    `);
  });

  test('not found goes to stderr with exit 1; found ones still print', () => {
    const b = withPods();
    const r = b.k('get pods web nope');
    expect(r.stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect(r.stdout).toContain('web');
    expect(r.exitCode).toBe(1);
  });

  test('an empty namespaced list says so on stderr', () => {
    expect(bench().k('get pods')).toEqual({ stdout: '', stderr: 'No resources found in default namespace.\n', exitCode: 0 });
    expect(bench().k('get pods -A').stderr).toBe('No resources found\n');
  });

  test('-l, --show-labels and -A', () => {
    const b = withPods();
    expect(b.k('get pods -l app=web --show-labels').stdout).toMatchInlineSnapshot(`
      "NAME   READY   STATUS    RESTARTS   AGE   LABELS
      web    0/1     Pending   0          0s    app=web
      "
    `);
    expect(b.k('get pods -l app=nothing').stderr).toBe('No resources found in default namespace.\n');
    expect(b.k('get pods -A').stdout.split('\n')[0]).toBe('NAMESPACE   NAME   READY   STATUS    RESTARTS   AGE');
  });

  test('-o name, jsonpath with ranges and filters, custom-columns, --sort-by', () => {
    const b = withPods();
    expect(b.k('get pods -o name').stdout).toBe('pod/api\npod/web\n');
    expect(b.k(['get', 'pods', '-o', 'jsonpath={.items[*].metadata.name}']).stdout).toBe('api web');
    expect(b.k(['get', 'pods', '-o', 'jsonpath={range .items[*]}{.metadata.name}{"\\t"}{.spec.containers[0].image}{"\\n"}{end}']).stdout).toBe('api\tbusybox\nweb\tbusybox\n');
    expect(b.k(['get', 'pods', '-o', 'jsonpath={.items[?(@.metadata.name=="web")].metadata.labels.app}']).stdout).toBe('web');
    expect(b.k(['get', 'svc', 'kubernetes', '-o', 'jsonpath={.spec.ports[0].port}']).stdout).toBe('443');
    expect(b.k(['get', 'pods', '-o', 'custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[*].image,NODE:.spec.nodeName']).stdout).toMatchInlineSnapshot(`
      "NAME   IMAGE     NODE
      api    busybox   <none>
      web    busybox   <none>
      "
    `);
    expect(b.k(['get', 'pods', '--no-headers', '-o', 'custom-columns=NAME:.metadata.name']).stdout).toBe('api\nweb\n');
    expect(b.k('get pods --sort-by=.metadata.labels.app -o name').stdout).toBe('pod/api\npod/web\n');
  });

  test('--sort-by a path no object has is an error; -o jsonpath-as-json prints each step as a JSON array', () => {
    const b = withPods();
    const bogus = b.k('get pods --sort-by=status.bogus');
    expect(bogus.stderr).toBe('error: couldn\'t find any field with path "{.status.bogus}" in the list of objects\n');
    expect(bogus.exitCode).toBe(1);
    expect(b.k('get pod web --sort-by=.bogus -o name').stdout).toBe('pod/web\n');
    expect(b.k(['get', 'pods', '-o', 'jsonpath-as-json={.items[*].metadata.name}']).stdout).toBe('[\n    "api",\n    "web"\n]\n');
    expect(b.k(['get', 'pod', 'web', '-o', 'jsonpath-as-json=x{.metadata.labels}{.metadata.bogus}']).stdout).toBe('[\n    "x"\n]\n[\n    {\n        "app": "web"\n    }\n]\n[]\n');
  });

  test('-o yaml of one object prints it bare, of a list as a List', () => {
    const b = bench();
    b.file('web.yaml', WEB_DEPLOYMENT);
    b.k('create -f web.yaml');
    const one = b.k('get deploy web -o yaml').stdout;
    expect(one.startsWith('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  creationTimestamp: "2026-01-01T00:00:00Z"\n')).toBe(true);
    expect(one).toContain('  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - image: nginx:1.27\n');
    const list = b.k('get deploy -o yaml').stdout;
    expect(list.startsWith('apiVersion: v1\nitems:\n- apiVersion: apps/v1\n')).toBe(true);
    expect(list.endsWith('kind: List\nmetadata:\n  resourceVersion: ""\n')).toBe(true);
    const json = JSON.parse(b.k('get deploy web -o json').stdout) as { kind: string };
    expect(json.kind).toBe('Deployment');
    expect(b.k('get deploy web -o json').stdout.split('\n')[1]).toBe('    "apiVersion": "apps/v1",');
  });

  test('-o json writes every map with its keys sorted, as Go encodes the unstructured objects kubectl reads', () => {
    const b = withPods();
    const text = b.k('get pod web -o json').stdout;
    expect(text).toContain('        "creationTimestamp": "2026-01-01T00:00:00Z",\n        "generation": 1,\n        "labels": {');
    expect(text).toContain('            {\n                "image": "busybox",\n                "imagePullPolicy": "Always",\n                "name": "c",\n                "resources": {},\n');
    const keysInOrder = (value: unknown): boolean => {
      if (Array.isArray(value)) return value.every(keysInOrder);
      if (value === null || typeof value !== 'object') return true;
      const keys = Object.keys(value);
      return keys.every((k, i) => i === 0 || keys[i - 1]! < k) && Object.values(value).every(keysInOrder);
    };
    expect(keysInOrder(JSON.parse(text))).toBe(true);
    expect(keysInOrder(JSON.parse(b.k('get pods -o json').stdout))).toBe(true);
  });

  test('an unknown output format', () => {
    expect(bench().k('get pods -o xml').stderr).toBe(
      'error: unable to match a printer suitable for the output format "xml", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml\n',
    );
  });

  test('get all lists pods, services, daemonsets, deployments and replicasets, in that order', () => {
    const b = withPods();
    const out = b.k('get all').stdout;
    expect(out).toContain('pod/api');
    expect(out).toContain('service/kubernetes');
    b.cluster.api.create('daemonsets', { metadata: { name: 'agent', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'a', image: 'busybox:1.36' }] } } } });
    const kinds = b.k('get all -o name').stdout.split('\n').filter(Boolean).map((line) => line.split('/')[0]);
    expect([...new Set(kinds)]).toEqual(['pod', 'service', 'daemonset.apps']);
  });

  test('nodes are cluster-scoped', () => {
    expect(bench().k('get nodes -o name').stdout).toBe('node/control-plane\nnode/node-1\nnode/node-2\n');
  });

  test('node labels: the kubelet\'s (beta.* pair included) and kubeadm\'s on the control plane', () => {
    const labels = bench().k('get nodes -o custom-columns=L:.metadata.labels --no-headers').stdout.split('\n');
    expect(bench().k('get node control-plane --show-labels --no-headers').stdout).toMatch(
      / {3}beta\.kubernetes\.io\/arch=amd64,beta\.kubernetes\.io\/os=linux,kubernetes\.io\/arch=amd64,kubernetes\.io\/hostname=control-plane,kubernetes\.io\/os=linux,node-role\.kubernetes\.io\/control-plane=,node\.kubernetes\.io\/exclude-from-external-load-balancers=\n$/,
    );
    expect(labels[1]).not.toContain('exclude-from-external-load-balancers');
  });

  test('-w with nothing changing prints the table and lets --request-timeout of virtual time pass', () => {
    const b = withPods();
    const start = b.cluster.now();
    const r = b.k('get pods -w --request-timeout=2s');
    expect(b.cluster.now() - start).toBe(2000);
    expect(r.stdout).toMatchInlineSnapshot(`
      "NAME   READY   STATUS    RESTARTS   AGE
      api    0/1     Pending   0          0s
      web    0/1     Pending   0          0s
      "
    `);
  });
});

describe('custom-columns print values as Go does from unstructured objects', () => {
  test('maps as map[k:v] with sorted keys, lists as [a b], nulls as <nil>, missing as <none>', () => {
    const b = withPods();
    b.cluster.advance(5_000);
    const out = b.k(['get', 'pods', 'web', '-o', 'custom-columns=L:.metadata.labels,P:.spec.containers[0].ports,G:.metadata.finalizers,A:.spec.containers[0].args', '--no-headers']).stdout;
    expect(out.trim().split(/\s{3,}/)).toEqual(['map[app:web]', '<none>', '<none>', '<none>']);
    const s = new Session({ seed: 1 });
    s.run('kubectl run web --image=nginx:1.27');
    s.run('sleep 5');
    expect(s.run('kubectl get events --field-selector reason=Scheduled -o custom-columns=LAST:.lastTimestamp,TIME:.eventTime --no-headers').output).toMatch(/^<nil> +\d{4}-\d\d-\d\dT[\d:.]+Z\n$/);
  });
});

describe('apply and create -f take no other arguments', () => {
  test('a glob that expands to two files names the second as an unexpected argument', () => {
    const b = withPods();
    b.file('b.yaml', POD('other', 'app: other'));
    expect(b.k('apply -f pods.yaml b.yaml')).toMatchObject({ exitCode: 1, stderr: "error: Unexpected args: [b.yaml]\nSee 'kubectl apply -h' for help and examples\n" });
    expect(b.k('apply b.yaml')).toMatchObject({ exitCode: 1, stderr: "error: Unexpected args: [b.yaml]\nSee 'kubectl apply -h' for help and examples\n" });
    expect(b.k('create -f b.yaml pods.yaml')).toMatchObject({ exitCode: 1, stderr: "error: Unexpected args: [pods.yaml]\nSee 'kubectl create -h' for help and examples\n" });
    const both = 'error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well\n';
    expect(b.k('delete -f pods.yaml b.yaml')).toMatchObject({ exitCode: 1, stderr: both });
    expect(b.k('replace -f pods.yaml b.yaml')).toMatchObject({ exitCode: 1, stderr: both });
    expect(b.k('get pods -o name').stdout).toBe('pod/api\npod/web\n');
  });
});

describe('-o jsonpath past the end of a list', () => {
  test('fails as JSONPathPrinter does, with the template and the object (Go %#v) to debug it', () => {
    const b = bench();
    expect(b.k(['get', 'pods', '-o', 'jsonpath={.items[0].metadata.name}'])).toEqual({
      stdout: '',
      stderr:
        'error: error executing jsonpath "{.items[0].metadata.name}": Error executing template: array index out of bounds: index 0, length 0. Printing more information for debugging the template:\n' +
        '\ttemplate was:\n\t\t{.items[0].metadata.name}\n\tobject given to jsonpath engine was:\n\t\tmap[string]interface {}{"apiVersion":"v1", "items":[]interface {}{}, "kind":"List", "metadata":map[string]interface {}{"resourceVersion":""}}\n\n\n',
      exitCode: 1,
    });
    // A real kubectl 1.33 prints the same for this dry run, less the zero creationTimestamp 1.34 no longer writes.
    expect(b.k(['create', 'deployment', 'x', '--image=nginx', '--dry-run=client', '-o', 'jsonpath={.spec.template.spec.containers[3].name}']).stderr).toContain(
      'array index out of bounds: index 3, length 1.',
    );
    expect(b.k(['create', 'deployment', 'x', '--image=nginx', '--dry-run=client', '-o', 'jsonpath={.spec.template.spec.containers[-1].name}']).stdout).toBe('nginx');
  });
});

describe('--field-selector', () => {
  test('=, == and != on the fields the kind supports; others refused as the API server and kubectl word it', () => {
    const b = bench({ components: DEFAULT_COMPONENTS });
    b.k('run p1 --image=nginx:1.27');
    b.k('run bad --image=nginx:9.99-nope');
    b.cluster.advance(20_000);
    expect(b.k(['get', 'pods', '--field-selector=status.phase!=Running', '-o', 'name']).stdout).toBe('pod/bad\n');
    expect(b.k(['get', 'pods', '--field-selector', 'status.phase==Running,spec.restartPolicy=Always', '-o', 'name']).stdout).toBe('pod/p1\n');
    expect(b.k(['get', 'pods', '-l', 'app=x', '--field-selector=metadata.nme=p'])).toEqual({
      stdout: '',
      stderr: 'Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "app=x", field selector "metadata.nme=p": field label not supported: metadata.nme\n',
      exitCode: 1,
    });
    expect(b.k(['get', 'deploy', '--field-selector=spec.replicas=1']).stderr).toBe(
      'Error from server (BadRequest): Unable to find "apps/v1, Resource=deployments" that match label selector "", field selector "spec.replicas=1": "spec.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"\n',
    );
    expect(b.k(['get', 'pods', '--field-selector=status.phase']).stderr).toBe("error: invalid selector: 'status.phase'; can't understand 'status.phase'\n");
  });
});

describe('-o jsonpath unions and quoted names', () => {
  // Each expectation is what a real kubectl 1.32 prints for the same dry run.
  test("['a', 'b'] and [0,1] take each member over every value; a quoted name is a path", () => {
    const b = bench();
    const jp = (args: string[], template: string) => b.k([...args, '--dry-run=client', '-o', `jsonpath=${template}`]).stdout;
    const deploy = ['create', 'deployment', 'x', '--image=nginx', '--image=busybox'];
    expect(jp(deploy, "{.metadata['name', 'labels']}")).toBe('x {"app":"x"}');
    expect(jp(deploy, "{['kind', 'apiVersion']}")).toBe('Deployment apps/v1');
    expect(jp(deploy, "{.spec.template.spec.containers[*]['name', 'image']}")).toBe('nginx busybox nginx busybox');
    expect(jp(deploy, '{.spec.template.spec.containers[0,1].name}')).toBe('nginx busybox');
    expect(jp(deploy, "{.metadata['labels.app']}")).toBe('x');
    const configMap = ['create', 'configmap', 'c', '--from-literal=a.b=1', '--from-literal=c=2'];
    expect(jp(configMap, "{.data['a.b']}")).toBe('');
    expect(jp(configMap, "{.data['c', 'nope', 'c']}")).toBe('2 2');
    expect(jp(configMap, '{.data.a\\.b}')).toBe('1');
  });
});
