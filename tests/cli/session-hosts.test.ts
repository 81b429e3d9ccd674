import { describe, expect, it } from 'vitest';
import { netSession } from './net/setup';

describe('Session: moving between the workstation, nodes and pods', () => {
  it('ssh switches to a known node and exit comes back', () => {
    const { session, sh } = netSession();
    expect(session.prompt()).toBe('root@workstation:~# ');
    expect(sh('ssh node-9')).toBe('ssh: Could not resolve hostname node-9: Name or service not known\n');
    expect(sh('ssh node-1')).toBe("Warning: Permanently added 'node-1' (ED25519) to the list of known hosts.\n");
    expect(session.host).toEqual({ kind: 'node', name: 'node-1' });
    expect(session.prompt()).toBe('root@node-1:~# ');
    expect(session.shell.host.name).toBe('node-1');
    expect(sh('hostname')).toBe('node-1\n');
    expect(sh('grep -e clusterDNS -e 10.96.0.10 -e staticPodPath /var/lib/kubelet/config.yaml')).toBe('clusterDNS:\n- 10.96.0.10\nstaticPodPath: /etc/kubernetes/manifests\n');
    expect(sh('kubectl get pods')).toBe('The connection to the server localhost:8080 was refused - did you specify the right host or port?\n');
    expect(sh('exit')).toBe('logout\nConnection to node-1 closed.\n');
    expect(session.host.name).toBe('workstation');
    expect(sh('ssh node-1')).toBe('');
  });

  it('the control-plane node has the static pod manifests; workers have an empty directory', () => {
    const { sh } = netSession();
    sh('ssh control-plane');
    // On the terminal ls lays names out in columns, as GNU ls does at 80 columns; -1 one per line.
    expect(sh('ls /etc/kubernetes/manifests')).toBe('etcd.yaml            kube-controller-manager.yaml\nkube-apiserver.yaml  kube-scheduler.yaml\n');
    expect(sh('ls -1 /etc/kubernetes/manifests')).toBe('etcd.yaml\nkube-apiserver.yaml\nkube-controller-manager.yaml\nkube-scheduler.yaml\n');
    sh('exit');
    expect(sh('ssh node-2 ls /etc/kubernetes/manifests')).toContain('Warning: Permanently added');
  });

  it('runs one command remotely with ssh NODE CMD, leaving the terminal where it was', () => {
    const { session } = netSession();
    const r = session.shell.run('ssh node-2 hostname');
    expect(r.stdout).toBe('node-2\n');
    expect(r.stderr).toBe("Warning: Permanently added 'node-2' (ED25519) to the list of known hosts.\n");
    expect(session.host.name).toBe('workstation');
  });

  it('kubectl exec -it POD -- sh enters the container; exit leaves it', () => {
    const { session, sh } = netSession();
    expect(sh('kubectl exec -it box -- sh')).toBe('');
    expect(session.host).toEqual({ kind: 'pod', name: 'box' });
    expect(session.prompt()).toBe('/ # ');
    expect(sh('cat /etc/hostname')).toBe('box\n');
    expect(sh('wget -qO- http://web.default | head -4 | tail -1')).toBe('<title>Welcome to nginx!</title>\n');
    // The shell inherits the container's environment, service links included.
    expect(sh('echo $HOSTNAME')).toBe('box\n');
    expect(sh('echo $KUBERNETES_SERVICE_HOST')).toBe('10.96.0.1\n');
    expect(sh('exit')).toBe('');
    expect(session.host.name).toBe('workstation');
    expect(sh('kubectl exec -it nope -- sh')).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect(session.host.name).toBe('workstation');
  });

  it('kubectl exec POD -- sh -c with the pod\'s network tools runs there, loops included, without entering it', () => {
    const { session, sh } = netSession();
    expect(sh("kubectl exec box -- sh -c 'for i in 1 2 3; do wget -qO- http://web.default | grep -c Welcome; done'")).toBe('2\n2\n2\n');
    expect(session.host.name).toBe('workstation');
    expect(sh("kubectl exec box -- sh -c 'wget -qO- http://nope'")).toBe("wget: bad address 'nope'\ncommand terminated with exit code 1\n");
    expect(sh("kubectl exec nope -- sh -c 'wget -qO- http://web'")).toBe('Error from server (NotFound): pods "nope" not found\n');
  });

  it('kubectl exec POD -- sh -c with a pipe or a redirection runs in the pod\'s shell, whose root is the image\'s', () => {
    const { session, sh } = netSession();
    expect(sh("kubectl exec box -- sh -c 'env | grep -c ^HOSTNAME='")).toBe('1\n');
    expect(sh("kubectl exec box -- sh -c 'echo a > /tmp/x; cat /tmp/x'")).toBe('a\n');
    expect(sh("kubectl exec box -- sh -c 'ls / | wc -l'")).toBe('12\n');
    // `||` is not a pipe: the container's own sh runs that one.
    expect(sh("kubectl exec box -- sh -c 'false || echo fallback'")).toBe('fallback\n');
    expect(sh("kubectl exec box -- sh -c 'echo \"a|b\"'")).toBe('a|b\n');
    expect(session.host.name).toBe('workstation');
    sh('kubectl exec -it box -- sh');
    // busybox's ls: equal columns, as wide as the longest name plus two.
    expect(sh('ls /')).toBe('bin    etc    lib    proc   sys    usr\ndev    home   lib64  root   tmp    var\n');
    expect(sh('ls / | head -2')).toBe('bin\ndev\n');
  });

  it('points at the nodes for kube-proxy tools on the workstation', () => {
    const { sh } = netSession();
    expect(sh('iptables-save')).toBe('iptables-save: command not found (kube-proxy rules live on the nodes: ssh node-1)\n');
  });

  it('keeps the workstation file system as fs wherever the terminal is', () => {
    const { session, sh } = netSession();
    sh('echo hi > note.txt');
    sh('ssh node-1');
    sh('echo there > node.txt');
    expect(session.fs.read('/root/note.txt')).toBe('hi\n');
    expect(session.fs.exists('/root/node.txt')).toBe(false);
    expect(session.currentFs.read('/root/node.txt')).toBe('there\n');
  });
});

