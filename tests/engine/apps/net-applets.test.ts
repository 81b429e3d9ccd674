import { expect, test } from 'vitest';
import { Session } from '../../../src/cli/session';

function withWebService(): Session {
  const session = new Session({ seed: 1 });
  session.run('kubectl create deployment web --image=nginx:1.27 >/dev/null; kubectl expose deployment web --port=80 >/dev/null; sleep 15');
  return session;
}

test("a busybox container's own command reaches a Service: kubectl run --rm -it -- wget -qO- http://web", () => {
  const s = withWebService();
  const out = s.run('kubectl run t --image=busybox --rm -it --restart=Never -- wget -qO- http://web').output;
  expect(out).toMatch(/^<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!<\/title>/);
  expect(out.endsWith('</html>\npod "t" deleted from default namespace\n')).toBe(true);
});

test('nslookup and wget in a container script log as busybox prints them; a failure ends the container in Error', () => {
  const s = withWebService();
  const ip = s.run("kubectl get svc web -o jsonpath='{.spec.clusterIP}'").output;
  s.run(`kubectl run c --image=busybox:1.36 --restart=Never -- sh -c 'nslookup web; wget -O /tmp/x http://web && ls /tmp; wget -qO- http://nope'`);
  s.run('sleep 10');
  expect(s.run('kubectl logs c').output).toBe(
    `Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tweb.default.svc.cluster.local\nAddress: ${ip}\n\n` +
      `Connecting to web (${ip}:80)\nsaving to '/tmp/x'\n/tmp/x               100% |********************************|     615  0:00:00 ETA\n'/tmp/x' saved\nx\nwget: bad address 'nope'\n`,
  );
  expect(s.run('kubectl get pod c').output).toMatch(/c\s+0\/1\s+Error\s+0/);
});

test('an image without wget still says so (nginx is Debian with curl only)', () => {
  const s = withWebService();
  s.run("kubectl run n --image=nginx:1.27 --restart=Never --command -- sh -c 'wget -qO- http://web'");
  s.run('sleep 10');
  expect(s.run('kubectl logs n').output).toBe('sh: 1: wget: not found\n');
});
