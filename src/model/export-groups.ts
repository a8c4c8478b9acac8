import type {CacheConfig, Config, Plan, Platform} from './types.js';

/**
 * Which platforms each builder node exports its cache for. A multi-node build exports once per node, and a second
 * export to one name replaces the first, so build mode builds each node's platforms apart (modes/split.ts).
 */

/** The platforms one node builds: node 0 ('') takes everything not routed to a named node. */
export interface ExportGroup {
  node: string;
  platforms: Platform[];
}

export function exportGroups(plan: Plan): ExportGroup[] {
  const groups = new Map<string, Platform[]>();
  for (const p of plan.platforms) {
    const node = p.strategy === 'node' ? (p.node ?? '') : '';
    groups.set(node, [...(groups.get(node) ?? []), p.platform]);
  }
  return [...groups].map(([node, platforms]) => ({node, platforms}));
}

/**
 * Split when more than one node builds, the cache is one the action names (gha or registry; raw cache-to is the
 * user's own layout), and the result is a tagged push the action can assemble with imagetools.
 */
export function shouldSplit(config: Config, cache: CacheConfig, groups: ExportGroup[]): boolean {
  return (
    groups.length > 1 &&
    (cache.backend === 'gha' || cache.backend === 'registry') &&
    !config.cacheTo.length &&
    config.mode === 'build' &&
    config.push &&
    config.tags.length > 0 &&
    !config.outputs.length
  );
}
