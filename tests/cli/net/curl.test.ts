import { describe, expect, it } from 'vitest';
import { netSession } from './setup';

describe('curl through the simulated network', () => {
  it('gets the nginx page through a ClusterIP from a node', () => {
    const { sh } = netSession();
    sh('ssh node-1');
    expect(sh('curl -s http://10.96.100.100/ | head -4')).toBe('<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n');
    expect(sh("curl -s -o /dev/null -w '%{http_code}\\n' http://10.96.100.100/")).toBe('200\n');
  });

  it('prints curl\'s own error texts', () => {
    const { sh } = netSession();
    expect(sh('curl http://nope')).toBe('curl: (6) Could not resolve host: nope\n');
    expect(sh('curl -m 5 http://10.96.100.100/')).toBe('curl: (28) Connection timed out after 5001 milliseconds\n');
    sh('ssh node-1');
    expect(sh('curl http://10.96.100.101/')).toBe("curl: (7) Failed to connect to 10.96.100.101 port 80 after 0 ms: Couldn't connect to server\n");
    expect(sh('curl -s http://10.96.100.101/; echo $?')).toBe('7\n');
    expect(sh('curl --bogus x')).toBe("curl: option --bogus: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n");
  });

  it('refuses URLs it cannot use before connecting, with curl 8\'s messages', () => {
    const { sh } = netSession();
    expect(sh('curl http:///')).toBe('curl: (3) URL rejected: No host part in the URL\n');
    expect(sh('curl "http://a b/"')).toBe('curl: (3) URL rejected: Malformed input to a URL function\n');
    expect(sh('EMPTY=; curl -s http://$EMPTY:443/; echo $?')).toBe('curl: (3) URL rejected: No host part in the URL\n3\n');
  });

  it('-v frames the body: request lines first, then the page, then the closing line', () => {
    const { sh } = netSession();
    sh('ssh node-1');
    const out = sh('curl -v http://10.96.100.100/');
    const body = out.indexOf('<!DOCTYPE html>');
    expect(out.indexOf('< HTTP/1.1 200 OK')).toBeLessThan(body);
    expect(out.indexOf('* Connection #0 to host 10.96.100.100 left intact')).toBeGreaterThan(body);
  });

  it('shows the connection, the rule path and the headers with -v', () => {
    const { sh } = netSession();
    sh('ssh node-1');
    const out = sh('curl -sv -o /dev/null http://10.96.100.100/');
    expect(out).toContain('*   Trying 10.96.100.100:80...\n* [clusterlab] node-1: KUBE-SERVICES -> KUBE-SVC-TEST -> KUBE-SEP-10.244.1.2:80 -> 10.244.1.2:80 (pod default/web-a)\n* Connected to 10.96.100.100 (10.96.100.100) port 80\n');
    expect(out).toContain('> GET / HTTP/1.1\n> Host: 10.96.100.100\n> User-Agent: curl/8.14.1\n> Accept: */*\n> \n* Request completely sent off\n< HTTP/1.1 200 OK\n< Server: nginx/1.27.5\n');
    expect(out).toContain('< Content-Length: 615\n');
    expect(out.endsWith('* Connection #0 to host 10.96.100.100 left intact\n')).toBe(true);
  });

  it('reaches pods by Service name from inside a pod, with wget and nslookup', () => {
    const { sh } = netSession();
    expect(sh('kubectl exec box -- wget -qO- http://web | head -4 | tail -1')).toBe('<title>Welcome to nginx!</title>\n');
    expect(sh('kubectl exec box -- wget -qO- http://nope')).toBe("wget: bad address 'nope'\ncommand terminated with exit code 1\n");
    expect(sh('kubectl exec box -- curl http://web')).toContain('executable file not found in $PATH');
  });

  it('pings pods but never a ClusterIP', () => {
    const { sh } = netSession();
    sh('ssh node-1');
    const pod = sh('ping -c 2 10.244.2.2');
    expect(pod).toMatch(/^PING 10\.244\.2\.2 \(10\.244\.2\.2\) 56\(84\) bytes of data\.\n64 bytes from 10\.244\.2\.2: icmp_seq=1 ttl=62 time=0\.\d{3} ms\n/);
    expect(pod).toContain('2 packets transmitted, 2 received, 0% packet loss');
    expect(sh('ping -c 3 10.96.100.100')).toBe('PING 10.96.100.100 (10.96.100.100) 56(84) bytes of data.\n\n--- 10.96.100.100 ping statistics ---\n3 packets transmitted, 0 received, 100% packet loss, time 2036ms\n\n');
  });

  it('prints the progress meter when the body goes to a file', () => {
    const { sh, session } = netSession();
    sh('ssh node-1');
    const out = sh('curl -o page.html http://10.96.100.100/');
    expect(out).toMatch(/^ {2}% Total {4}% Received % Xferd {2}Average Speed {3}Time {4}Time {5}Time {2}Current\n {33}Dload {2}Upload {3}Total {3}Spent {4}Left {2}Speed\n100 {3}615 {2}100 {3}615 {4}0 {5}0 {2}[ \d]{4}k {6}0 --:--:-- --:--:-- --:--:-- [ \d]{4}k\n$/);
    expect(session.currentFs.read('/root/page.html')).toContain('<title>Welcome to nginx!</title>');
  });

  it('leaves closed connections in the node conntrack table as TIME_WAIT, DNATed to the pod', () => {
    const { sh } = netSession();
    sh('ssh node-1');
    sh('curl -s -o /dev/null http://10.96.100.100/');
    sh('sleep 3');
    expect(sh('conntrack -L -p tcp')).toMatch(/^tcp {6}6 11[67] TIME_WAIT src=172\.18\.0\.3 dst=10\.96\.100\.100 sport=\d+ dport=80 src=10\.244\.\d+\.\d+ dst=172\.18\.0\.3 sport=80 dport=\d+ \[ASSURED\] mark=0 use=1\nconntrack v1\.4\.7 \(conntrack-tools\): 1 flow entries have been shown\.\n$/);
  });

  it('tests TCP ports with nc', () => {
    const { sh } = netSession();
    sh('ssh node-1');
    expect(sh('nc -zv 10.96.100.100 80')).toBe('Connection to 10.96.100.100 (10.96.100.100) 80 port [tcp/http] succeeded!\n');
    expect(sh('nc -zv 10.96.100.101 80')).toBe('nc: connect to 10.96.100.101 (10.96.100.101) port 80 (tcp) failed: Connection refused\n');
  });
});

describe("curl to the kubelet's HTTPS API", () => {
  it('needs TLS, and a client certificate the kubelet trusts', () => {
    const { sh } = netSession();
    sh('ssh control-plane');
    expect(sh('curl -s https://172.18.0.3:10250/pods; echo " $?"')).toBe(' 60\n');
    expect(sh('curl -sk https://172.18.0.3:10250/pods')).toBe('Unauthorized');
    expect(sh('curl -s http://172.18.0.3:10250/pods')).toBe('Client sent an HTTP request to an HTTPS server.\n');
    expect(sh('curl -sk --cert /nope.crt https://172.18.0.3:10250/pods')).toBe('curl: (58) could not load PEM client certificate from /nope.crt, OpenSSL error error:80000002:system library::No such file or directory, (no key found, wrong pass phrase, or wrong file format?)\n');
    expect(sh('curl -sk -X POST https://172.18.0.3:10250/checkpoint/default/web-a/web --cert /etc/kubernetes/pki/apiserver-kubelet-client.crt --key /etc/kubernetes/pki/apiserver-kubelet-client.key')).toMatch(/^checkpointing of default\/web-a\/web failed \(rpc error: code = Unknown desc = /);
  });
});
