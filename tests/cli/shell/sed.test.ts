import { describe, expect, test } from 'vitest';
import { makeShell } from './helpers';

/** `kubectl get pods` as a learner would pipe it. */
const INPUT = "NAME                   READY   STATUS    RESTARTS   AGE\nweb-7f9c8d5b6-x2x4q    1/1     Running   0          10s\nweb-7f9c8d5b6-abcde    0/1     Pending   0          3s\napi-1                  1/1     Running   2          1m\n";

/**
 * Each command and what GNU sed 4.9 printed for it (stdout and stderr interleaved), captured
 * from the real tool on the same input.
 */
const GOLDEN: [string, string][] = [
  [
    "sed -n '2,3p' in.txt",
    "web-7f9c8d5b6-x2x4q    1/1     Running   0          10s\nweb-7f9c8d5b6-abcde    0/1     Pending   0          3s\n"
  ],
  [
    "sed 1d in.txt",
    "web-7f9c8d5b6-x2x4q    1/1     Running   0          10s\nweb-7f9c8d5b6-abcde    0/1     Pending   0          3s\napi-1                  1/1     Running   2          1m\n"
  ],
  [
    "sed 's/Running/Up/' in.txt",
    "NAME                   READY   STATUS    RESTARTS   AGE\nweb-7f9c8d5b6-x2x4q    1/1     Up   0          10s\nweb-7f9c8d5b6-abcde    0/1     Pending   0          3s\napi-1                  1/1     Up   2          1m\n"
  ],
  [
    "sed 's/ \\+/ /g' in.txt",
    "NAME READY STATUS RESTARTS AGE\nweb-7f9c8d5b6-x2x4q 1/1 Running 0 10s\nweb-7f9c8d5b6-abcde 0/1 Pending 0 3s\napi-1 1/1 Running 2 1m\n"
  ],
  [
    "sed -E 's/([a-z]+)-([0-9])/\\2:\\1/' in.txt",
    "NAME                   READY   STATUS    RESTARTS   AGE\n7:webf9c8d5b6-x2x4q    1/1     Running   0          10s\n7:webf9c8d5b6-abcde    0/1     Pending   0          3s\n1:api                  1/1     Running   2          1m\n"
  ],
  [
    "sed -n '/Pending/p' in.txt",
    "web-7f9c8d5b6-abcde    0/1     Pending   0          3s\n"
  ],
  [
    "sed '/NAME/,/abcde/d' in.txt",
    "api-1                  1/1     Running   2          1m\n"
  ],
  [
    "sed 2q in.txt",
    "NAME                   READY   STATUS    RESTARTS   AGE\nweb-7f9c8d5b6-x2x4q    1/1     Running   0          10s\n"
  ],
  [
    "sed -n '$p' in.txt",
    "api-1                  1/1     Running   2          1m\n"
  ],
  [
    "sed 's/0/zero/2' in.txt",
    "NAME                   READY   STATUS    RESTARTS   AGE\nweb-7f9c8d5b6-x2x4q    1/1     Running   0          1zeros\nweb-7f9c8d5b6-abcde    0/1     Pending   zero          3s\napi-1                  1/1     Running   2          1m\n"
  ],
  [
    "sed 's#/#|#g' in.txt",
    "NAME                   READY   STATUS    RESTARTS   AGE\nweb-7f9c8d5b6-x2x4q    1|1     Running   0          10s\nweb-7f9c8d5b6-abcde    0|1     Pending   0          3s\napi-1                  1|1     Running   2          1m\n"
  ],
  [
    "sed -n '/web/!p' in.txt",
    "NAME                   READY   STATUS    RESTARTS   AGE\napi-1                  1/1     Running   2          1m\n"
  ],
  [
    "sed 's/R\\(un\\)ning/[&|\\1]/' in.txt",
    "NAME                   READY   STATUS    RESTARTS   AGE\nweb-7f9c8d5b6-x2x4q    1/1     [Running|un]   0          10s\nweb-7f9c8d5b6-abcde    0/1     Pending   0          3s\napi-1                  1/1     [Running|un]   2          1m\n"
  ],
  [
    "sed -e 's/1/one/' -e 's/Running/R/' in.txt",
    "NAME                   READY   STATUS    RESTARTS   AGE\nweb-7f9c8d5b6-x2x4q    one/1     R   0          10s\nweb-7f9c8d5b6-abcde    0/one     Pending   0          3s\napi-one                  1/1     R   2          1m\n"
  ],
  [
    "sed = in.txt",
    "1\nNAME                   READY   STATUS    RESTARTS   AGE\n2\nweb-7f9c8d5b6-x2x4q    1/1     Running   0          10s\n3\nweb-7f9c8d5b6-abcde    0/1     Pending   0          3s\n4\napi-1                  1/1     Running   2          1m\n"
  ],
  [
    "sed '2,$s/^/> /' in.txt",
    "NAME                   READY   STATUS    RESTARTS   AGE\n> web-7f9c8d5b6-x2x4q    1/1     Running   0          10s\n> web-7f9c8d5b6-abcde    0/1     Pending   0          3s\n> api-1                  1/1     Running   2          1m\n"
  ],
  [
    "sed 's/RUNNING/x/I' in.txt",
    "NAME                   READY   STATUS    RESTARTS   AGE\nweb-7f9c8d5b6-x2x4q    1/1     x   0          10s\nweb-7f9c8d5b6-abcde    0/1     Pending   0          3s\napi-1                  1/1     x   2          1m\n"
  ],
  [
    "sed -n 's/Running/ok/p' in.txt",
    "web-7f9c8d5b6-x2x4q    1/1     ok   0          10s\napi-1                  1/1     ok   2          1m\n"
  ],
  [
    "sed 's/a/b' in.txt",
    "sed: -e expression #1, char 5: unterminated `s' command\n"
  ],
  [
    "sed k in.txt",
    "sed: -e expression #1, char 1: unknown command: `k'\n"
  ],
  [
    "sed -n '3,1p' in.txt",
    "web-7f9c8d5b6-abcde    0/1     Pending   0          3s\n"
  ],
  [
    "sed '2,/Running/d' in.txt",
    "NAME                   READY   STATUS    RESTARTS   AGE\n"
  ],
  [
    "sed 's/\\(web\\)-[a-z0-9]*-/\\1 /;s/  */ /g' in.txt",
    "NAME READY STATUS RESTARTS AGE\nweb x2x4q 1/1 Running 0 10s\nweb abcde 0/1 Pending 0 3s\napi-1 1/1 Running 2 1m\n"
  ],
  [
    "cat in.txt | sed -n '1p;$p'",
    "NAME                   READY   STATUS    RESTARTS   AGE\napi-1                  1/1     Running   2          1m\n"
  ],
  [
    "sed 's/^/# /' nothere.txt",
    "sed: can't read nothere.txt: No such file or directory\n"
  ],
  [
    "sed -i 's/Pending/Waiting/' in.txt; cat in.txt",
    "NAME                   READY   STATUS    RESTARTS   AGE\nweb-7f9c8d5b6-x2x4q    1/1     Running   0          10s\nweb-7f9c8d5b6-abcde    0/1     Waiting   0          3s\napi-1                  1/1     Running   2          1m\n"
  ]
];

describe('sed', () => {
  test.each(GOLDEN)('%s', (command, expected) => {
    const { shell, host } = makeShell();
    host.fs.write('/root/in.txt', INPUT);
    host.fs.chdir('/root');
    expect(shell.runInterleaved(command).output).toBe(expected);
  });

  test('exit statuses: 0 when it ran, 1 for a bad script, 2 for an unreadable file', () => {
    const { shell, host } = makeShell();
    host.fs.write('/root/in.txt', INPUT);
    host.fs.chdir('/root');
    expect(shell.run("sed -n '1p' in.txt").exitCode).toBe(0);
    expect(shell.run("sed 's/a/b' in.txt").exitCode).toBe(1);
    expect(shell.run('sed p missing.txt').exitCode).toBe(2);
  });
});
