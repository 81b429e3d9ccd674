import { describe, expect, it } from 'vitest';
import { networkOf } from '../../../src/engine/network/index';
import { netSession } from './setup';

describe('load generators in virtual time', () => {
  it('hey runs for its duration of virtual time and prints its summary', () => {
    const { sh, cluster } = netSession();
    sh('ssh node-1');
    const before = cluster.now();
    const out = sh('hey -z 10s -q 5 -c 2 http://10.96.100.100/');
    expect(cluster.now() - before).toBe(10_000);
    expect(out).toMatch(/^\nSummary:\n {2}Total:\t10\.0000 secs\n {2}Slowest:\t0\.\d{4} secs\n/);
    expect(out).toContain('  Requests/sec:\t10.0000\n  \n  Total data:\t61500 bytes\n  Size/request:\t615 bytes\n');
    expect(out).toContain('Status code distribution:\n  [200]\t100 responses\n');
    expect(out).not.toContain('Error distribution');
    const records = networkOf(cluster)!.records();
    expect(records).toHaveLength(100);
    expect(records.every((r) => r.client === 'hey' && r.status === 200 && r.node === 'node-1')).toBe(true);
  });

  it('hey counts errors the way Go reports them', () => {
    const { sh } = netSession();
    sh('ssh node-1');
    const out = sh('hey -n 4 -c 1 http://10.96.100.101/');
    expect(out).toContain('Error distribution:\n  [4]\tGet "http://10.96.100.101/": dial tcp 10.96.100.101:80: connect: connection refused\n');
  });

  it('keep-alive connections stay on their pod; new connections follow the rules', () => {
    const { sh, cluster } = netSession();
    sh('ssh node-1');
    sh('hey -n 30 -c 3 -q 10 http://10.96.100.100/');
    const keepAlive = new Set(networkOf(cluster)!.records().map((r) => r.pod));
    expect(keepAlive.size).toBe(3);
    const perWorker = networkOf(cluster)!.records().filter((_, i) => i % 3 === 0).map((r) => r.pod);
    expect(new Set(perWorker).size).toBe(1);
  });

  it('sim load reports outcomes per pod and keeps every request as a traffic record', () => {
    const { sh, cluster } = netSession();
    const out = sh('sim load --from node/node-2 --url http://10.96.100.100/ --rps 30 --duration 2s');
    expect(out).toMatch(/^60 requests to http:\/\/10\.96\.100\.100\/ in 2s\noutcomes:\n {2}200 {18}60\nanswered by:\n {2}default\/web-a {28}20\n {2}default\/web-b {28}20\n {2}default\/web-c {28}20\nlatency: p50 /);
    expect(networkOf(cluster)!.records().filter((r) => r.client === 'load/sim-load' || r.client === 'sim-load')).toHaveLength(60);
  });

  it('a background generator runs until stopped, and survives a snapshot', () => {
    const { sh, cluster } = netSession();
    expect(sh('sim load start bg --from node/node-1 --url http://10.96.100.100/ --rps 10')).toBe('load bg started: 10 requests/s to http://10.96.100.100/\n');
    cluster.advance(3000);
    const net = networkOf(cluster)!;
    const sent = net.records().filter((r) => r.client === 'load/bg').length;
    expect(sent).toBeGreaterThanOrEqual(30);
    expect(sh('sim load list')).toMatch(/^bg\t10\/s\thttp:\/\/10\.96\.100\.100\/\t\d+ sent\n$/);
    expect(sh('sim load stop bg')).toBe('load bg stopped\n');
    cluster.advance(3000);
    expect(net.records().filter((r) => r.client === 'load/bg')).toHaveLength(sent);
  });
});
