import { labRegistry } from './lab-registry';

/**
 * The labs, for the browser (Vite): each lab module and its Markdown files become lazy chunks,
 * loaded when a lesson starts that lab. Same API as registry.ts.
 */
export const { listLabs, loadLab } = labRegistry(
  import.meta.glob<Record<string, unknown>>('../../labs/*/lab.ts'),
  import.meta.glob<string>('../../labs/*/**/*.md', { query: '?raw', import: 'default' }),
);
