/**
 * Components for lesson authors, all from one place:
 *
 *   import { Lab, Terminal, Check, Hint, ClusterView, Timeline } from '../../src/components';
 *
 * `<Lab id="..." />` embeds a graded lab, `<Terminal />` a free sandbox cluster, `<Check task />`
 * grades one task inline, `<Hint>` folds help away; `<ClusterView />` and `<Timeline />` show the
 * running lab's cluster and what each component saw.
 */
export { default as Lab } from './lab/Lab.astro';
export { default as Terminal } from './lab/Terminal.astro';
export { default as Check } from './Check.astro';
export { default as Hint } from './Hint.astro';
export { default as ClusterView } from './views/ClusterView.astro';
export { default as Timeline } from './views/Timeline.astro';
