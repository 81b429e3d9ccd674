import type { VirtualFs } from '../../types';

/** Who a client certificate on a node says it is (its CN and O), for the kubelet's authn filter. */
export interface CertIdentity {
  user: string;
  groups: string[];
}

/** The PEM files kubeadm leaves on a node that can talk to a kubelet, with their identities. */
function certificates(node: string, controlPlane: boolean): Record<string, CertIdentity> {
  return {
    // The kubelet's rotated client certificate: a node identity, which RBAC denies nodes/checkpoint.
    '/var/lib/kubelet/pki/kubelet-client-current.pem': { user: `system:node:${node}`, groups: ['system:nodes'] },
    ...(controlPlane ? { '/etc/kubernetes/pki/apiserver-kubelet-client.crt': { user: 'kube-apiserver-kubelet-client', groups: ['kubeadm:cluster-admins'] } } : {}),
  };
}

function pem(kind: 'CERTIFICATE' | 'RSA PRIVATE KEY', seed: string): string {
  const body = Array.from({ length: 4 }, (_, i) => `MII${seed.replace(/[^A-Za-z0-9]/g, '').slice(0, 20).padEnd(20, 'A')}${i}clusterlabAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`.slice(0, 64)).join('\n');
  return `-----BEGIN ${kind}-----\n${body}\n-----END ${kind}-----\n`;
}

/**
 * The rest of what `kubeadm init` writes to /etc/kubernetes/pki on a control-plane node. None of
 * these is a client certificate the kubelet accepts: apiserver.crt is a server certificate, the
 * etcd client's is signed by etcd's own CA, the front proxy's by the front-proxy CA.
 */
const KUBEADM_PKI = ['apiserver', 'apiserver-etcd-client', 'front-proxy-ca', 'front-proxy-client', 'etcd/ca', 'etcd/server', 'etcd/peer', 'etcd/healthcheck-client'];

/** Files to add to a node's file system: the client certificates and keys above (and kubeadm's other PKI files). */
export function kubeletClientFiles(node: string, controlPlane: boolean): Record<string, string> {
  const files: Record<string, string> = {};
  if (controlPlane) {
    for (const name of KUBEADM_PKI) {
      files[`/etc/kubernetes/pki/${name}.crt`] = pem('CERTIFICATE', name);
      files[`/etc/kubernetes/pki/${name}.key`] = pem('RSA PRIVATE KEY', `${name}key`);
    }
    files['/etc/kubernetes/pki/ca.key'] = pem('RSA PRIVATE KEY', 'cakey');
    files['/etc/kubernetes/pki/sa.key'] = pem('RSA PRIVATE KEY', 'sakey');
    files['/etc/kubernetes/pki/sa.pub'] = pem('CERTIFICATE', 'sapub').replace(/CERTIFICATE/g, 'PUBLIC KEY');
  }
  for (const path of Object.keys(certificates(node, controlPlane))) {
    if (path.endsWith('.pem')) files[path] = pem('CERTIFICATE', path) + pem('RSA PRIVATE KEY', `${path}key`);
    else {
      files[path] = pem('CERTIFICATE', path);
      files[path.replace(/\.crt$/, '.key')] = pem('RSA PRIVATE KEY', path);
    }
  }
  return files;
}

/**
 * The identity curl presents with `--cert FILE` (and `--key`) on `node`, or curl's error when the
 * file cannot be loaded. A certificate the cluster CA did not sign has no identity: the kubelet's
 * x509 authenticator rejects it and the request is as unauthenticated as one without a cert.
 */
export function clientCertIdentity(fs: VirtualFs, certPath: string, node: string, controlPlane: boolean): { ok: true; identity?: CertIdentity } | { ok: false; error: string } {
  const abs = fs.resolve(certPath);
  if (fs.read(abs) === undefined) {
    return { ok: false, error: `curl: (58) could not load PEM client certificate from ${certPath}, OpenSSL error error:80000002:system library::No such file or directory, (no key found, wrong pass phrase, or wrong file format?)\n` };
  }
  const identity = certificates(node, controlPlane)[abs];
  return identity ? { ok: true, identity } : { ok: true };
}
