import { describe, expect, test } from 'vitest';
import { makeShell } from './helpers';

/** `kubectl get pods` as a learner would pipe it. */
const INPUT = "NAME                   READY   STATUS    RESTARTS   AGE\nweb-7f9c8d5b6-x2x4q    1/1     Running   0          10s\nweb-7f9c8d5b6-abcde    0/1     Pending   0          3s\napi-1                  1/1     Running   2          1m\n";

/** Each command and what mawk 1.3.4 (Debian's awk) printed for it on the same input. */
const GOLDEN: [string, string][] = [
  [
    "awk '{print $1}' in.txt",
    "NAME\nweb-7f9c8d5b6-x2x4q\nweb-7f9c8d5b6-abcde\napi-1\n"
  ],
  [
    "awk 'NR>1 {print $1, $3}' in.txt",
    "web-7f9c8d5b6-x2x4q Running\nweb-7f9c8d5b6-abcde Pending\napi-1 Running\n"
  ],
  [
    "awk 'NR>1 && $3==\"Running\"' in.txt",
    "web-7f9c8d5b6-x2x4q    1/1     Running   0          10s\napi-1                  1/1     Running   2          1m\n"
  ],
  [
    "awk '$4 > 0 {print $1 \" restarted \" $4 \" times\"}' in.txt",
    "NAME restarted RESTARTS times\napi-1 restarted 2 times\n"
  ],
  [
    "awk 'END {print NR}' in.txt",
    "4\n"
  ],
  [
    "awk '{print $NF}' in.txt",
    "AGE\n10s\n3s\n1m\n"
  ],
  [
    "awk '{print NF}' in.txt",
    "5\n5\n5\n5\n"
  ],
  [
    "awk -F- '{print $1}' in.txt",
    "NAME                   READY   STATUS    RESTARTS   AGE\nweb\nweb\napi\n"
  ],
  [
    "awk '/Pending/ {print $1}' in.txt",
    "web-7f9c8d5b6-abcde\n"
  ],
  [
    "awk '$1 ~ /^web/ {c++} END {print c}' in.txt",
    "2\n"
  ],
  [
    "awk 'NR==1 {next} {s += $4} END {print \"total restarts:\", s}' in.txt",
    "total restarts: 2\n"
  ],
  [
    "awk '{printf \"%-10s %s\\n\", $3, $1}' in.txt",
    "STATUS     NAME\nRunning    web-7f9c8d5b6-x2x4q\nPending    web-7f9c8d5b6-abcde\nRunning    api-1\n"
  ],
  [
    "awk 'BEGIN {print \"start\"} END {print \"end\"}' in.txt",
    "start\nend\n"
  ],
  [
    "awk '{print length($1), toupper($3)}' in.txt",
    "4 STATUS\n19 RUNNING\n19 PENDING\n5 RUNNING\n"
  ],
  [
    "awk '{ if ($3 == \"Running\") print \"up\"; else print \"not up\" }' in.txt",
    "not up\nup\nnot up\nup\n"
  ],
  [
    "awk '{print substr($1, 1, 3)}' in.txt",
    "NAM\nweb\nweb\napi\n"
  ],
  [
    "awk '{gsub(/-/, \"_\", $1); print $1}' in.txt",
    "NAME\nweb_7f9c8d5b6_x2x4q\nweb_7f9c8d5b6_abcde\napi_1\n"
  ],
  [
    "awk -v want=Pending '$3 == want {print $1}' in.txt",
    "web-7f9c8d5b6-abcde\n"
  ],
  [
    "awk 'NR>1 {print ($4 > 1 ? \"many\" : \"few\")}' in.txt",
    "few\nfew\nmany\n"
  ],
  [
    "awk '{split($1, p, \"-\"); print p[1]}' in.txt",
    "NAME\nweb\nweb\napi\n"
  ],
  [
    "awk '{print $2/1}' in.txt",
    "0\n1\n0\n1\n"
  ],
  [
    "awk '{print}' nothere.txt",
    "awk: cannot open nothere.txt (No such file or directory)\n"
  ],
  [
    "awk '{$2 = \"X\"; print}' in.txt",
    "NAME X STATUS RESTARTS AGE\nweb-7f9c8d5b6-x2x4q X Running 0 10s\nweb-7f9c8d5b6-abcde X Pending 0 3s\napi-1 X Running 2 1m\n"
  ],
  [
    "awk 'NR%2' in.txt",
    "NAME                   READY   STATUS    RESTARTS   AGE\nweb-7f9c8d5b6-abcde    0/1     Pending   0          3s\n"
  ],
  [
    "awk '{for (i = NF; i > 0; i--) printf \"%s \", $i; print \"\"}' in.txt",
    "AGE RESTARTS STATUS READY NAME \n10s 0 Running 1/1 web-7f9c8d5b6-x2x4q \n3s 0 Pending 0/1 web-7f9c8d5b6-abcde \n1m 2 Running 1/1 api-1 \n"
  ]
];

function shell() {
  const { shell, host } = makeShell();
  host.fs.write('/root/in.txt', INPUT);
  host.fs.chdir('/root');
  return shell;
}

describe('awk', () => {
  test.each(GOLDEN)('%s', (command, expected) => {
    expect(shell().runInterleaved(command).output).toBe(expected);
  });

  test('for-in visits every key (in insertion order here; awk leaves the order unspecified)', () => {
    expect(shell().run("awk 'NR>1 {n[$3]++} END {for (k in n) print k, n[k]}' in.txt").stdout).toBe('Running 2\nPending 1\n');
  });

  test('a syntax error names where it stopped and exits 2 without running', () => {
    const r = shell().run("awk '{print $1' in.txt");
    expect(r).toMatchObject({ stdout: '', stderr: 'awk: line 1: missing } near end of file\n', exitCode: 2 });
    expect(shell().run("awk '{print $1 +}' in.txt").stderr).toBe('awk: line 1: syntax error at or near }\n');
  });

  test('a runaway loop is stopped instead of hanging the terminal', () => {
    expect(shell().run("awk 'BEGIN {while (1) x++}'").stderr).toBe('awk: program ran too long (infinite loop?)\n');
  });
});
