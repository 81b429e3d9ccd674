import { describe, expect, test } from 'vitest';
import { bench } from './harness';
import { POD, setDeploymentStatus, WEB_DEPLOYMENT } from './fixtures';

describe('kubectl apply / create / replace', () => {
  test('apply creates, then reports unchanged, then configured; records last-applied', () => {
    const b = bench();
    b.file('pod.yaml', POD('web'));
    expect(b.k('apply -f pod.yaml')).toEqual({ stdout: 'pod/web created\n', stderr: '', exitCode: 0 });
    expect(b.k('apply -f pod.yaml').stdout).toBe('pod/web unchanged\n');
    expect(b.cluster.api.get('pods', 'default', 'web').metadata?.annotations?.['kubectl.kubernetes.io/last-applied-configuration']).toBe(
      '{"apiVersion":"v1","kind":"Pod","metadata":{"annotations":{},"labels":{"app":"x"},"name":"web","namespace":"default"},"spec":{"containers":[{"image":"busybox","name":"c"}]}}\n',
    );
    b.file('pod.yaml', POD('web', 'tier: front'));
    expect(b.k('apply -f pod.yaml').stdout).toBe('pod/web configured\n');
    // Three-way merge: the label the old manifest set and the new one dropped is removed.
    expect(b.cluster.api.get('pods', 'default', 'web').metadata?.labels).toEqual({ tier: 'front' });
  });

  test('apply keeps fields that other writers set (labels added by kubectl label survive)', () => {
    const b = bench();
    b.file('pod.yaml', POD('web'));
    b.k('apply -f pod.yaml');
    expect(b.k('label pod web extra=yes').stdout).toBe('pod/web labeled\n');
    expect(b.k('apply -f pod.yaml').stdout).toBe('pod/web unchanged\n');
    expect(b.cluster.api.get('pods', 'default', 'web').metadata?.labels).toEqual({ app: 'x', extra: 'yes' });
  });

  test('multi-document files, JSON, List kinds, directories and stdin', () => {
    const b = bench();
    b.fs.mkdir('/root/manifests');
    b.file('/root/manifests/a.yaml', `${POD('a')}---\n${POD('b')}`);
    b.file('/root/manifests/c.json', JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data: { k: 'v' } }] }));
    b.file('/root/manifests/notes.txt', 'ignored');
    expect(b.k('apply -f manifests').stdout).toBe('pod/a created\npod/b created\nconfigmap/cfg created\n');
    expect(b.k('apply -f -', POD('d')).stdout).toBe('pod/d created\n');
  });

  test('malformed YAML: go-yaml shaped error with the line, nothing created', () => {
    const b = bench();
    b.file('web.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: name: web\n');
    expect(b.k('apply -f web.yaml')).toEqual({
      stdout: '',
      stderr: 'error: error parsing web.yaml: error converting YAML to JSON: yaml: line 3: mapping values are not allowed in this context\n',
      exitCode: 1,
    });
  });

  test('a JSON manifest (here a List) applies exactly as the same objects in YAML do', () => {
    const objects = [0, 1].map((i) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}`, labels: { n: String(i) } }, data: { key: `value ${i}` } }));
    const yaml = objects.map((o) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${o.metadata.name}\n  labels:\n    n: "${o.metadata.labels.n}"\ndata:\n  key: ${o.data.key}\n`).join('---\n');
    const [fromJson, fromYaml] = [JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects }, null, 2), yaml].map((text) => {
      const b = bench();
      b.file('cms.json', text);
      expect(b.k('apply -f cms.json').stdout).toBe('configmap/cm-0 created\nconfigmap/cm-1 created\n');
      return b.k('get configmaps -l n -o yaml').stdout;
    });
    expect(fromJson).toBe(fromYaml);
    expect(fromJson).toContain('kubectl.kubernetes.io/last-applied-configuration');
  });

  test('an unclosed flow collection and a tab in the indentation read as go-yaml reports them', () => {
    // The same files given to a real kubectl 1.32 (create --dry-run=client) print these lines.
    const b = bench();
    const parse = (name: string, text: string) => {
      b.file(name, text);
      return b.k(`create -f ${name}`).stderr;
    };
    expect(parse('flow.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: {a: b\nspec:\n  containers: []\n')).toBe(
      "error: error parsing flow.yaml: error converting YAML to JSON: yaml: line 5: did not find expected ',' or '}'\n",
    );
    expect(parse('seq.yaml', 'a: [1, 2\nb: 3\n')).toBe("error: error parsing seq.yaml: error converting YAML to JSON: yaml: line 1: did not find expected ',' or ']'\n");
    expect(parse('tab.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n\tlabels: x\n')).toBe(
      'error: error parsing tab.yaml: error converting YAML to JSON: yaml: line 5: found a tab character that violates indentation\n',
    );
  });

  test('JSON that does not parse is read as YAML, with its error', () => {
    const b = bench();
    b.file('bad.json', '{"apiVersion": "v1", "kind": "Pod",\n "metadata": {"name": "web"}');
    const result = b.k('apply -f bad.json');
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/^error: error parsing bad\.json: error converting YAML to JSON: yaml: line \d+: /);
  });

  test('unknown kind and missing kind', () => {
    const b = bench();
    b.file('x.yaml', 'apiVersion: v1\nkind: Foo\nmetadata:\n  name: x\n');
    expect(b.k('apply -f x.yaml').stderr).toBe(
      'error: resource mapping not found for name: "x" namespace: "" from "x.yaml": no matches for kind "Foo" in version "v1"\nensure CRDs are installed first\n',
    );
    b.file('y.yaml', 'apiVersion: v1\nmetadata:\n  name: y\n');
    expect(b.k('apply -f y.yaml').stderr).toBe(
      'error: error validating "y.yaml": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false\n',
    );
    expect(b.k('apply -f missing.yaml').stderr).toBe('error: the path "missing.yaml" does not exist\n');
  });

  test('invalid objects: one cause inline, several as a list', () => {
    const b = bench();
    b.file('bad.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: bad\nspec:\n  containers:\n  - name: c\n');
    expect(b.k('apply -f bad.yaml').stderr).toBe('The Pod "bad" is invalid: spec.containers[0].image: Required value\n');
    b.file('worse.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: Bad_Name\nspec:\n  containers:\n  - name: c\n');
    expect(b.k('create -f worse.yaml').stderr).toMatchInlineSnapshot(`
      "The Pod "Bad_Name" is invalid: 
      * metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')
      * spec.containers[0].image: Required value
      "
    `);
  });

  test('create reports AlreadyExists with the file name and continues', () => {
    const b = bench();
    b.file('web.yaml', `${WEB_DEPLOYMENT}---\n${POD('p')}`);
    b.k('create -f web.yaml');
    b.k('delete pod p');
    expect(b.k('create -f web.yaml')).toMatchObject({
      stdout: 'pod/p created\n',
      stderr: 'Error from server (AlreadyExists): error when creating "web.yaml": deployments.apps "web" already exists\n',
      exitCode: 1,
    });
  });

  test('replace writes over the live object; a stale resourceVersion conflicts', () => {
    const b = bench();
    b.file('pod.yaml', POD('web'));
    b.k('create -f pod.yaml');
    // A bare manifest cannot replace a pod: admission added the service-account volume, and a
    // pod's spec is immutable. Replacing from the live object works.
    b.file('bare.yaml', POD('web', 'app: y'));
    expect(b.k('replace -f bare.yaml').stderr).toMatch(/^The Pod "web" is invalid: spec: Forbidden: pod updates may not change fields other than/);
    b.file('pod.yaml', b.k('get pod web -o yaml').stdout.replace('app: x', 'app: y'));
    expect(b.k('replace -f pod.yaml').stdout).toBe('pod/web replaced\n');
    b.file('stale.yaml', `${POD('web')}`.replace('  name: web', '  name: web\n  resourceVersion: "1"'));
    expect(b.k('replace -f stale.yaml').stderr).toBe(
      'Error from server (Conflict): error when replacing "stale.yaml": Operation cannot be fulfilled on pods "web": the object has been modified; please apply your changes to the latest version and try again\n',
    );
  });

  test('--dry-run=client -o yaml prints what would be sent and creates nothing', () => {
    const b = bench();
    expect(b.k('run web --image=nginx --port=80 --dry-run=client -o yaml').stdout).toMatchInlineSnapshot(`
      "apiVersion: v1
      kind: Pod
      metadata:
        labels:
          run: web
        name: web
      spec:
        containers:
        - image: nginx
          name: web
          ports:
          - containerPort: 80
          resources: {}
        dnsPolicy: ClusterFirst
        restartPolicy: Always
      status: {}
      "
    `);
    expect(b.k('get pods').stderr).toBe('No resources found in default namespace.\n');
    expect(b.k('create deployment web --image=nginx --dry-run=client').stdout).toBe('deployment.apps/web created (dry run)\n');
  });
});

