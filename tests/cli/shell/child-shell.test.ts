import { expect, test } from 'vitest';
import { sessionOutputs } from './helpers';

test('bash -c, sh FILE and | bash run a child shell: exported variables only, nothing comes back', () => {
  // Each expectation is what bash 5.2 prints for the same line.
  expect(
    sessionOutputs([
      "bash -c 'echo hi | tr a-z A-Z'",
      "x=1; export Y=2; bash -c 'echo \"x=$x Y=$Y\"'",
      "sh -c 'exit 3'; echo \"rc=$?\"",
      "printf 'echo from-file\\nz=9\\n' > s.sh; bash s.sh; echo \"z=$z\"",
      "echo 'echo piped' | bash",
      'bash -c; echo "rc=$?"',
      'bash nope.sh; echo "rc=$?"',
      "bash -ec 'false; echo no'; echo \"rc=$?\"",
      "bash -xc 'echo traced'",
      "kubectl get ns -o name | xargs -I{} sh -c 'echo got {}' | head -2",
    ]),
  ).toEqual([
    'HI\n',
    'x= Y=2\n',
    'rc=3\n',
    'from-file\nz=\n',
    'piped\n',
    'bash: -c: option requires an argument\nrc=2\n',
    'bash: nope.sh: No such file or directory\nrc=127\n',
    'rc=1\n',
    '+ echo traced\ntraced\n',
    'got namespace/default\ngot namespace/kube-node-lease\n',
  ]);
});
