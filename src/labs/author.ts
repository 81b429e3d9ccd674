/**
 * Everything a lab module (labs/<id>/lab.ts) needs, in one import:
 * `import { defineLab, objectExists, commandWasRun } from '../../src/labs/author';`
 */
export { defineLab, markdownFile } from './define';
export type { CheckFn, LabInput } from './schema';
export type { LabView, TraceFilter, ObjectVersion } from './view';
export type { CheckResult } from './types';
export * from './checks/index';
