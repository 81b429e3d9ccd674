import { describe, expect, test } from 'vitest';
import type { Secret } from 'kubernetes-types/core/v1';
import { Session } from '../../../src/cli/session';

/** Run lines in one session; each line's output (what the terminal shows under it). */
function terminal(): { run: (line: string) => string; session: Session } {
  const session = new Session({ seed: 1 });
  return { session, run: (line) => session.run(line).output };
}

const POD = `cat <<'YAML' | kubectl apply -f -
apiVersion: v1
kind: Pod
metadata:
  name: app
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sleep", "3600"]
    env:
    - name: PASSWORD
      valueFrom:
        secretKeyRef: {name: db, key: password}
    envFrom:
    - secretRef: {name: db}
      prefix: DB_
    volumeMounts:
    - {name: creds, mountPath: /etc/creds, readOnly: true}
  volumes:
  - name: creds
    secret: {secretName: db}
YAML`;

describe('Secrets', () => {
  test('kubectl create secret generic stores base64 data; get and describe print it as kubectl does', () => {
    const t = terminal();
    expect(t.run("kubectl create secret generic db --from-literal=user=admin --from-literal=password='s3cr=t'")).toBe('secret/db created\n');
    expect(t.run('kubectl get secrets')).toBe('NAME   TYPE     DATA   AGE\ndb     Opaque   2      0s\n');
    expect(t.session.cluster.api.get<Secret>('secrets', 'default', 'db').data).toEqual({ password: 'czNjcj10', user: 'YWRtaW4=' });
    expect(t.run('kubectl describe secret db')).toBe(
      'Name:         db\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\nType:  Opaque\n\nData\n====\npassword:  6 bytes\nuser:      5 bytes\n',
    );
    expect(t.run("kubectl get secret db -o jsonpath='{.data.user}' | base64 -d")).toBe('admin');
    expect(t.run('etcdctl get /registry/secrets/default/db --keys-only')).toBe('/registry/secrets/default/db\n\n');
  });

  test('the generators refuse what kubectl refuses, and wrap the API error as Run does', () => {
    const t = terminal();
    t.run('kubectl create secret generic db --from-literal=a=b');
    expect(t.run('kubectl create secret generic db --from-literal=a=b')).toBe('error: failed to create secret secrets "db" already exists\n');
    expect(t.run('kubectl create secret generic x --from-literal=nokey')).toBe('error: invalid literal source nokey, expected key=value\n');
    expect(t.run("kubectl create secret generic x --from-literal='a b=c'")).toMatch(/^error: "a b" is not valid key name for a Secret a valid config key must consist of alphanumeric characters/);
    expect(t.run('kubectl create secret generic x --from-literal=a=1 --from-literal=a=2')).toBe('error: cannot add key a, another key by that name already exists\n');
    expect(t.run('kubectl create secret docker-registry reg')).toBe('error: either --from-file or the combination of --docker-username, --docker-password and --docker-server is required\n');
    expect(t.run('kubectl create secret tls t --cert=tls.crt')).toBe('error: key and cert must be specified\n');
    expect(t.run('kubectl create secret generic')).toBe("error: exactly one NAME is required, got 0\nSee 'kubectl create secret generic -h' for help and examples\n");
    expect(t.run('kubectl create secret foo x')).toBe('error: unknown command "foo x"\nSee \'kubectl create secret -h\' for help and examples\n');
  });

  test('--from-file takes a file by its name or key=path, and docker-registry writes .dockerconfigjson', () => {
    const t = terminal();
    t.run('echo -n hello > greeting.txt');
    expect(t.run('kubectl create secret generic files --from-file=greeting.txt --from-file=other=greeting.txt --dry-run=client -o yaml')).toBe(
      'apiVersion: v1\ndata:\n  greeting.txt: aGVsbG8=\n  other: aGVsbG8=\nkind: Secret\nmetadata:\n  name: files\n',
    );
    // Byte for byte what a real kubectl generates for these flags.
    expect(t.run('kubectl create secret docker-registry reg --docker-username=u --docker-password=p --dry-run=client -o yaml')).toBe(
      'apiVersion: v1\ndata:\n  .dockerconfigjson: eyJhdXRocyI6eyJodHRwczovL2luZGV4LmRvY2tlci5pby92MS8iOnsidXNlcm5hbWUiOiJ1IiwicGFzc3dvcmQiOiJwIiwiYXV0aCI6ImRUcHcifX19\nkind: Secret\nmetadata:\n  name: reg\ntype: kubernetes.io/dockerconfigjson\n',
    );
  });

  test('the API server folds stringData into data, defaults the type, and validates keys, base64 and types', () => {
    const t = terminal();
    const apply = (body: string) => t.run(`cat <<'YAML' | kubectl apply -f -\napiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n${body}\nYAML`);
    expect(apply('stringData:\n  token: abc\ndata:\n  other: aGVsbG8=')).toBe('secret/s created\n');
    expect(t.session.cluster.api.get<Secret>('secrets', 'default', 's')).toMatchObject({ data: { other: 'aGVsbG8=', token: 'YWJj' }, type: 'Opaque' });
    expect(t.session.cluster.api.get<Secret>('secrets', 'default', 's').stringData).toBeUndefined();
    expect(apply('type: kubernetes.io/tls\ndata:\n  tls.crt: YQ==')).toBe(
      'The Secret "s" is invalid: \n* type: Invalid value: "kubernetes.io/tls": field is immutable\n* data[tls.key]: Required value\n',
    );
    t.run('kubectl delete secret s');
    expect(apply('type: kubernetes.io/tls\ndata:\n  tls.crt: YQ==')).toBe('The Secret "s" is invalid: data[tls.key]: Required value\n');
    expect(apply('data:\n  bad: "abc!"')).toBe(
      'Error from server (BadRequest): error when creating "STDIN": Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 3\n',
    );
  });

  test('the kubelet mounts a Secret decoded and sets variables from it; a missing one or key stops the container', () => {
    const t = terminal();
    t.run('kubectl create secret generic db --from-literal=user=admin --from-literal=password=s3cret');
    expect(t.run(POD)).toBe('pod/app created\n');
    t.run('sleep 10');
    expect(t.run('kubectl get pod app')).toMatch(/app\s+1\/1\s+Running/);
    expect(t.run('kubectl exec app -- env | grep -E "PASSWORD|DB_" | sort')).toBe('DB_password=s3cret\nDB_user=admin\nPASSWORD=s3cret\n');
    expect(t.run('kubectl exec app -- cat /etc/creds/user')).toBe('admin');
    const envFrom = (name: string, key: string) =>
      `kubectl run ${name} --image=busybox:1.36 --overrides='{"spec":{"containers":[{"name":"${name}","image":"busybox:1.36","command":["sleep","3600"],"env":[{"name":"X","valueFrom":{"secretKeyRef":{"name":"${key.split('/')[0]}","key":"${key.split('/')[1]}"}}}]}]}}'`;
    t.run(envFrom('missing', 'nope/k'));
    t.run(envFrom('missingkey', 'db/k'));
    t.run('sleep 10');
    expect(t.run('kubectl get pod missing missingkey')).toMatch(/missing\s+0\/1\s+CreateContainerConfigError[\s\S]*missingkey\s+0\/1\s+CreateContainerConfigError/);
    expect(t.run('kubectl describe pod missing')).toContain('Error: secret "nope" not found\n');
    expect(t.run('kubectl describe pod missingkey')).toContain("Error: couldn't find key k in Secret default/db\n");
  });
});

describe('base64, as GNU coreutils', () => {
  test('encodes wrapped at 76 columns (-w 0: one unterminated line) and decodes, complaining after what it could decode', () => {
    const t = terminal();
    expect(t.run('echo hello | base64')).toBe('aGVsbG8K\n');
    expect(t.run('seq 1 40 | base64 | head -1')).toBe('MQoyCjMKNAo1CjYKNwo4CjkKMTAKMTEKMTIKMTMKMTQKMTUKMTYKMTcKMTgKMTkKMjAKMjEKMjIK\n');
    expect(t.run('seq 1 40 | base64 -w 0 | wc -c')).toBe('148\n');
    expect(t.run("printf 'aGVsbG8K\\n' | base64 -d")).toBe('hello\n');
    expect(t.session.run('echo YWJ | base64 -d')).toMatchObject({ exitCode: 1 });
    expect(t.run("echo 'aGVs!bG8=' | base64 -d")).toBe('helbase64: invalid input\n');
  });
});
