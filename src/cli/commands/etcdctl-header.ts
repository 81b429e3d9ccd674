import type { Cluster } from '../../engine/cluster';
import { fail, type CommandResult } from '../types';

/** The member's ids, uint64s that JSON must print exactly (not as doubles). */
export const CLUSTER_ID = '14841639068965178418';
export const MEMBER_ID = '10276657743932975437';

/** etcdctl's -w values. */
export type Format = 'simple' | 'json' | 'fields' | 'table';

/** The ResponseHeader's fields, as JSON members (etcd's json tags). */
export function headerMembers(cluster: Cluster): string {
  return `"cluster_id":${CLUSTER_ID},"member_id":${MEMBER_ID},"revision":${cluster.store.revision},"raft_term":2`;
}

/** The fields printer's header lines (hdr()). */
export function headerFields(cluster: Cluster): string[] {
  return [`"ClusterID" : ${CLUSTER_ID}`, `"MemberID" : ${MEMBER_ID}`, `"Revision" : ${cluster.store.revision}`, '"RaftTerm" : 2'];
}

/** printerUnsupported: the printer has no layout for this response (etcdctl's ExitBadFeature, 4). */
export function unsupportedFormat(format: Format): CommandResult {
  return fail(`Error: ${format} not supported as output format\n`, 4);
}

/** A real etcdctl command this simulator does not offer (writes, member management, ...). */
export function notAvailable(command: string): CommandResult {
  return fail(`Error: "etcdctl ${command}" is not available in this simulated cluster\n`);
}
