import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import { ApiError } from '../../api/errors';
import { clone, controllerRef, getControllerOf, type Mutable } from '../../api/objects';
import type { DeploymentRun } from './context';
import { maxRevision, setDeploymentRevision, setNewReplicaSetAnnotations } from './revision';
import { getCondition, newCondition, setCondition } from './status';
import { equalIgnoreHash, findNewReplicaSet, newRSNewReplicas, POD_TEMPLATE_HASH, podTemplateHash, REVISION } from './util/replicasets';

/** The Deployment's ReplicaSets split into the new one (template matches) and the rest. */
export interface ReplicaSetSplit {
  newRS: ReplicaSet | undefined;
  oldRSs: ReplicaSet[];
}

/**
 * getAllReplicaSetsAndSyncRevision: find the new ReplicaSet (creating it when `create`), give it
 * the next revision and copy that revision to the Deployment.
 */
export function getAllReplicaSetsAndSyncRevision(run: DeploymentRun, rsList: readonly ReplicaSet[], create: boolean): ReplicaSetSplit {
  const existing = findNewReplicaSet(run.deployment, rsList);
  const oldRSs = rsList.filter((rs) => rs !== existing);
  const newRS = getNewReplicaSet(run, existing, oldRSs, create);
  return { newRS, oldRSs };
}

function getNewReplicaSet(run: DeploymentRun, existing: ReplicaSet | undefined, oldRSs: ReplicaSet[], create: boolean): ReplicaSet | undefined {
  const newRevision = maxRevision(oldRSs) + 1;
  if (existing) return syncExistingNewReplicaSet(run, existing, newRevision);
  if (!create) return undefined;
  return createNewReplicaSet(run, oldRSs, newRevision);
}

/** The new ReplicaSet exists (a re-sync, or a rollback to an old template): bring its annotations up to date. */
function syncExistingNewReplicaSet(run: DeploymentRun, existing: ReplicaSet, newRevision: number): ReplicaSet {
  const d = run.deployment;
  const copy = clone(existing);
  const annotationsUpdated = setNewReplicaSetAnnotations(d, copy, newRevision, true);
  const minReadyChanged = (copy.spec!.minReadySeconds ?? 0) !== (d.spec?.minReadySeconds ?? 0);
  if (annotationsUpdated || minReadyChanged) {
    copy.spec!.minReadySeconds = d.spec?.minReadySeconds ?? 0;
    // The Deployment's revision follows on the next sync, once this write is observed.
    return run.writeReplicaSet(copy);
  }
  // getNewReplicaSet: the revision and the Progressing condition go in one UpdateStatus.
  let needsUpdate = setDeploymentRevision(run.d, copy.metadata?.annotations?.[REVISION] ?? '');
  if (hasDeadline(run) && !getCondition(run.d.status, 'Progressing')) {
    const status = (run.d.status ??= {});
    setCondition(status, newCondition(run, 'Progressing', 'True', 'FoundNewReplicaSet', `Found new replica set "${copy.metadata?.name}"`));
    needsUpdate = true;
  }
  if (needsUpdate) run.writeStatus();
  return existing;
}

function hasDeadline(run: DeploymentRun): boolean {
  const seconds = run.deployment.spec?.progressDeadlineSeconds;
  return seconds !== undefined && seconds !== 2147483647;
}

/** The ReplicaSet a Deployment's template becomes: `<deploy>-<hash>` with the hash in labels and selector. */
function newReplicaSetObject(run: DeploymentRun, hash: string): Mutable<ReplicaSet> {
  const d = run.deployment;
  const template = clone(d.spec!.template);
  template.metadata = { ...template.metadata, labels: { ...template.metadata?.labels, [POD_TEMPLATE_HASH]: hash } };
  const selector = clone(d.spec!.selector);
  selector.matchLabels = { ...selector.matchLabels, [POD_TEMPLATE_HASH]: hash };
  return {
    metadata: {
      name: `${d.metadata?.name}-${hash}`,
      namespace: d.metadata?.namespace,
      ownerReferences: [controllerRef(d)],
      labels: { ...template.metadata.labels },
    },
    spec: { replicas: 0, minReadySeconds: d.spec?.minReadySeconds ?? 0, selector, template },
  };
}

function createNewReplicaSet(run: DeploymentRun, oldRSs: ReplicaSet[], newRevision: number): ReplicaSet | undefined {
  const d = run.deployment;
  const rs = newReplicaSetObject(run, podTemplateHash(d.spec?.template, d.status?.collisionCount));
  const replicas = newRSNewReplicas(d, [...oldRSs, rs], rs);
  rs.spec!.replicas = replicas;
  setNewReplicaSetAnnotations(d, rs, newRevision, false);
  let created: ReplicaSet;
  let alreadyExists = false;
  try {
    created = run.ctx.api.create('replicasets', rs, 'deployment-controller');
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    if (e.code !== 409) return reportCreateFailure(run, rs, e);
    const found = run.ctx.api.tryGet<ReplicaSet>('replicasets', rs.metadata?.namespace, rs.metadata!.name!);
    if (!found || getControllerOf(found)?.uid !== d.metadata?.uid || !equalIgnoreHash(found.spec, d.spec)) {
      return bumpCollisionCount(run, e);
    }
    created = found;
    alreadyExists = true;
  }
  if (!alreadyExists && replicas > 0) {
    run.event('Normal', 'ScalingReplicaSet', `Scaled up replica set ${created.metadata?.name} from 0 to ${replicas}`);
  }
  setDeploymentRevision(run.d, String(newRevision));
  if (!alreadyExists && hasDeadline(run)) {
    const status = (run.d.status ??= {});
    setCondition(status, newCondition(run, 'Progressing', 'True', 'NewReplicaSetCreated', `Created new replica set "${created.metadata?.name}"`));
  }
  run.writeStatus();
  return created;
}

/** A different ReplicaSet already has our name: a hash collision. Bump collisionCount and retry. */
function bumpCollisionCount(run: DeploymentRun, error: ApiError): never {
  const status = (run.d.status ??= {});
  status.collisionCount = (status.collisionCount ?? 0) + 1;
  run.writeStatus();
  throw error;
}

function reportCreateFailure(run: DeploymentRun, rs: Mutable<ReplicaSet>, error: ApiError): never {
  const message = `Failed to create new replica set "${rs.metadata?.name}": ${error.message}`;
  if (hasDeadline(run)) {
    setCondition((run.d.status ??= {}), newCondition(run, 'Progressing', 'False', 'ReplicaSetCreateError', message));
    run.writeStatus();
  }
  run.event('Warning', 'ReplicaSetCreateError', message);
  throw error;
}
