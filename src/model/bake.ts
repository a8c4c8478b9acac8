import * as path from 'node:path';
import {parseOutput} from './outputs.js';
import {normalizePlatform} from './platform.js';
import type {Config, Platform} from './types.js';

/**
 * A bake definition as `docker buildx bake --print` resolves it (files, `set`, variables, `matrix` and `inherits`
 * already applied), read into what each target builds and where it goes. Pure. buildx 0.13 prints outputs and
 * caches as CSV strings, 0.18 and later as objects ({type, push, ...}): both are read.
 */

export interface BakeTarget {
  name: string;
  /** As printed: a path relative to the bake's working directory, or a remote (Git, HTTPS) context. */
  context: string;
  /** Relative to the context, as bake reads it ('' = Dockerfile). */
  dockerfile: string;
  dockerfileInline?: string;
  /** The Dockerfile stage (`target`), '' for the last. */
  stage: string;
  args: Record<string, string>;
  labels: Record<string, string>;
  tags: string[];
  /** Normalised; [] = the builder's default platform. */
  platforms: Platform[];
  /** An output of its own that pushes (type=registry, or type=image with push=true). */
  pushes: boolean;
  /** The target names a cache of its own, per direction: the generated one then stays out of that direction. */
  ownCacheFrom: boolean;
  ownCacheTo: boolean;
  /** The target asks for attestations of its own (`attest`): the default provenance stays out. */
  ownAttest: boolean;
}

type Printed = Record<string, unknown>;

/** One printed list entry (a CSV string, or an object of attributes) as a CSV string. */
function entryText(entry: unknown): string {
  if (typeof entry === 'string') return entry;
  if (!entry || typeof entry !== 'object') return '';
  return Object.entries(entry as Record<string, unknown>)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(',');
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(entryText).filter(Boolean) : []);

function record(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object') return {};
  // an arg printed as null is one the definition declares with no value: bake leaves it out
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([k, v]) => [k, String(v)])
  );
}

/** Whether one of the target's outputs pushes: buildx reads type=registry as an image pushed. */
function outputPushes(outputs: string[]): boolean {
  return outputs.some(o => {
    const spec = parseOutput(o);
    return spec.type === 'image' && ['true', '1'].includes(spec.attrs.push ?? '');
  });
}

function readTarget(name: string, t: Printed): BakeTarget {
  // an override (`*.platform=a,b`) prints as one entry holding commas
  const platforms = strings(t.platforms)
    .flatMap(p => p.split(','))
    .map(p => p.trim())
    .filter(p => p && p !== 'local');
  return {
    name,
    context: typeof t.context === 'string' ? t.context : '.',
    dockerfile: typeof t.dockerfile === 'string' ? t.dockerfile : '',
    ...(typeof t['dockerfile-inline'] === 'string' ? {dockerfileInline: t['dockerfile-inline']} : {}),
    stage: typeof t.target === 'string' ? t.target : '',
    args: record(t.args),
    labels: record(t.labels),
    tags: strings(t.tags),
    platforms: [...new Set(platforms.map(normalizePlatform))],
    pushes: outputPushes(strings(t.output)),
    ownCacheFrom: strings(t['cache-from']).length > 0,
    ownCacheTo: strings(t['cache-to']).length > 0,
    ownAttest: strings(t.attest).length > 0
  };
}

/** Parses `--print`'s JSON: every target it resolved, in its order (the targets asked, groups expanded). */
export function parseBakePrint(text: string): BakeTarget[] {
  const start = text.indexOf('{');
  if (start < 0) throw new Error('bake --print gave no definition');
  const printed = JSON.parse(text.slice(start)) as {target?: Record<string, Printed>};
  const targets = Object.entries(printed.target ?? {}).map(([name, t]) => readTarget(name, t));
  if (!targets.length) throw new Error('The bake definition has no target to build');
  return targets;
}

/** `--set` overrides that give a target the generated cache, in each direction it names none of its own. */
export function cacheSets(t: BakeTarget, specs: {from: string[]; to: string[]}): string[] {
  return [
    ...(t.ownCacheFrom ? [] : specs.from.map(s => `${t.name}.cache-from=${s}`)),
    ...(t.ownCacheTo ? [] : specs.to.map(s => `${t.name}.cache-to=${s}`))
  ];
}

