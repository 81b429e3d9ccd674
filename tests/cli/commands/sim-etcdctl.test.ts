import { describe, expect, test } from 'vitest';
import { Session } from '../../../src/cli/session';

describe('sim', () => {
  test('advance moves virtual time and time reports it', () => {
    const s = new Session({ seed: 1 });
    expect(s.run('sim advance 1m30s').output).toBe('now 1m30.000s\n');
    expect(s.run('sim time').output).toBe('1m30.000s (virtual); speed 1x; running\n');
    expect(s.run('sim advance soon')).toMatchObject({ exitCode: 1, output: 'sim: invalid duration "soon" (use e.g. 500ms, 30s, 5m, 1h)\n' });
  });

  test('trace shows what each component did to one pod, in order', () => {
    const s = new Session({ seed: 1 });
    s.run('kubectl run web --image=nginx:1.27');
    s.run('sim advance 10s');
    const trace = s.run('sim trace pods/default/web').output;
    const components = trace.split('\n').filter(Boolean).map((l) => l.trim().split(/\s+/)[1]);
    expect(components[0]).toBe('kube-apiserver');
    expect(trace).toMatch(/kubectl created Pod web/);
    expect(trace).toMatch(/scheduler\s+bind\s+bound default\/web to node-/);
    expect(trace.indexOf('created Pod web')).toBeLessThan(trace.indexOf('bound default/web'));
  });

  test('trace hides node heartbeats unless asked for everything', () => {
    const s = new Session({ seed: 1 });
    s.run('sim advance 30s');
    expect(s.run('sim trace').output).not.toContain('updated Node');
    expect(s.run('sim trace --all').output).toContain('updated Node node-1 status');
  });

  test('speed and pause change how an interactive host drives the clock', () => {
    const s = new Session({ seed: 1 });
    expect(s.run('sim speed 20').output).toBe('speed 20x\n');
    expect(s.run('sim pause').output).toBe('paused at 0.000s\n');
    expect(s.time).toEqual({ speed: 20, paused: true });
    expect(s.run('sim speed 0').exitCode).toBe(1);
  });
});

describe('etcdctl', () => {
  test('lists keys under a prefix, each followed by an empty line as etcdctl prints them', () => {
    const s = new Session({ seed: 1 });
    expect(s.run('etcdctl get /registry/namespaces --prefix --keys-only').output).toBe(
      '/registry/namespaces/default\n\n/registry/namespaces/kube-node-lease\n\n/registry/namespaces/kube-public\n\n/registry/namespaces/kube-system\n\n',
    );
  });

  test('prints a value as JSON and the json writer base64-encodes keys', () => {
    const s = new Session({ seed: 1 });
    const [key, value] = s.run('etcdctl get /registry/services/specs/default/kubernetes').output.split('\n');
    expect(key).toBe('/registry/services/specs/default/kubernetes');
    expect(JSON.parse(value!)).toMatchObject({ kind: 'Service', spec: { clusterIP: '10.96.0.1' } });
    const json = JSON.parse(s.run('etcdctl get /registry/namespaces/default -w json').output) as { kvs: { key: string }[]; count: number };
    expect(json.count).toBe(1);
    expect(json.kvs[0]!.key).toBe('L3JlZ2lzdHJ5L25hbWVzcGFjZXMvZGVmYXVsdA==');
  });

  test('unknown subcommands fail like etcdctl; real ones the simulation lacks say so', () => {
    const s = new Session({ seed: 1 });
    expect(s.run('etcdctl pt /x y')).toMatchObject({ exitCode: 1, output: 'Error: unknown command "pt" for "etcdctl"\nRun \'etcdctl --help\' for usage.\n' });
    expect(s.run('etcdctl put /x y')).toMatchObject({ exitCode: 1, output: 'Error: "etcdctl put" is not available in this simulated cluster\n' });
    expect(s.run('etcdctl endpoint health').output).toBe('Error: "etcdctl endpoint health" is not available in this simulated cluster\n');
  });

  test('global flags go before or after the command, as kubeadm\'s TLS flags usually come first', () => {
    const s = new Session({ seed: 1 });
    const tls = '--endpoints=https://127.0.0.1:2379 --cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/server.crt --key=/etc/kubernetes/pki/etcd/server.key';
    expect(s.run(`etcdctl ${tls} get /registry/namespaces/default --keys-only`).output).toBe('/registry/namespaces/default\n\n');
    expect(s.run('etcdctl -w fields get /registry/namespaces/default --keys-only').output).toMatch(/^"ClusterID" : 14841639068965178418\n/);
  });

  test('endpoint status: etcdctl 3.6\'s sixteen fields, as a line or a tablewriter box; printers without a layout say so', () => {
    const s = new Session({ seed: 1 });
    const revision = s.cluster.store.revision;
    expect(s.run('etcdctl endpoint status').output).toMatch(new RegExp(`^127\\.0\\.0\\.1:2379, 8e9e05c52164694d, 3\\.6\\.4, 3\\.6\\.0, \\d+ kB, \\d+ kB, \\d+%, 2\\.1 GB, true, false, 2, ${revision}, ${revision}, , , false\\n$`));
    const table = s.run('etcdctl endpoint status -w table').output.split('\n');
    expect(table[1]).toMatch(/^\| {4}ENDPOINT {4}\| {8}ID {8}\| VERSION \| STORAGE VERSION \| DB SIZE \| IN USE \| PERCENTAGE NOT IN USE \| QUOTA {2}\| IS LEADER \|/);
    expect(table[3]).toMatch(/^\| 127\.0\.0\.1:2379 \| 8e9e05c52164694d \| {3}3\.6\.4 \| {11}3\.6\.0 \|/);
    expect(table[0]).toBe(table[2]);
    expect(table[0]).toBe(table[4]);
    expect(s.run('etcdctl get /registry --prefix -w table')).toMatchObject({ exitCode: 4, output: 'Error: table not supported as output format\n' });
    expect(s.run('etcdctl endpoint status -w fields')).toMatchObject({ exitCode: 4, output: 'Error: fields not supported as output format\n' });
  });

  test('json: exact uint64 ids, omitempty kvs and count, more when --limit cut the list', () => {
    const s = new Session({ seed: 1 });
    const revision = s.cluster.store.revision;
    expect(s.run('etcdctl get /registry/nope -w json').output).toBe(`{"header":{"cluster_id":14841639068965178418,"member_id":10276657743932975437,"revision":${revision},"raft_term":2}}\n`);
    const limited = s.run('etcdctl get /registry/namespaces --prefix --keys-only --limit 1 -w json').output;
    expect(limited).toMatch(/"version":1}\],"more":true,"count":4}\n$/);
    expect(s.run('etcdctl get /registry/namespaces --prefix --keys-only --limit 1 -w fields').output).toMatch(/"More" : true\n"Count" : 4\n$/);
    expect(s.run('etcdctl get /registry/namespaces/default --print-value-only').output).toMatch(/^\{"metadata":\{"name":"default"/);
    // The API server clears resourceVersion before it writes: etcd's own revisions are the version.
    expect(s.run('etcdctl get /registry/namespaces/default --print-value-only').output).not.toContain('resourceVersion');
    expect(s.run('kubectl get ns default -o jsonpath={.metadata.resourceVersion}').output).toMatch(/^\d+$/);
  });
});