describe('Session: shells an image does not have', () => {
  it('refuses bash in a busybox container, as runc does', () => {
    const { session, sh } = netSession();
    // containerd names the exec it could not start; kubectl prints the stream's error alone, exit 1.
    const bash = /^error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "bash": executable file not found in \$PATH: unknown\n$/;
    expect(sh('kubectl exec -it box -- bash')).toMatch(bash);
    expect(sh('kubectl exec box -- bash -c "wget -qO- http://web"')).toMatch(bash);
    expect(sh('kubectl exec box -- /bin/bash')).toContain('exec: "/bin/bash": stat /bin/bash: no such file or directory: unknown\n');
    expect(sh('kubectl exec box -- python3; echo "status $?"')).toMatch(/exec: "python3": executable file not found in \$PATH: unknown\nstatus 1\n$/);
    expect(session.host.name).toBe('workstation');
  });
});

describe('Session: kubectl run with a terminal attached', () => {
  it('run -it --rm enters the new pod, and exit deletes it', () => {
    const { session, sh } = netSession();
    expect(session.run('kubectl run tmp --rm -it --image=busybox -- sh').output).toBe("If you don't see a command prompt, try pressing enter.\n");
    expect(session.host).toEqual({ kind: 'pod', name: 'tmp' });
    expect(sh('hostname')).toBe('tmp\n');
    // busybox's ash words a missing command its own way, and loops like any sh.
    expect(sh('curl http://web')).toBe('sh: curl: not found\n');
    expect(sh('for i in 1 2; do echo $i; done')).toBe('1\n2\n');
    expect(sh('exit')).toBe('pod "tmp" deleted from default namespace\n');
    expect(session.host.name).toBe('workstation');
    expect(sh('kubectl get pod tmp')).toBe('Error from server (NotFound): pods "tmp" not found\n');
  });

  it('without --rm the pod stays, and kubectl says how to attach again; --rm needs an attached container', () => {
    const { session, sh } = netSession();
    session.run('kubectl run keep -it --image=busybox');
    expect(sh('exit')).toBe("Session ended, resume using 'kubectl attach keep -c keep -i -t' command when the pod is running\n");
    expect(sh('kubectl get pod keep -o jsonpath={.spec.containers[0].tty}')).toBe('true');
    expect(sh('kubectl run bad --rm --image=busybox')).toBe('error: --rm should only be used for attached containers\n');
  });
});
