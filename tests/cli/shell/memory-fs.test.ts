import { describe, expect, it } from 'vitest';
import { FsError, MemoryFs } from '../../../src/cli/shell/memory-fs';

describe('MemoryFs', () => {
  it('starts in /root with /tmp and /dev/null', () => {
    const fs = new MemoryFs();
    expect(fs.cwd()).toBe('/root');
    expect(fs.isDir('/tmp')).toBe(true);
    expect(fs.list('/')).toEqual(['dev', 'root', 'tmp']);
    expect(fs.read('/dev/null')).toBe('');
  });

  it('resolves relative paths, . and .., and ~ to /root', () => {
    const fs = new MemoryFs();
    fs.mkdir('a/b');
    fs.chdir('a/b');
    expect(fs.cwd()).toBe('/root/a/b');
    expect(fs.resolve('../c/./d')).toBe('/root/a/c/d');
    expect(fs.resolve('~/x')).toBe('/root/x');
    expect(fs.resolve('~')).toBe('/root');
    expect(fs.resolve('/../..//etc/')).toBe('/etc');
  });

  it('writes, appends and reads files', () => {
    const fs = new MemoryFs();
    fs.write('f', 'one\n');
    fs.append('f', 'two\n');
    expect(fs.read('/root/f')).toBe('one\ntwo\n');
    expect(fs.exists('f')).toBe(true);
    expect(fs.isDir('f')).toBe(false);
    expect(fs.read('missing')).toBeUndefined();
  });

  it('refuses to write into a missing directory, like the kernel', () => {
    const fs = new MemoryFs();
    expect(() => fs.write('/nope/x', 'a')).toThrowError(new FsError('/nope/x', 'No such file or directory'));
    expect(() => fs.write('/tmp', 'a')).toThrow(/Is a directory/);
  });

  it('swallows writes to /dev/null', () => {
    const fs = new MemoryFs();
    fs.write('/dev/null', 'data');
    expect(fs.read('/dev/null')).toBe('');
  });

  it('reports chdir failures with the reason cd prints', () => {
    const fs = new MemoryFs();
    fs.write('f', '');
    expect(() => fs.chdir('/x')).toThrow('/x: No such file or directory');
    expect(() => fs.chdir('f')).toThrow('f: Not a directory');
  });

  it('removes files and whole trees', () => {
    const fs = new MemoryFs();
    fs.mkdir('/tmp/a/b');
    fs.write('/tmp/a/b/f', 'x');
    expect(fs.remove('/tmp/a')).toBe(true);
    expect(fs.exists('/tmp/a/b/f')).toBe(false);
    expect(fs.remove('/tmp/a')).toBe(false);
  });

  it('round-trips through JSON', () => {
    const fs = new MemoryFs();
    fs.mkdir('/etc/empty');
    fs.write('/tmp/f', 'content');
    fs.chdir('/tmp');
    const copy = MemoryFs.fromJSON(JSON.parse(JSON.stringify(fs)) as ReturnType<MemoryFs['toJSON']>);
    expect(copy.toJSON()).toEqual(fs.toJSON());
    expect(copy.cwd()).toBe('/tmp');
    expect(copy.read('/tmp/f')).toBe('content');
    expect(copy.isDir('/etc/empty')).toBe(true);
  });
});
