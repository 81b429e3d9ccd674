import type { Cluster } from '../../../engine/cluster';
import { fail, ok, type Command } from '../../types';
import { nodeNftables } from './node-state';

/** nft's error for a table that does not exist, with the caret line under the name. */
function noSuchTable(args: string[]): string {
  const line = args.join(' ');
  const name = args[args.length - 1] ?? '';
  const at = line.length - name.length;
  return `Error: No such file or directory\n${line}\n${' '.repeat(at)}${'^'.repeat(name.length)}\n`;
}

/** `nft list table ip kube-proxy`, `nft list ruleset`, `nft list tables` on a node. */
export function createNft(cluster: Cluster): Command {
  return ({ argv, host }) => {
    const args = argv.filter((a) => a !== '-a' && a !== '-n');
    const proxier = nodeNftables(cluster, host.name);
    const listing = proxier?.list(cluster.now()) ?? '';
    if (args[0] === '--version' || args[0] === '-v') return ok('nftables v1.0.6 (Lester Gooch #5)\n');
    if (args[0] !== 'list') return fail(`Error: syntax error, unexpected ${args[0] === undefined ? 'end of file' : `'${args[0]}'`}\n`, 1);
    if (args[1] === 'ruleset') return ok(listing);
    if (args[1] === 'tables') return ok(proxier?.table ? 'table ip kube-proxy\n' : '');
    if (args[1] === 'table') {
      const [family, name] = args.length >= 4 ? [args[2], args[3]] : ['ip', args[2]];
      if (family === 'ip' && name === 'kube-proxy' && proxier?.table) return ok(listing);
      return fail(noSuchTable(['list', 'table', ...(args.length >= 4 ? [family ?? ''] : []), name ?? '']), 1);
    }
    return fail(`Error: syntax error, unexpected ${args[1] === undefined ? 'end of file' : args[1]}\n`, 1);
  };
}