describe('kubectl run / expose / scale / set image / label / annotate', () => {
  test('run creates a pod with args after --', () => {
    const b = bench();
    expect(b.k(['run', 'web', '--image=busybox', '--restart=Never', '--labels=app=web', '--env=A=1', '--', 'sleep', '3600']).stdout).toBe('pod/web created\n');
    const pod = b.cluster.api.get<import('kubernetes-types/core/v1').Pod>('pods', 'default', 'web');
    expect(pod.metadata?.labels).toEqual({ app: 'web' });
    expect(pod.spec?.containers[0]?.args).toEqual(['sleep', '3600']);
    expect(pod.spec?.containers[0]?.env).toEqual([{ name: 'A', value: '1' }]);
    expect(pod.spec?.restartPolicy).toBe('Never');
    expect(b.k('run x').stderr).toBe('error: required flag(s) "image" not set\n');
  });

  test('run --expose makes a ClusterIP Service for the pod (printed first until 1.37, after the pod since); --annotations, --privileged', () => {
    const b = bench();
    expect(b.k('run web --image=nginx:1.27 --port=80 --expose --annotations=team=a --annotations=note=x=y').stdout).toBe('service/web created\npod/web created\n');
    expect(b.k(['get', 'svc', 'web', '-o', 'jsonpath={.spec.selector.run} {.spec.ports[0].targetPort} {.metadata.labels}']).stdout).toBe('web 80 ');
    expect(b.k('get pod web -o jsonpath={.metadata.annotations}').stdout).toBe('{"note":"x=y","team":"a"}');
    expect(b.k('run bad --image=nginx:1.27 --expose')).toEqual({ stdout: '', stderr: 'error: --port must be set when exposing a service\n', exitCode: 1 });
    expect(b.cluster.api.tryGet('pods', 'default', 'bad')).toBeUndefined();
    expect(b.k('run p --image=busybox:1.36 --privileged --dry-run=client -o jsonpath={.spec.containers[0].securityContext}').stdout).toBe('{"privileged":true}');
    expect(bench({ version: '1.37.0' }).k('run web --image=nginx:1.27 --port=80 --expose').stdout).toBe('pod/web created\nservice/web created\n');
  });

  test('expose takes the selector from the deployment and the port from the flag or its containers', () => {
    const b = bench();
    b.file('web.yaml', WEB_DEPLOYMENT);
    b.k('apply -f web.yaml');
    expect(b.k('expose deployment web --port=8080 --target-port=80').stdout).toBe('service/web exposed\n');
    const svc = b.cluster.api.get<import('kubernetes-types/core/v1').Service>('services', 'default', 'web');
    expect(svc.spec?.selector).toEqual({ app: 'web' });
    expect(svc.spec?.ports).toEqual([{ port: 8080, protocol: 'TCP', targetPort: 80 }]);
    expect(b.k('expose deploy web --name=web2').stdout).toBe('service/web2 exposed\n');
    expect(b.cluster.api.get<import('kubernetes-types/core/v1').Service>('services', 'default', 'web2').spec?.ports?.[0]?.port).toBe(80);
  });

  test('scale and set image on a deployment', () => {
    const b = bench();
    b.file('web.yaml', WEB_DEPLOYMENT);
    b.k('apply -f web.yaml');
    setDeploymentStatus(b.cluster, 'web', { replicas: 2 });
    expect(b.k('scale deployment web --replicas=5').stdout).toBe('deployment.apps/web scaled\n');
    expect(b.k('scale deployment web --replicas=-1').stderr).toBe('error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n');
    expect(b.k('set image deployment/web web=nginx:1.28').stdout).toBe('deployment.apps/web image updated\n');
    expect(b.k('set image deployment/web nope=nginx:1.28').stderr).toBe('error: unable to find container named "nope"\n');
    const d = b.cluster.api.get<import('kubernetes-types/apps/v1').Deployment>('deployments', 'default', 'web');
    expect(d.spec?.replicas).toBe(5);
    expect(d.spec?.template.spec?.containers[0]?.image).toBe('nginx:1.28');
  });

  test('--dry-run on scale, label, annotate, set image and set env changes nothing and says so; -o name prints the name', () => {
    const b = bench();
    b.file('web.yaml', WEB_DEPLOYMENT);
    b.k('apply -f web.yaml');
    const before = JSON.stringify(b.cluster.api.get('deployments', 'default', 'web'));
    expect(b.k('scale deployment web --replicas=5 --dry-run=client').stdout).toBe('deployment.apps/web scaled (dry run)\n');
    expect(b.k('scale deployment web --replicas=5 --dry-run=server').stdout).toBe('deployment.apps/web scaled (server dry run)\n');
    expect(b.k('label deployment web tier=front --dry-run=client').stdout).toBe('deployment.apps/web labeled (dry run)\n');
    expect(b.k('annotate deployment web note=hi --dry-run=client').stdout).toBe('deployment.apps/web annotated (dry run)\n');
    expect(b.k('set image deployment/web web=nginx:1.28 --dry-run=client').stdout).toBe('deployment.apps/web image updated (dry run)\n');
    expect(b.k('set env deployment/web A=1 --dry-run=client').stdout).toBe('deployment.apps/web env updated (dry run)\n');
    expect(b.k('scale deployment web --replicas=4 --dry-run=client -o jsonpath={.spec.replicas}').stdout).toBe('4');
    expect(JSON.stringify(b.cluster.api.get('deployments', 'default', 'web'))).toBe(before);
    expect(b.k('scale deployment web --replicas=3 -o name').stdout).toBe('deployment.apps/web\n');
    expect(b.k('label deployment web tier=front -o name').stdout).toBe('deployment.apps/web\n');
  });

  test('set env adds, overwrites and removes variables, lists them, and is silent when nothing changes', () => {
    const b = bench();
    b.file('web.yaml', WEB_DEPLOYMENT);
    b.k('apply -f web.yaml');
    expect(b.k('set env deployment/web A=1 B=2').stdout).toBe('deployment.apps/web env updated\n');
    expect(b.k('set env deployment/web A=1')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(b.k('set env deployment/web A=3 B-').stdout).toBe('deployment.apps/web env updated\n');
    expect(b.k('set env deploy web --list').stdout).toBe('# Deployment web, container web\nA=3\n');
    expect(b.k('set env deployment/web C=1 -c nope')).toEqual({ stdout: '', stderr: 'Warning: Deployment/web does not have any containers matching "nope"\n', exitCode: 0 });
    expect(b.k('set env deployment/web').stderr).toBe('error: at least one environment variable must be provided\n');
    const d = b.cluster.api.get<import('kubernetes-types/apps/v1').Deployment>('deployments', 'default', 'web');
    expect(d.spec?.template.spec?.containers[0]?.env).toEqual([{ name: 'A', value: '3' }]);
  });

  test('label with --overwrite and key- removal; annotate', () => {
    const b = bench();
    b.file('pod.yaml', POD('web', 'app: web'));
    b.k('apply -f pod.yaml');
    expect(b.k('label pod web app=api')).toEqual({ stdout: '', stderr: "error: 'app' already has a value (web), and --overwrite is false\n", exitCode: 1 });
    expect(b.k('label pod web app=api --overwrite').stdout).toBe('pod/web labeled\n');
    expect(b.k('label pod web app=api --overwrite').stdout).toBe('pod/web not labeled\n');
    expect(b.k('label pods web app-').stdout).toBe('pod/web unlabeled\n');
    expect(b.k('annotate pod/web note=hello').stdout).toBe('pod/web annotated\n');
    expect(b.k('annotate pod/web note=bye').stderr).toBe("error: --overwrite is false but found the following declared annotation(s): 'note' already has a value (hello)\n");
  });
});

describe('kubectl delete', () => {
  test('prints "from <ns> namespace" on 1.34 and the old text on 1.33', () => {
    const b = bench();
    b.file('pod.yaml', POD('web'));
    b.k('apply -f pod.yaml');
    expect(b.k('delete pod web')).toEqual({ stdout: 'pod "web" deleted from default namespace\n', stderr: '', exitCode: 0 });
    const old = bench({ version: '1.33.4' });
    old.file('pod.yaml', POD('web'));
    old.k('apply -f pod.yaml');
    expect(old.k('delete -f pod.yaml').stdout).toBe('pod "web" deleted\n');
    expect(old.k('delete ns kube-public').stdout).toBe('namespace "kube-public" deleted\n');
  });

  test('not found, no names, -l, --all, --force warning', () => {
    const b = bench();
    b.file('pods.yaml', `${POD('a')}---\n${POD('b', 'app: y')}---\n${POD('c')}`);
    b.k('apply -f pods.yaml');
    expect(b.k('delete pod nope').stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect(b.k('delete pods').stderr).toBe('error: resource(s) were provided, but no name was specified\n');
    expect(b.k('delete pods -l app=y').stdout).toBe('pod "b" deleted from default namespace\n');
    const forced = b.k('delete pod a --force --grace-period=0');
    expect(forced).toMatchObject({
      stdout: 'pod "a" force deleted from default namespace\n',
      stderr: 'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n',
      exitCode: 0,
    });
    // The warning reaches the terminal before the result line, as kubectl prints it.
    expect(forced.chunks?.map((c) => c.stream)).toEqual(['stderr', 'stdout']);
    expect(b.k('delete pods --all').stdout).toBe('pod "c" deleted from default namespace\n');
    expect(b.k('delete pods --all').stdout).toBe('No resources found\n');
  });
});

describe('-o on verbs that write', () => {
  const refused = (format: string) =>
    `error: unable to match a printer suitable for the output format "${format}", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n`;

  test('table formats are refused; most verbs refuse before they write, label only after its patch', () => {
    const b = bench();
    expect(b.k('create deployment web --image=nginx:1.27 -o wide')).toEqual({ stdout: '', stderr: refused('wide'), exitCode: 1 });
    expect(b.k('get deployments').stderr).toBe('No resources found in default namespace.\n');
    b.k('create deployment web --image=nginx:1.27');
    expect(b.k('scale deployment web --replicas=3 -o custom-columns=N:.metadata.name').stderr).toBe(refused('custom-columns=N:.metadata.name'));
    expect(b.k('get deployment web -o jsonpath={.spec.replicas}').stdout).toBe('1');
    expect(b.k('label deployment web tier=front -o wide').stderr).toBe(refused('wide'));
    expect(b.k('get deployment web -o jsonpath={.metadata.labels.tier}').stdout).toBe('front');
    expect(b.k('annotate deployment web note=x -o name').stdout).toBe('deployment.apps/web\n');
  });
});

describe('the deprecated forms of --dry-run', () => {
  test('a bare --dry-run is a client dry run, with klog\'s warning first; booleans map to client and none', () => {
    const b = bench();
    const bare = b.k('run web --image=nginx:1.27 --dry-run');
    expect(bare.chunks).toEqual([
      { stream: 'stderr', text: 'W0101 00:00:00.000000    4243 helpers.go:731] --dry-run is deprecated and can be replaced with --dry-run=client.\n' },
      { stream: 'stdout', text: 'pod/web created (dry run)\n' },
    ]);
    expect(b.k('get pods').stderr).toBe('No resources found in default namespace.\n');
    expect(b.k('run web --image=nginx:1.27 --dry-run=True').stderr).toBe('W0101 00:00:00.000000    4243 helpers.go:745] --dry-run=True is deprecated (boolean value) and can be replaced with --dry-run=client.\n');
    expect(b.k('run web --image=nginx:1.27 --dry-run=false').stdout).toBe('pod/web created\n');
    expect(b.k('get pods -o name').stdout).toBe('pod/web\n');
    expect(b.k('label pod web a=b --dry-run=maybe').stderr).toBe('error: Invalid dry-run value (maybe). Must be "none", "server", or "client".\n');
  });
});