describe('etcdctl lease', () => {
  test('list and timetolive show the lease the API server keeps Events under, ids in hex as etcdctl prints them', () => {
    const s = new Session({ seed: 1 });
    s.run('sleep 30');
    const list = s.run('etcdctl lease list').output.split('\n');
    expect(list[0]).toBe('found 1 leases');
    const hexId = list[1]!;
    expect(hexId).toMatch(/^694d[0-9a-f]{12}$/);
    expect(s.run(`etcdctl lease timetolive ${hexId}`).output).toBe(`lease ${hexId} granted with TTL(3660s), remaining(3630s)\n`);
    const withKeys = s.run(`etcdctl lease timetolive ${hexId} --keys`).output;
    expect(withKeys).toMatch(new RegExp(`^lease ${hexId} granted with TTL\\(3660s\\), remaining\\(3630s\\), attached keys\\(\\[/registry/events/default/\\S+( /registry/events/\\S+)*\\]\\)\\n$`));
    const decimal = BigInt(`0x${hexId}`).toString();
    expect(s.run('etcdctl lease list -w json').output).toMatch(new RegExp(`"raft_term":2,"leases":\\[\\{"id":${decimal}\\}\\]\\}\\n$`));
    expect(s.run(`etcdctl lease timetolive ${hexId} -w json`).output).toMatch(new RegExp(`"id":${decimal},"ttl":3630,"granted-ttl":3660,"keys":null\\}\\n$`));
    s.run('sleep 61m');
    expect(s.run(`etcdctl lease timetolive ${hexId}`).output).toBe(`lease ${hexId} already expired\n`);
  });

  test('bad ids and write subcommands fail as etcdctl does', () => {
    const s = new Session({ seed: 1 });
    expect(s.run('etcdctl lease timetolive xyz')).toMatchObject({ exitCode: 128, output: 'Error: bad lease ID arg (strconv.ParseInt: parsing "xyz": invalid syntax), expecting ID in Hex\n' });
    expect(s.run('etcdctl lease timetolive')).toMatchObject({ exitCode: 128, output: 'Error: lease timetolive command needs lease ID as argument\n' });
    expect(s.run('etcdctl lease grant 60').output).toBe('Error: "etcdctl lease grant" is not available in this simulated cluster\n');
    expect(s.run('etcdctl lease list -w table')).toMatchObject({ exitCode: 4, output: 'Error: table not supported as output format\n' });
    expect(s.run('etcdctl lease timetolive 694d 694e')).toMatchObject({ exitCode: 128, output: 'Error: lease timetolive command needs lease ID as argument\n' });
    expect(s.run('etcdctl get /registry -w yml')).toMatchObject({ exitCode: 4, output: 'Error: unsupported output format\n' });
  });
});

describe('sim trace object names', () => {
  test('accepts kubectl-style TYPE/NAME as well as the trace form', () => {
    const s = new Session({ seed: 1 });
    s.run('kubectl create deployment web --image=nginx:1.27');
    s.run('sim advance 5s');
    expect(s.run('sim trace deploy/web').output).toContain('kubectl created Deployment web');
    expect(s.run('sim trace deployments/default/web').output).toBe(s.run('sim trace deploy/web').output);
    expect(s.run('sim trace pod/nope').output).toBe('no trace entries for pods/default/nope\n');
  });
});
