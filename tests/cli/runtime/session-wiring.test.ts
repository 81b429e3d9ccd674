import { describe, expect, it } from 'vitest';
import { Session } from '../../../src/cli/session';
import { nodeConfig, type ContainerRuntimeConfig } from '../../../src/engine/cluster-config';

const CRIO: ContainerRuntimeConfig = { name: 'cri-o', version: '1.34.0', criuVersion: '4.1' };
const CERT = '--cert /etc/kubernetes/pki/apiserver-kubelet-client.crt --key /etc/kubernetes/pki/apiserver-kubelet-client.key';
const POD = `apiVersion: v1
kind: Pod
metadata:
  name: counter
spec:
  nodeName: node-1
  containers:
  - name: counter
    image: ghcr.io/clusterlab/counter:1.0
`;

/** A terminal on a cluster whose workers run CRI-O with CRIU, with a counter on node-1 for 10 s. */
function session(worker2: ContainerRuntimeConfig = CRIO): { session: Session; sh: (line: string) => string } {
  const nodes = [nodeConfig('control-plane', 0, { controlPlane: true }), nodeConfig('node-1', 1, { runtime: CRIO }), nodeConfig('node-2', 2, { runtime: worker2 })];
  const s = new Session({ seed: 5, nodes });
  const sh = (line: string) => s.run(line).output;
  s.fs.write('/root/counter.yaml', POD);
  expect(sh('kubectl apply -f counter.yaml')).toBe('pod/counter created\n');
  expect(sh('sim advance 10s')).toBe('now 10.000s\n');
  return { session: s, sh };
}

describe('a terminal session reaches the node runtime tools and the kubelet API', () => {
  it('ssh node-1 then crictl ps lists the counter the kubelet runs there', () => {
    const { sh } = session();
    sh('ssh node-1');
    const lines = sh('crictl ps --name counter').trimEnd().split('\n');
    expect(lines[0]).toMatch(/^CONTAINER +IMAGE +CREATED +STATE +NAME +ATTEMPT +POD ID +POD +NAMESPACE$/);
    expect(lines.slice(1)).toHaveLength(1);
    expect(lines[1]).toMatch(/^[0-9a-f]{13} +ghcr\.io\/clusterlab\/counter@sha256:[0-9a-f]{64} +\d+ seconds ago +Running +counter +0 +[0-9a-f]{13} +counter +default$/);
    expect(sh('criu --version')).toBe('Version: 4.1\n');
  });

  it('curl from the control plane to a node port 10250 checkpoints with the API server client certificate; the archive is on that node', () => {
    const { sh } = session();
    sh('ssh control-plane');
    expect(sh('curl -sk -X POST https://172.18.0.3:10250/checkpoint/default/counter/counter')).toBe('Unauthorized');
    expect(sh('curl -sk -X POST https://172.18.0.3:10250/checkpoint/default/counter/counter --cert /var/lib/kubelet/pki/kubelet-client-current.pem')).toBe(
      'Forbidden (user=system:node:control-plane, verb=create, resource=nodes, subresource(s)=[checkpoint])\n',
    );
    expect(sh(`curl -sk -X POST https://172.18.0.3:10250/checkpoint/default/counter/counter ${CERT}`)).toBe('{"items":["/var/lib/kubelet/checkpoints/checkpoint-counter_default-counter-2026-01-01T00:00:10Z.tar"]}');
    sh('exit');
    sh('ssh node-1');
    expect(sh('ls /var/lib/kubelet/checkpoints')).toBe('checkpoint-counter_default-counter-2026-01-01T00:00:10Z.tar\n');
    expect(sh('tar -tf /var/lib/kubelet/checkpoints/checkpoint-counter_default-counter-2026-01-01T00:00:10Z.tar')).toContain('config.dump\n');
  });

  it('on a node, localhost:10250 is its own kubelet; a runtime without CRIU answers 500 with its error', () => {
    const { sh } = session({ name: 'cri-o', version: '1.34.0' });
    sh('ssh node-1');
    // The node's own identity reaches its kubelet, which asks the API server and is told no.
    expect(sh('curl -sk https://localhost:10250/pods --cert /var/lib/kubelet/pki/kubelet-client-current.pem')).toBe('Forbidden (user=system:node:node-1, verb=get, resource=nodes, subresource(s)=[proxy])\n');
    sh('exit');
    sh("sed -i 's/node-1/node-2/; s/^  name: counter$/  name: other/' counter.yaml");
    sh('kubectl apply -f counter.yaml');
    sh('sim advance 10s');
    sh('ssh control-plane');
    expect(sh(`curl -sk -o /dev/null -w '%{http_code}\\n' -X POST https://172.18.0.4:10250/checkpoint/default/other/counter ${CERT}`)).toBe('500\n');
    expect(sh(`curl -sk -X POST https://172.18.0.4:10250/checkpoint/default/other/counter ${CERT}`)).toBe(
      'checkpointing of default/other/counter failed (rpc error: code = Unknown desc = checkpoint/restore support not available)',
    );
  });
});
