import { Session, type SessionOptions } from '../../src/cli/session';

export const WEB_DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        ports:
        - containerPort: 80
`;

/** A learner's session with `web.yaml` (a 3-replica nginx Deployment) in the home directory. */
export function sessionWithWebYaml(options: SessionOptions = {}): Session {
  const session = new Session({ seed: 1, ...options });
  session.fs.write('/root/web.yaml', WEB_DEPLOYMENT);
  return session;
}

/** Run one input and return what it printed, failing the test on a non-zero exit. */
export function sh(session: Session, input: string): string {
  const result = session.run(input);
  if (result.exitCode !== 0) throw new Error(`"${input}" exited ${result.exitCode}:\n${result.output}`);
  return result.output;
}

/** The NAME and STATUS columns of `kubectl get pods`. */
export function podStatuses(session: Session): string[] {
  return sh(session, 'kubectl get pods --no-headers')
    .trim()
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => l.split(/\s+/).slice(0, 3).join(' '));
}
