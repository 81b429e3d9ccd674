import type { ComponentFactory } from '../components';
import { Scheduler } from './scheduler';

export { Scheduler, SCHEDULER_NAME, SCHEDULING_CYCLE_MS, BIND_LATENCY_MS } from './scheduler';
export { schedulePod, type ScheduleDecision } from './schedule-one';
export { FILTER_PLUGINS, SCORE_PLUGINS, fitErrorMessage, nodeScores, runFilters, scoreTotals, selectHost, type NodeScore } from './framework';
export { SchedulerCache } from './cache';
export { schedulerProfile } from './profile';
export type { FilterStatus, NodeInfo, SchedulerProfile } from './types';

/** The default scheduler, one per cluster: wire into DEFAULT_COMPONENTS. */
export const schedulerComponents: ComponentFactory = (cp) => [new Scheduler(cp)];
