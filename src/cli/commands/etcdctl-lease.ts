import type { Cluster } from '../../engine/cluster';
import { base64 } from '../../engine/sim/base64';
import { fail, ok, type CommandResult } from '../types';
import { headerFields, headerMembers, notAvailable, unsupportedFormat, type Format } from './etcdctl-header';

/**
 * `etcdctl lease list` and `etcdctl lease timetolive <id> [--keys]`: the leases the API server
 * keeps Events under, as etcdctl 3.6 prints them. Ids are int64s: hex (%016x) in the simple
 * printer and on the command line, decimal in json and fields.
 */
export function lease(cluster: Cluster, args: string[], format: Format): CommandResult {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'list':
      return list(cluster, format);
    case 'timetolive':
      return timeToLive(cluster, rest, format);
    case 'grant':
    case 'revoke':
    case 'keep-alive':
      return notAvailable(`lease ${sub}`);
    case undefined:
      return ok(LEASE_HELP);
    default:
      return fail(`Error: unknown command "${sub}" for "etcdctl lease"\nRun 'etcdctl lease --help' for usage.\n`);
  }
}

const hex = (id: string) => BigInt(id).toString(16).padStart(16, '0');

function list(cluster: Cluster, format: Format): CommandResult {
  const ids = cluster.store.leases().map((l) => l.id);
  switch (format) {
    case 'simple':
      return ok(`found ${ids.length} leases\n${ids.map((id) => `${hex(id)}\n`).join('')}`);
    case 'json':
      return ok(`{${headerMembers(cluster)},"leases":[${ids.map((id) => `{"id":${id}}`).join(',')}]}\n`);
    case 'fields':
      return ok([...headerFields(cluster), ...ids.map((id) => `"ID" : ${id}`)].join('\n') + '\n');
    default:
      return unsupportedFormat(format);
  }
}

function timeToLive(cluster: Cluster, args: string[], format: Format): CommandResult {
  const keysFlag = args.includes('--keys') || args.includes('--keys=true');
  const ids = args.filter((a) => !a.startsWith('--'));
  const [arg] = ids;
  if (arg === undefined || ids.length > 1) return fail('Error: lease timetolive command needs lease ID as argument\n', 128);
  if (!/^[0-9a-fA-F]{1,16}$/.test(arg) || BigInt(`0x${arg}`) >= 1n << 63n) {
    return fail(`Error: bad lease ID arg (strconv.ParseInt: parsing ${JSON.stringify(arg)}: ${/^[0-9a-fA-F]+$/.test(arg) ? 'value out of range' : 'invalid syntax'}), expecting ID in Hex\n`, 128);
  }
  const id = BigInt(`0x${arg}`).toString();
  const found = cluster.store.lease(id);
  // An unknown or expired lease: TTL -1 and no granted TTL (the lease server's answer to ErrLeaseNotFound).
  const ttl = found ? Math.trunc((found.expiresMs - cluster.now()) / 1000) : -1;
  const granted = found ? Math.round(found.ttlMs / 1000) : 0;
  const keys = keysFlag ? (found?.keys ?? []) : undefined;
  switch (format) {
    case 'simple': {
      if (!found) return ok(`lease ${hex(id)} already expired\n`);
      const attached = keys ? `, attached keys([${keys.join(' ')}])` : '';
      return ok(`lease ${hex(id)} granted with TTL(${granted}s), remaining(${ttl}s)${attached}\n`);
    }
    case 'json': {
      const keyList = keys && keys.length > 0 ? `[${keys.map((k) => JSON.stringify(base64(k))).join(',')}]` : 'null';
      return ok(`{${headerMembers(cluster)},"id":${id},"ttl":${ttl},"granted-ttl":${granted},"keys":${keyList}}\n`);
    }
    case 'fields':
      return ok([...headerFields(cluster), `"ID" : ${id}`, `"TTL" : ${ttl}`, `"GrantedTTL" : ${granted}`, ...(keys ?? []).map((k) => `"Key" : ${JSON.stringify(k)}`)].join('\n') + '\n');
    default:
      return unsupportedFormat(format);
  }
}

const LEASE_HELP = `NAME:
\tlease - Lease related commands

USAGE:
\tetcdctl lease <subcommand> [flags]

API VERSION:
\t3.6


COMMANDS:
\tgrant\t\tCreates leases
\tkeep-alive\tKeeps leases alive (renew)
\tlist\t\tList all active leases
\trevoke\t\tRevokes leases
\ttimetolive\tGet lease information

OPTIONS:
  -h, --help[=false]\thelp for lease
`;
