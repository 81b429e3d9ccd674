import { describe, expect, test } from 'vitest';
import { bench } from './harness';

function labelledPods() {
  const b = bench();
  b.k('run web --image=nginx --labels=tier=front,app=web');
  b.k('run db --image=postgres --labels=app.kubernetes.io/name=db');
  return b;
}

describe('kubectl get -L / --label-columns', () => {
  test('one column per key, headed by the key upper-cased, empty where the label is missing', () => {
    const expected = 'NAME   READY   STATUS    RESTARTS   AGE   TIER\ndb     0/1     Pending   0          0s    \nweb    0/1     Pending   0          0s    front\n';
    const b = labelledPods();
    expect(b.k('get pods -L tier')).toEqual({ stdout: expected, stderr: '', exitCode: 0 });
    expect(b.k('get pods -Ltier').stdout).toBe(expected);
    expect(b.k('get pods --label-columns=tier').stdout).toBe(expected);
  });

  test('comma-separated and repeated keys keep their order; LABELS stays last', () => {
    const b = labelledPods();
    const expected = [
      'NAME   READY   STATUS    RESTARTS   AGE   TIER    APP   LABELS',
      'db     0/1     Pending   0          0s                  app.kubernetes.io/name=db',
      'web    0/1     Pending   0          0s    front   web   app=web,tier=front',
      '',
    ].join('\n');
    expect(b.k('get pods --label-columns=tier,app --show-labels').stdout).toBe(expected);
    expect(b.k('get pods -L tier -L app --show-labels').stdout).toBe(expected);
  });

  test('a prefixed key is headed by its last path segment, after the -o wide columns', () => {
    expect(labelledPods().k('get pods -L app.kubernetes.io/name -o wide').stdout).toBe(
      [
        'NAME   READY   STATUS    RESTARTS   AGE   IP       NODE     NOMINATED NODE   READINESS GATES   NAME',
        'db     0/1     Pending   0          0s    <none>   <none>   <none>           <none>            db',
        'web    0/1     Pending   0          0s    <none>   <none>   <none>           <none>            ',
        '',
      ].join('\n'),
    );
  });

  test('each kind\'s table gets the columns, and -A puts NAMESPACE before them', () => {
    const b = labelledPods();
    expect(b.k('get pods,svc -L app').stdout).toBe(
      [
        'NAME      READY   STATUS    RESTARTS   AGE   APP',
        'pod/db    0/1     Pending   0          0s    ',
        'pod/web   0/1     Pending   0          0s    web',
        '',
        'NAME                 TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE   APP',
        'service/kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   0s    ',
        '',
      ].join('\n'),
    );
    expect(b.k('get pods -A -L tier').stdout.split('\n')[0]).toBe('NAMESPACE   NAME   READY   STATUS    RESTARTS   AGE   TIER');
  });

  test('get -w prints them too', () => {
    expect(labelledPods().k('get pods -L tier -w --request-timeout=1s').stdout).toBe(
      'NAME   READY   STATUS    RESTARTS   AGE   TIER\ndb     0/1     Pending   0          0s    \nweb    0/1     Pending   0          0s    front\n',
    );
  });
});
