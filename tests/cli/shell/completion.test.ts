import { describe, expect, it } from 'vitest';
import { complete, fileCandidates } from '../../../src/cli/shell/completion';
import { MemoryFs } from '../../../src/cli/shell/memory-fs';

const commands = ['kubectl', 'kill', 'ls', 'cat'];
const candidates = (words: string[]): string[] => (words.length === 1 ? commands : words[0] === 'kubectl' ? ['get', 'describe', 'delete'] : []);

describe('complete', () => {
  it('completes a unique command name and adds a space', () => {
    const c = complete('kub', 3, candidates);
    expect(c).toMatchObject({ word: 'kub', start: 0, candidates: ['kubectl'], line: 'kubectl ', cursor: 8 });
  });

  it('extends to the common prefix and lists the alternatives', () => {
    const c = complete('k', 1, candidates);
    expect(c.candidates).toEqual(['kill', 'kubectl']);
    expect(c.prefix).toBe('k');
    expect(c.line).toBe('k');
    expect(complete('kubectl de', 10, candidates)).toMatchObject({ prefix: 'de', candidates: ['delete', 'describe'] });
  });

  it('passes the words of the current command, the partial one last', () => {
    const seen: string[][] = [];
    complete('echo x | kubectl get po', 23, (words) => (seen.push(words), []));
    expect(seen).toEqual([['kubectl', 'get', 'po']]);
    complete('ls ', 3, (words) => (seen.push(words), []));
    expect(seen[1]).toEqual(['ls', '']);
  });

  it('completes at the cursor, keeping the rest of the line', () => {
    const c = complete('kubectl g -n x', 9, candidates);
    expect(c.line).toBe('kubectl get  -n x');
    expect(c.cursor).toBe(12);
  });

  it('leaves the line alone when nothing matches', () => {
    expect(complete('zz', 2, candidates)).toMatchObject({ candidates: [], line: 'zz', cursor: 2 });
  });

  it('offers file names, directories with a slash', () => {
    const fs = new MemoryFs();
    fs.write('pod.yaml', '');
    fs.mkdir('manifests');
    fs.write('manifests/svc.yaml', '');
    expect(fileCandidates(fs, '')).toEqual(['manifests/', 'pod.yaml']);
    expect(complete('cat ma', 6, () => fileCandidates(fs, 'ma')).line).toBe('cat manifests/');
    expect(fileCandidates(fs, 'manifests/')).toEqual(['manifests/svc.yaml']);
  });
});
