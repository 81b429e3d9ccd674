import type { Cluster } from '../../engine/cluster';
import type { KeyValue } from '../../engine/store/mvcc';
import { fail, ok, type Command, type CommandResult } from '../types';
import { base64 } from '../../engine/sim/base64';

/**
 * `etcdctl`: read the cluster's etcd directly, so learners see every object the API server
 * stored under /registry. Values are shown as JSON, as with the API server's
 * `--storage-media-type=application/json`; real clusters store protobuf, which prints as
 * mostly unreadable bytes, and the lessons say so.
 */
export function createEtcdctl(cluster: Cluster): Command {
  return ({ argv }) => {
    const [verb, ...rest] = argv;
    switch (verb) {
      case 'get':
        return get(cluster, rest);
      case 'version':
        return ok('etcdctl version: 3.6.4\nAPI version: 3.6\n');
      case 'endpoint':
        return rest[0] === 'status' ? endpointStatus(cluster) : unknownCommand(`endpoint ${rest[0] ?? ''}`.trim());
      case undefined:
      case '--help':
      case 'help':
        return ok(HELP);
      default:
        return unknownCommand(verb);
    }
  };
}

const HELP = `NAME:
\tetcdctl - A simple command line client for etcd3.

USAGE:
\tetcdctl [flags]

COMMANDS:
\tendpoint status\tPrints out the status of endpoints specified in \`--endpoints\` flag
\tget\t\t\tGets the key or a range of keys
\tversion\t\t\tPrints the version of etcdctl

OPTIONS:
\t--keys-only\tGet only the keys
\t--prefix\tGet keys with matching prefix
\t--limit\t\tMaximum number of results
\t--rev\t\tSpecify the kv revision (current only in this cluster)
\t-w, --write-out\tset the output format (fields, json, simple)
`;

function unknownCommand(verb: string): CommandResult {
  return fail(`Error: unknown command "${verb}" for "etcdctl"\nRun 'etcdctl --help' for usage.\n`);
}

interface GetOptions {
  key?: string;
  prefix: boolean;
  keysOnly: boolean;
  limit: number;
  format: 'simple' | 'json' | 'fields';
}

function parseGet(args: string[]): GetOptions | string {
  const opts: GetOptions = { prefix: false, keysOnly: false, limit: 0, format: 'simple' };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => inline ?? args[++i] ?? '';
    if (flag === '--prefix') opts.prefix = true;
    else if (flag === '--keys-only') opts.keysOnly = true;
    else if (flag === '--limit') opts.limit = Number(value());
    else if (flag === '-w' || flag === '--write-out') {
      const format = value();
      if (format !== 'simple' && format !== 'json' && format !== 'fields') return `Error: unsupported output format "${format}"`;
      opts.format = format;
    } else if (flag === '--rev' || flag === '--endpoints' || flag === '--cacert' || flag === '--cert' || flag === '--key') value();
    else if (flag.startsWith('-')) return `Error: unknown flag: ${flag}`;
    else if (opts.key === undefined) opts.key = arg;
    else return 'Error: too many arguments, only accept one argument when `--prefix` is set.';
  }
  return opts.key === undefined ? 'Error: get command needs one argument as key and an optional argument as range_end' : opts;
}

function get(cluster: Cluster, args: string[]): CommandResult {
  const opts = parseGet(args);
  if (typeof opts === 'string') return fail(`${opts}\n`);
  const store = cluster.store;
  let kvs = opts.prefix ? store.list(opts.key!) : [store.get(opts.key!)].filter((kv): kv is KeyValue => kv !== undefined);
  const count = kvs.length;
  if (opts.limit > 0) kvs = kvs.slice(0, opts.limit);
  if (opts.format === 'json') return ok(`${JSON.stringify(jsonResponse(cluster, kvs, count, opts.keysOnly))}\n`);
  if (opts.format === 'fields') return ok(fields(cluster, kvs, count, opts.keysOnly));
  // etcdctl's simple printer writes the key, then the value (an empty line with --keys-only).
  return ok(kvs.map((kv) => `${kv.key}\n${opts.keysOnly ? '' : JSON.stringify(kv.value)}\n`).join(''));
}

function header(cluster: Cluster) {
  return { cluster_id: 14841639068965178418n.toString(), member_id: 10276657743932975437n.toString(), revision: cluster.store.revision, raft_term: 2 };
}

function jsonResponse(cluster: Cluster, kvs: KeyValue[], count: number, keysOnly: boolean) {
  const h = header(cluster);
  return {
    header: { cluster_id: Number(h.cluster_id), member_id: Number(h.member_id), revision: h.revision, raft_term: h.raft_term },
    kvs: kvs.map((kv) => ({
      key: base64(kv.key),
      create_revision: kv.createRevision,
      mod_revision: kv.modRevision,
      version: kv.version,
      ...(keysOnly ? {} : { value: base64(JSON.stringify(kv.value)) }),
    })),
    count,
  };
}

function fields(cluster: Cluster, kvs: KeyValue[], count: number, keysOnly: boolean): string {
  const h = header(cluster);
  const lines = [`"ClusterID" : ${h.cluster_id}`, `"MemberID" : ${h.member_id}`, `"Revision" : ${h.revision}`, `"RaftTerm" : ${h.raft_term}`];
  for (const kv of kvs) {
    lines.push(`"Key" : ${JSON.stringify(kv.key)}`, `"CreateRevision" : ${kv.createRevision}`, `"ModRevision" : ${kv.modRevision}`, `"Version" : ${kv.version}`);
    // etcdctl's fields printer always prints Value; --keys-only leaves it empty.
    lines.push(`"Value" : ${keysOnly ? '""' : JSON.stringify(JSON.stringify(kv.value))}`);
    lines.push('"Lease" : 0');
  }
  lines.push(`"More" : false`, `"Count" : ${count}`);
  return `${lines.join('\n')}\n`;
}

function endpointStatus(cluster: Cluster): CommandResult {
  const dbSize = Math.round(JSON.stringify(cluster.store.snapshot().kvs).length / 1024 / 1024 * 10) / 10;
  return ok(`127.0.0.1:2379, 8e9e05c52164694d, 3.6.4, ${dbSize} MB, true, false, 2, ${cluster.store.revision}, ${cluster.store.revision}, \n`);
}
