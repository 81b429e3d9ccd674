import packageJson from '../../package.json' with { type: 'json' };

/**
 * Bumped when a change to the lab runner (session, transcript recording, check semantics) would
 * make an old result replay differently even on the same package version.
 */
export const LAB_FORMAT = 1;

/**
 * The engine version a result was produced with: `clusterlab verify` replays only results of
 * the same version, since another engine may print other bytes for the same commands.
 */
export const ENGINE_VERSION = `${packageJson.version}+labs.${LAB_FORMAT}`;

/**
 * The engine version a free sandbox's saved state carries. A sandbox resumes from its engine
 * snapshot, whose layout follows the engine's internals, so any other version starts afresh.
 */
export const SANDBOX_ENGINE_VERSION = `sandbox+${ENGINE_VERSION}`;
