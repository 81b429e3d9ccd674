/**
 * For plain `tsc`, which cannot read .astro files: components re-exported from index.ts are
 * typed loosely here. `astro check` (and the editor plugin) resolves the real component types.
 */
declare module '*.astro' {
  const Component: (props: Record<string, unknown>) => unknown;
  export default Component;
}
