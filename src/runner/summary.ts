import * as core from '@actions/core';
import type {CacheUsage} from '../docker/progress.js';
import type {BuilderInfo, BuildMetadata, Plan, Platform, PlatformPlan} from '../model/types.js';
import type {MergeResult, SignResult, SmokeResult, VerifyResult} from '../model/results.js';
import {addSignTable, setSignOutputs} from './sign-summary.js';

/** Everything a run produced; rendered once into outputs and the job summary. */
export interface RunReport {
  plan: Plan;
  builder: BuilderInfo;
  metadata: BuildMetadata;
  buildSeconds: number;
  /** Per platform, the time of the build that made it (one build per node); else the whole build's. */
  platformSeconds?: Map<Platform, number>;
  /** Platforms as read back from the registry (or as requested when nothing was verified). */
  platforms: Platform[];
  /** platform → manifest digest, from the verified list. */
  platformDigests: Map<Platform, string>;
  refs: string[];
  verified: boolean;
  installed: string[];
  smoke: SmokeResult[];
  /** Cached steps per platform (from the build's progress) and the cache backend used. */
  cache: Map<Platform, CacheUsage>;
  cacheBackend: string;
  /** The digests signed and checked (none where the step does not sign). */
  signed?: SignResult[];
}

/** The `cache-hit` output: per platform, cached and total steps, and whether every step hit. */
export function cacheHitJson(cache: Map<Platform, CacheUsage>): string {
  const out: Record<string, CacheUsage & {hit: boolean}> = {};
  for (const [p, u] of cache) out[p] = {...u, hit: u.steps > 0 && u.cached === u.steps};
  return JSON.stringify(out);
}

function cacheCell(u: CacheUsage | undefined): string {
  if (!u || u.steps === 0) return '-';
  return `${u.cached}/${u.steps} steps cached`;
}

/** build-push-action's outputs, set as soon as the build is done, so a step after a failed read-back has them. */
export function setBuildOutputs(metadata: BuildMetadata): void {
  core.setOutput('digest', metadata.digest);
  core.setOutput('imageid', metadata.imageId);
  core.setOutput('metadata', JSON.stringify(metadata.raw, null, 2));
}

export function setOutputs(r: RunReport): void {
  setBuildOutputs(r.metadata);
  core.setOutput('platforms', r.platforms.join(','));
  core.setOutput('builder', r.builder.name);
  core.setOutput('name', r.builder.name);
  core.setOutput('driver', r.builder.driver);
  core.setOutput('nodes', nodesJson(r.builder));
  core.setOutput('emulated', emulated(r.plan).join(','));
  core.setOutput('cache-hit', cacheHitJson(r.cache));
  setSignOutputs(r.signed ?? []);
}

/** setup-buildx-action's `nodes` output: each node as its name, endpoint, status, flags, BuildKit and platforms. */
export function nodesJson(builder: BuilderInfo): string {
  const nodes = builder.nodes.map(n => ({
    name: n.name,
    endpoint: n.endpoint,
    status: n.status,
    ...(n.flags ? {'buildkitd-flags': n.flags} : {}),
    ...(n.buildkitVersion ? {buildkit: n.buildkitVersion} : {}),
    platforms: n.platforms.join(',')
  }));
  return JSON.stringify(nodes, undefined, 2);
}

export function emulated(plan: Plan): Platform[] {
  return plan.platforms.filter(p => p.strategy === 'qemu').map(p => p.platform);
}

/** How a platform is built, in words: `native`, `QEMU (qemu-aarch64)` or `node arm`. */
export function servedBy(p: PlatformPlan): string {
  if (p.strategy === 'node') return `node ${p.node}`;
  if (p.strategy === 'cross') return 'cross-compiled (no RUN on the target)';
  return p.strategy === 'native' ? 'native' : `QEMU (${p.emulator})`;
}

/** Which builder node built a platform: the node the plan named, else node 0 (the runner's). */
function nodeFor(builder: BuilderInfo, p: PlatformPlan): string {
  if (p.node) return builder.nodes.find(n => n.name === `${builder.name}-${p.node}`)?.name ?? p.node;
  return builder.nodes[0]?.name ?? '-';
}

function smokeCell(s: SmokeResult | undefined): string {
  return s ? `${s.ok ? 'passed' : 'FAILED'} (${s.seconds.toFixed(1)} s)` : '-';
}

