/** Generated at build time by src/integrations/lab-setups.ts from labs/. */
declare module 'virtual:clusterlab-lab-setups' {
  /** Lab id → its setup manifests decoded (setup-json.ts DecodedManifest; undefined where one stays YAML). */
  const setups: Record<string, ({ fnv: number; length: number; json: string } | undefined)[]>;
  export default setups;
}
