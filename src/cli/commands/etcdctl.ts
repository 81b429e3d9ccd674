import type { Cluster } from '../../engine/cluster';
import type { KeyValue } from '../../engine/store/mvcc';
import { fail, ok, type Command, type CommandResult } from '../types';
import { base64 } from '../../engine/sim/base64';
import { headerFields, headerMembers, notAvailable, unsupportedFormat, type Format } from './etcdctl-header';
import { lease } from './etcdctl-lease';

/**
 * `etcdctl`: read the cluster's etcd directly, so learners see every object the API server
 * stored under /registry. Values are shown as JSON, as with the API server's
 * `--storage-media-type=application/json`; real clusters store protobuf, which prints as
 * mostly unreadable bytes, and the lessons say so.
 */
export function createEtcdctl(cluster: Cluster): Command {
  return ({ argv }) => {
    const parsed = splitGlobals(argv);
    if (typeof parsed === 'string') return fail(`${parsed}\n`, parsed.endsWith('unsupported output format') ? 4 : 1);
    const { globals, rest: [verb, ...rest] } = parsed;
    switch (verb) {
      case 'get':
        return get(cluster, rest, globals);
      case 'lease':
        return lease(cluster, rest, globals.format);
      case 'version':
        return ok('etcdctl version: 3.6.4\nAPI version: 3.6\n');
      case 'endpoint':
        if (rest[0] === 'status') return endpointStatus(cluster, globals.format);
        return ENDPOINT_COMMANDS.has(rest[0] ?? '') ? notAvailable(`endpoint ${rest[0]}`) : unknownCommand(`endpoint ${rest[0] ?? ''}`.trim());
      case undefined:
      case '--help':
      case 'help':
        return ok(HELP);
      default:
        return REAL_COMMANDS.has(verb) ? notAvailable(verb) : unknownCommand(verb);
    }
  };
}

/** etcdctl 3.6's other commands: real, so refused as missing here rather than as unknown. */
const REAL_COMMANDS = new Set(['alarm', 'auth', 'check', 'compaction', 'defrag', 'del', 'downgrade', 'elect', 'lock', 'make-mirror', 'member', 'move-leader', 'put', 'role', 'snapshot', 'txn', 'user', 'watch']);
const ENDPOINT_COMMANDS = new Set(['hashkv', 'health']);



/** etcdctl's persistent flags: cobra accepts them before or after the command. */
interface Globals {
  format: Format;
}


const GLOBAL_VALUE_FLAGS = new Set(['--endpoints', '--cacert', '--cert', '--key', '--dial-timeout', '--command-timeout', '--keepalive-time', '--keepalive-timeout', '--user', '--password', '--discovery-srv', '-w', '--write-out']);
const GLOBAL_BOOL_FLAGS = new Set(['--insecure-skip-tls-verify', '--insecure-transport', '--debug', '--hex']);