/** The per-platform rows: platform, strategy, node, time, digest, smoke run. */
export function platformRows(r: RunReport): string[][] {
  return r.plan.platforms.map(p => [
    p.platform,
    servedBy(p),
    nodeFor(r.builder, p),
    `${(r.platformSeconds?.get(p.platform) ?? r.buildSeconds).toFixed(1)} s`,
    r.platformDigests.get(p.platform) ?? '-',
    cacheCell(r.cache.get(p.platform)),
    smokeCell(r.smoke.find(s => s.platform === p.platform))
  ]);
}

/**
 * Whether the step writes a job summary: not where the runner gives no GITHUB_STEP_SUMMARY (local runs), nor where
 * the job turned the docker actions' summary off (DOCKER_BUILD_SUMMARY=false, as build-push-action reads it).
 */
export function summaryWanted(): boolean {
  return !!process.env.GITHUB_STEP_SUMMARY && process.env.DOCKER_BUILD_SUMMARY?.toLowerCase() !== 'false';
}

/** The header of the per-platform rows. */
export function platformHeader(r: Pick<RunReport, 'platformSeconds' | 'cacheBackend'>): {data: string; header: true}[] {
  return [
    'Platform',
    'Strategy',
    'Node',
    r.platformSeconds ? 'Build time (its node)' : 'Build time (whole build)',
    'Manifest digest',
    `Cache (${r.cacheBackend})`,
    'Smoke run'
  ].map(data => ({data, header: true}));
}

/** Writes the job summary (see summaryWanted). */
export async function writeSummary(r: RunReport): Promise<void> {
  if (!summaryWanted()) return;
  const header = platformHeader(r);
  core.summary
    .addHeading('xbuild: multi-platform build', 3)
    .addTable([header, ...platformRows(r)])
    .addRaw(`<p>Index digest: <code>${r.metadata.digest || '-'}</code> · builder <code>${r.builder.name}</code> · `)
    .addRaw(
      `${r.verified ? 'verified in the registry' : 'not verified'}${r.installed.length ? ` · installed QEMU: ${r.installed.join(', ')}` : ''}</p>`
    );
  if (r.refs.length) core.summary.addList(r.refs.map(ref => `<code>${ref}</code>`));
  addSignTable(r.signed ?? []);
  await core.summary.write();
}

/** Outputs and summary of verify mode: what the registry holds, as read back. */
export async function reportVerify(result: VerifyResult): Promise<void> {
  const first = result.checks[0];
  core.setOutput('digest', first.manifest.digest);
  core.setOutput('platforms', [...first.found.keys()].join(','));
  if (!summaryWanted()) return;
  await core.summary.addHeading('xbuild: verified', 3).addCodeBlock(result.table).write();
}

/** Outputs and summary of merge mode: one row per leg, then the index. */
export async function reportMerge(merge: MergeResult, signed: SignResult[] = []): Promise<void> {
  const first = merge.verify.checks[0];
  core.setOutput('digest', first.manifest.digest);
  core.setOutput('platforms', merge.platforms.join(','));
  setSignOutputs(signed);
  if (!summaryWanted()) return;
  const header = ['Platform', 'Leg', 'Manifest digest'].map(data => ({data, header: true}));
  core.summary
    .addHeading('xbuild: merged index', 3)
    .addTable([header, ...merge.legs.map(l => [l.platform, l.source, l.manifestDigest])])
    .addRaw(`<p>Index digest: <code>${first.manifest.digest}</code></p>`)
    .addCodeBlock(merge.verify.table);
  addSignTable(signed);
  await core.summary.write();
}

/** Outputs and summary of setup mode: setup-buildx-action's outputs, `platforms` the builder's (as it gives them). */
export async function reportSetup(r: {builder: BuilderInfo; installed: string[]; use: boolean}): Promise<void> {
  const platforms = [...new Set(r.builder.nodes.flatMap(n => n.platforms))];
  core.setOutput('name', r.builder.name);
  core.setOutput('builder', r.builder.name);
  core.setOutput('driver', r.builder.driver);
  core.setOutput('nodes', nodesJson(r.builder));
  core.setOutput('platforms', platforms.join(','));
  if (!summaryWanted()) return;
  const header = ['Node', 'Status', 'BuildKit', 'Platforms'].map(data => ({data, header: true}));
  const rows = r.builder.nodes.map(n => [n.name, n.status, n.buildkitVersion ?? '', n.platforms.join(', ')]);
  await core.summary
    .addHeading('xbuild: builder set up', 3)
    .addTable([header, ...rows])
    .addRaw(`<p>builder <code>${r.builder.name}</code>${r.use ? ' (the current builder)' : ''}`)
    .addRaw(`${r.installed.length ? ` · installed QEMU: ${r.installed.join(', ')}` : ''}</p>`)
    .write();
}
