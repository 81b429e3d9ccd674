import { atLeast, type KubeVersion } from '../version';
import type { SchedulerProfile } from './types';

/**
 * Message wording per Kubernetes version.
 * - The taint key and value left FailedScheduling in v1.35.0 (kubernetes#134740, "Pod statuses no
 *   longer include specific taint keys or values"), cherry-picked to release-1.34 as #135023 and
 *   listed under v1.34.2 in CHANGELOG-1.34.md.
 * - "no new claims to deallocate, " comes from the DynamicResources PostFilter, on by default since
 *   DRA went GA in v1.34.
 */
export function schedulerProfile(version: KubeVersion): SchedulerProfile {
  return {
    genericTaintMessage: atLeast(version, 35) || (version.major === 1 && version.minor === 34 && version.patch >= 2),
    draPostFilterNote: atLeast(version, 34),
  };
}