function splitGlobals(argv: string[]): { globals: Globals; rest: string[] } | string {
  const globals: Globals = { format: 'simple' };
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (GLOBAL_BOOL_FLAGS.has(flag)) continue;
    if (!GLOBAL_VALUE_FLAGS.has(flag)) {
      rest.push(arg);
      continue;
    }
    const value = inline ?? argv[++i] ?? '';
    if (flag === '-w' || flag === '--write-out') {
      // initDisplayFromCmd: an unknown printer is ExitBadFeature (4); protobuf is real but binary.
      if (value === 'protobuf') return 'Error: "etcdctl -w protobuf" is not available in this simulated cluster (it prints binary protobuf)';
      if (value !== 'simple' && value !== 'json' && value !== 'fields' && value !== 'table') return 'Error: unsupported output format';
      globals.format = value;
    }
  }
  return { globals, rest };
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
\t--print-value-only\tOnly write values when using the "simple" output format
\t-w, --write-out\tset the output format (fields, json, simple, table)
`;

function unknownCommand(verb: string): CommandResult {
  return fail(`Error: unknown command "${verb}" for "etcdctl"\nRun 'etcdctl --help' for usage.\n`);
}

interface GetOptions {
  key?: string;
  prefix: boolean;
  keysOnly: boolean;
  valueOnly: boolean;
  limit: number;
}

function parseGet(args: string[]): GetOptions | string {
  const opts: GetOptions = { prefix: false, keysOnly: false, valueOnly: false, limit: 0 };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => inline ?? args[++i] ?? '';
    if (flag === '--prefix') opts.prefix = true;
    else if (flag === '--keys-only') opts.keysOnly = true;
    else if (flag === '--print-value-only') opts.valueOnly = true;
    else if (flag === '--limit') opts.limit = Number(value());
    else if (flag === '--rev') value();
    else if (flag.startsWith('-')) return `Error: unknown flag: ${flag}`;
    else if (opts.key === undefined) opts.key = arg;
    else return 'Error: too many arguments, only accept one argument when `--prefix` is set.';
  }
  return opts.key === undefined ? 'Error: get command needs one argument as key and an optional argument as range_end' : opts;
}

function get(cluster: Cluster, args: string[], globals: Globals): CommandResult {
  const opts = parseGet(args);
  if (typeof opts === 'string') return fail(`${opts}\n`);
  if (globals.format === 'table') return unsupportedFormat('table');
  const store = cluster.store;
  let kvs = opts.prefix ? store.list(opts.key!) : [store.get(opts.key!)].filter((kv): kv is KeyValue => kv !== undefined);
  const count = kvs.length;
  if (opts.limit > 0) kvs = kvs.slice(0, opts.limit);
  const response: GetResponse = { kvs, count, more: kvs.length < count };
  if (globals.format === 'json') return ok(`${jsonResponse(cluster, response, opts.keysOnly)}\n`);
  if (globals.format === 'fields') return ok(fields(cluster, response, opts.keysOnly));
  // etcdctl's simple printer writes the key, then the value (an empty line with --keys-only).
  const value = (kv: KeyValue) => (opts.keysOnly ? '' : storedText(kv));
  return ok(kvs.map((kv) => (opts.valueOnly ? `${value(kv)}\n` : `${kv.key}\n${value(kv)}\n`)).join(''));
}

/**
 * The value as the API server wrote it: it clears metadata.resourceVersion before every write
 * (the key's mod_revision is the version), so etcd never holds one.
 */
function storedText(kv: KeyValue): string {
  const value = kv.value as { metadata?: Record<string, unknown> };
  if (!value.metadata || !('resourceVersion' in value.metadata)) return JSON.stringify(value);
  return JSON.stringify({ ...value, metadata: { ...value.metadata, resourceVersion: undefined } });
}

interface GetResponse {
  kvs: KeyValue[];
  count: number;
  /** More keys matched than --limit let through. */
  more: boolean;
}


/**
 * The RangeResponse as Go's encoding/json writes it: the ids are uint64 and printed exactly
 * (JSON.stringify would round them to doubles), and kvs, more and count are omitempty.
 */
function jsonResponse(cluster: Cluster, r: GetResponse, keysOnly: boolean): string {
  const kvs = r.kvs.map((kv) => ({
    key: base64(kv.key),
    create_revision: kv.createRevision,
    mod_revision: kv.modRevision,
    version: kv.version,
    ...(keysOnly ? {} : { value: base64(storedText(kv)) }),
    ...(kv.lease ? { lease: kv.lease } : {}),
  }));
  const header = `{${headerMembers(cluster)}}`;
  // A lease id is an int64, printed as a number: the store keeps it as a string of digits.
  const body = JSON.stringify({ ...(kvs.length ? { kvs } : {}), ...(r.more ? { more: true } : {}), ...(r.count ? { count: r.count } : {}) }).replace(/"lease":"(\d+)"/g, '"lease":$1');
  return `{"header":${header}${body === '{}' ? '' : `,${body.slice(1, -1)}`}}`;
}

function fields(cluster: Cluster, r: GetResponse, keysOnly: boolean): string {
  const lines = headerFields(cluster);
  for (const kv of r.kvs) {
    lines.push(`"Key" : ${JSON.stringify(kv.key)}`, `"CreateRevision" : ${kv.createRevision}`, `"ModRevision" : ${kv.modRevision}`, `"Version" : ${kv.version}`);
    // etcdctl's fields printer always prints Value; --keys-only leaves it empty.
    lines.push(`"Value" : ${keysOnly ? '""' : JSON.stringify(storedText(kv))}`);
    lines.push(`"Lease" : ${kv.lease ?? 0}`);
  }
  lines.push(`"More" : ${r.more}`, `"Count" : ${r.count}`);
  return `${lines.join('\n')}\n`;
}

/**
 * etcdctl 3.6's endpoint status (makeEndpointStatusTable): one line of sixteen fields, or a
 * tablewriter box with `-w table`. Sizes are the store's JSON, in bbolt's 4 KiB pages.
 */
function endpointStatus(cluster: Cluster, format: Format): CommandResult {
  if (format === 'fields') return unsupportedFormat(format);
  if (format === 'json') return notAvailable('endpoint status -w json');
  const inUse = JSON.stringify(cluster.store.snapshot().kvs).length;
  const dbSize = Math.ceil(inUse / 4096) * 4096;
  const revision = String(cluster.store.revision);
  const row = [
    '127.0.0.1:2379', '8e9e05c52164694d', '3.6.4', '3.6.0', humanizeBytes(dbSize), humanizeBytes(inUse),
    `${100 - Math.floor((inUse * 100) / dbSize)}%`, humanizeBytes(2 * 1024 ** 3), 'true', 'false', '2', revision, revision, '', '', 'false',
  ];
  if (format === 'simple') return ok(`${row.join(', ')}\n`);
  return ok(asciiTable(ENDPOINT_STATUS_HEADER, [row]));
}

const ENDPOINT_STATUS_HEADER = [
  'endpoint', 'ID', 'version', 'storage version', 'db size', 'in use', 'percentage not in use', 'quota', 'is leader', 'is learner', 'raft term',
  'raft index', 'raft applied index', 'errors', 'downgrade target version', 'downgrade enabled',
];

/** go-humanize's Bytes: SI units, one decimal below 10 (`2.1 GB`, `25 kB`, `7 B`). */
function humanizeBytes(bytes: number): string {
  if (bytes < 10) return `${bytes} B`;
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  const e = Math.min(Math.floor(Math.log(bytes) / Math.log(1000)), units.length - 1);
  const value = Math.floor((bytes / 1000 ** e) * 10 + 0.5) / 10;
  return `${value < 10 ? value.toFixed(1) : value.toFixed(0)} ${units[e]}`;
}

/**
 * olekukonko/tablewriter 0.0.5 as etcdctl sets it up: upper-case headers centred (odd space to
 * the right), cells right-aligned, one space of padding, `+---+` rules around the header and body.
 */
function asciiTable(header: string[], rows: string[][]): string {
  const heads = header.map((h) => h.toUpperCase());
  const widths = heads.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const rule = `+${widths.map((w) => '-'.repeat(w + 2)).join('+')}+\n`;
  const centred = (text: string, w: number) => {
    const left = Math.floor((w - text.length) / 2);
    return `${' '.repeat(left)}${text}${' '.repeat(w - text.length - left)}`;
  };
  const line = (cells: string[], align: (text: string, w: number) => string) => `|${cells.map((c, i) => ` ${align(c, widths[i]!)} `).join('|')}|\n`;
  return rule + line(heads, centred) + rule + rows.map((r) => line(r, (text, w) => text.padStart(w))).join('') + rule;
}