/** The default provenance (build-push-action's attributes) for each target that asks for no attestation itself. */
export function provenanceSets(targets: BakeTarget[], attrs: string): string[] {
  return attrs ? targets.filter(t => !t.ownAttest).map(t => `${t.name}.attest=type=provenance,${attrs}`) : [];
}

/** A remote context (Git or HTTPS): no local Dockerfile to read before the build. */
export const isRemoteContext = (context: string): boolean =>
  /^[a-z][a-z0-9+.-]*:\/\//i.test(context) || /^git@/.test(context);

/** bake's metadata file: each target's entry (the file also holds `buildx.build.*` keys of the whole run). */
export function metadataPerTarget(raw: Record<string, unknown>, names: string[]): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  for (const name of names) {
    const entry = raw[name];
    if (entry && typeof entry === 'object') out.set(name, entry as Record<string, unknown>);
  }
  return out;
}

/**
 * One target's part of bake's plain progress, as a build's: its step lines (`#7 [app linux/arm64 2/2] RUN …`) with
 * the target's name taken out, the other targets' steps left out, every status line kept (they go by step id).
 */
export function progressOf(lines: string[], name: string): string[] {
  const prefix = `[${name} `;
  return lines.flatMap(line => {
    const step = /^#\d+ \[/.exec(line);
    if (!step) return [line];
    const at = step[0].length - 1;
    if (line.startsWith(prefix, at)) return [line.slice(0, at + 1) + line.slice(at + prefix.length)];
    return [];
  });
}

/**
 * One target as the build mode's stages take a step's inputs: its context and Dockerfile from the bake's working
 * directory (`cwd://` from the step's), its stage, build-args, labels, tags and platforms (none: `host`'s, the
 * builder's default), pushed where the step pushes or its own output does.
 */
export function targetConfig(base: Config, t: BakeTarget, host: Platform): Config {
  const local = t.context.startsWith('cwd://') ? t.context.slice('cwd://'.length) : undefined;
  const remote = local === undefined && isRemoteContext(t.context);
  const context = local ?? (remote || path.isAbsolute(t.context) ? t.context : path.join(base.bake.workdir, t.context));
  const dockerfile = t.dockerfile || 'Dockerfile';
  return {
    ...base,
    context,
    file: remote ? '' : path.isAbsolute(dockerfile) ? dockerfile : path.join(context, dockerfile),
    target: t.stage,
    buildArgs: Object.entries(t.args).map(([k, v]) => `${k}=${v}`),
    labels: Object.entries(t.labels).map(([k, v]) => `${k}=${v}`),
    tags: t.tags,
    images: [],
    outputs: [],
    push: base.push || t.pushes,
    platforms: t.platforms.length ? t.platforms : [host],
    platformsGiven: t.platforms.length > 0,
    cacheFrom: [],
    cacheTo: []
  };
}

/**
 * A matrix leg (mode platform): the one target `targets` names, for the leg's one platform. Throws, before any
 * build, where the leg names no single target or the target has no tags to take its repository from.
 */
export function legOf<T extends {target: BakeTarget; config: Config}>(planned: T[], leg: Config): T[] {
  if (leg.mode !== 'platform') return planned;
  if (planned.length !== 1)
    throw new Error(
      `A bake leg builds one target, and the definition gives ${planned.length} (${planned.map(p => p.target.name).join(', ')}): set targets: \${{ matrix.target }} (mode plan lists the legs)`
    );
  const [only] = planned;
  if (!only.target.tags.length)
    throw new Error(`Target ${only.target.name} has no tags: a leg pushes by digest to the repository of its tags`);
  return [{...only, config: {...only.config, platforms: leg.platforms, platformsGiven: true}}];
}

/**
 * A leg's overrides: its one platform and, where it pushes, its output by digest (or to its handoff tags) with the
 * target's tags replaced by the output's names (bake would push its tags beside, and a tag cannot go by digest).
 */
export function legSets(t: BakeTarget, platform: Platform, output?: {spec: string; refs: string[]}): string[] {
  if (!output) return [`${t.name}.platform=${platform}`];
  return [
    `${t.name}.platform=${platform}`,
    ...output.refs.map(ref => `${t.name}.tags=${ref}`),
    `${t.name}.output=${output.spec}`
  ];
}
