import { describe, expect, test } from 'vitest';
import { Session } from '../../../src/cli/session';

/** Each expectation is what kubectl 1.34 prints (its source at v0.34.2, or the 1.33 binary where no server is needed). */
function session(lines: string[]): Session {
  const s = new Session({ seed: 1 });
  for (const line of lines) s.run(line);
  return s;
}

describe('exec and logs on a Service or workload reach one of its pods', () => {
  const s = session(['kubectl run c3 --image=busybox -- sleep 3600', 'kubectl create deployment web --image=nginx:1.27', 'kubectl expose deploy web --port=80', 'kubectl create configmap cm', 'sleep 10']);

  test("a Service's selector picks the pod, not any pod of the namespace", () => {
    expect(s.run('kubectl exec svc/web -- hostname').output).toMatch(/^web-\w+-\w+\n$/);
    expect(s.run('kubectl logs svc/web --tail=1').output).toMatch(/^\S+ \S+ \[notice\] 1#1: start worker process 32\n$/);
  });

  test("a Service without a selector, or a kind without pods, fails as polymorphichelpers says", () => {
    s.run("printf 'apiVersion: v1\\nkind: Service\\nmetadata:\\n  name: bare\\nspec:\\n  ports:\\n  - port: 80\\n' | kubectl apply -f -");
    expect(s.run('kubectl exec svc/bare -- hostname').output).toBe("error: cannot attach to *v1.Service: invalid service 'bare': Service is defined without a selector\n");
    expect(s.run('kubectl logs cm/cm').output).toBe('error: cannot get the logs from *v1.ConfigMap: selector for *v1.ConfigMap not implemented\n');
  });
});

describe('logs -f and wait --for=delete', () => {
  test('following more than --max-log-requests streams is refused', () => {
    const s = session(['kubectl create deployment many --image=nginx:1.27 --replicas=6', 'sleep 10']);
    expect(s.run('kubectl logs -l app=many -f').output).toBe(
      'error: you are attempting to follow 6 log streams, but maximum allowed concurrency is 5, use --max-log-requests to increase the limit\n',
    );
    expect(s.run('kubectl logs -l app=many -f --max-log-requests=6 --tail=1 | wc -l').output).toBe('6\n');
  });

  test('waiting for an object that is already gone to be deleted succeeds at once', () => {
    expect(session([]).run('kubectl wait --for=delete pod/nope --timeout=2s; echo rc=$?').output).toBe('rc=0\n');
  });
});

describe('generators: create service and expose', () => {
  test('a headless ClusterIP Service needs no port; --node-port and --clusterip belong to their own types', () => {
    const s = session([]);
    expect(s.run('kubectl create service clusterip hl --clusterip=None --dry-run=client -o jsonpath={.spec}').output).toBe('{"clusterIP":"None","selector":{"app":"hl"},"type":"ClusterIP"}');
    expect(s.run('kubectl create service clusterip x --node-port=30080 --tcp=80').output).toBe("error: unknown flag: --node-port\nSee 'kubectl create service clusterip --help' for usage.\n");
    expect(s.run('kubectl create service nodeport x --clusterip=None --tcp=80').output).toBe("error: unknown flag: --clusterip\nSee 'kubectl create service nodeport --help' for usage.\n");
  });

  test('expose takes --selector, port lists, --cluster-ip=None and --session-affinity', () => {
    const s = session(['kubectl create deployment web --image=nginx:1.27 --port=80']);
    expect(s.run('kubectl expose deployment web --name=a --port=80 --selector=foo=bar --dry-run=client -o jsonpath={.spec.selector}').output).toBe('{"foo":"bar"}');
    expect(s.run('kubectl expose deployment web --name=b --port=80,81 -o jsonpath={.spec.ports[*].name}').output).toBe('port-1 port-2');
    expect(s.run('kubectl expose deployment web --name=c --cluster-ip=None --session-affinity=ClientIP -o jsonpath={.spec.clusterIP},{.spec.sessionAffinity}').output).toBe('None,ClientIP');
    expect(s.run('kubectl expose deployment web --name=d --port=8a').output).toBe('error: strconv.Atoi: parsing "8a": invalid syntax\n');
    expect(s.run('kubectl expose deployment web --name=e --session-affinity=Sticky').output).toBe('error: unknown session affinity: Sticky\n');
    expect(s.run('kubectl expose deployment web --name=f --selector=nokey').output).toBe('error: unexpected label spec: nokey\n');
  });
});

describe('label and annotate', () => {
  const s = session(['kubectl create deployment web --image=nginx:1.27 --replicas=2', 'kubectl annotate deploy web team=blue', 'sleep 5']);

  test('modifying and removing one key at once is refused in each verb\'s own words', () => {
    expect(s.run('kubectl label deploy web a=1 a-').output).toBe('error: can not both modify and remove a label in the same command\n');
    expect(s.run('kubectl annotate deploy web a=1 b=2 a- b-').output).toBe('error: can not both modify and remove the following annotation(s) in the same command: a, b\n');
  });

  test('label checks a value before the server does; annotate removes a missing key quietly', () => {
    expect(s.run('kubectl label deploy web "k=bad val"').output).toMatch(/^error: invalid label value: "k=bad val": a valid label must be an empty string or consist of alphanumeric characters/);
    expect(s.run('kubectl annotate deploy web nope-').output).toBe('deployment.apps/web annotated\n');
    expect(s.run('kubectl label deploy web nope-').output).toBe('label "nope" not found.\ndeployment.apps/web not labeled\n');
  });

  test('--list prints the keys, under a heading per object when a selection could mean several', () => {
    expect(s.run('kubectl annotate deploy/web --list').output).toBe('deployment.kubernetes.io/revision=1\nteam=blue\n');
    const pods = s.run('kubectl label pods -l app=web --list').output.split('\n');
    expect(pods.filter((l) => l.startsWith('Listing labels for Pod./web-'))).toHaveLength(2);
    expect(pods.filter((l) => l === ' app=web')).toHaveLength(2);
    expect(s.run('kubectl label deploy web --list -o yaml').output).toBe('error: --list and --output may not be specified together\n');
  });
});

test('-o custom-columns-file reads a line of headers and a line of specs', () => {
  const s = session(['kubectl run p --image=nginx:1.27', "printf 'NAME          IMAGE\\nmetadata.name spec.containers[0].image\\n' > cols.txt", "printf 'A B\\n.x\\n' > bad.txt"]);
  expect(s.run('kubectl get pods -o custom-columns-file=cols.txt').output).toBe('NAME   IMAGE\np      nginx:1.27\n');
  expect(s.run('kubectl get pods -o custom-columns-file=/nonexist').output).toBe('error: error reading template /nonexist, open /nonexist: no such file or directory\n');
  expect(s.run('kubectl get pods -o custom-columns-file=bad.txt').output).toBe("error: number of headers (2) and field specifications (1) don't match\n");
});
