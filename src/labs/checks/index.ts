/** Reusable lab checks: each returns a CheckFn giving pass/fail with a precise message. */
export { allOf, failed, passed, withHint, labTime } from './result';
export { objectExists, podRunningOnNode, deploymentRolledOut, describeObject } from './objects';
export { createdDuringLab, podPhasesSeen } from './history';
export { commandWasRun, type CommandMatch } from './transcript';
export { fileContains } from './files';
export { eventSeen, traceSeen, type EventMatch } from './events';
export { serviceHasReadyEndpoints, noFailedRequests, rulesOnEveryNodeExclude, readyEndpoints, type RequestWindow } from './network';
export { readPath } from './paths';
