import { expect, test } from 'vitest';
import { sessionOutputs } from './helpers';

test('source and . run a file in this shell: its variables and aliases stay; bash errors otherwise', () => {
  expect(
    sessionOutputs([
      `printf 'export NS=dev\\nalias kn="kubectl -n $NS"\\necho sourced >&2\\necho out\\n' > env.sh`,
      'source env.sh; echo "NS=$NS"',
      '. env.sh',
      'alias kn',
      'source; echo "rc=$?"',
      'source nope.sh; echo "rc=$?"',
      'source /tmp; echo "rc=$?"',
    ]),
  ).toEqual([
    '',
    'sourced\nout\nNS=dev\n',
    'sourced\nout\n',
    "alias kn='kubectl -n dev'\n",
    'bash: source: filename argument required\nsource: usage: source filename [arguments]\nrc=2\n',
    'bash: nope.sh: No such file or directory\nrc=1\n',
    'bash: source: /tmp: is a directory\nrc=1\n',
  ]);
});
