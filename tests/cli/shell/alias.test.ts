import { expect, test } from 'vitest';
import { sessionOutputs } from './helpers';

test('alias k=kubectl: later lines start with the alias text; quoted names, and the line that defines or removes one, are not affected', () => {
  expect(
    sessionOutputs([
      'alias k=kubectl',
      "alias kgp='kubectl get pods -A'",
      'k get ns default -o name',
      'kgp --no-headers | wc -l | tr -d " " | grep -c .',
      'alias',
      'alias k; alias nope',
      "alias 'a b=c'",
      "'k' version",
      'alias ll="ls -la"; ll /',
      'unalias kgp; unalias nope',
      'kgp',
    ]),
  ).toEqual([
    '',
    '',
    'namespace/default\n',
    '1\n',
    "alias k='kubectl'\nalias kgp='kubectl get pods -A'\n",
    "alias k='kubectl'\nbash: alias: nope: not found\n",
    "bash: alias: `a b': invalid alias name\n",
    'bash: k: command not found\n',
    'bash: ll: command not found\n',
    'bash: unalias: nope: not found\n',
    'bash: kgp: command not found\n',
  ]);
});
