import {parse} from 'yaml';
import {parsePlatformList, PlatformError} from './platform.js';
import type {Platform} from './types.js';

/** The `nodes` input: native builder nodes appended to the runner's node 0. */

export type EndpointKind = 'ssh' | 'tcp' | 'unix' | 'context';

export interface NodeSpec {
  name: string;
  endpoint: string;
  kind: EndpointKind;
  platforms: Platform[];
  driverOpts: string[];
  buildkitdFlags: string;
}

export class NodeError extends Error {}

const KEYS = ['endpoint', 'platforms', 'name', 'driver-opts', 'buildkitd-flags'];

/** What kind of endpoint a node names: ssh://[user@]host[:port], tcp://host:port, unix:///path, or a docker context. */
export function endpointKind(endpoint: string): EndpointKind | undefined {
  if (/^ssh:\/\/(?:[A-Za-z0-9._-]+@)?[A-Za-z0-9.-]+(?::\d+)?$/.test(endpoint)) return 'ssh';
  if (/^tcp:\/\/[A-Za-z0-9.-]+:\d+$/.test(endpoint)) return 'tcp';
  if (/^unix:\/\/\/\S+$/.test(endpoint)) return 'unix';
  if (/^[A-Za-z0-9][A-Za-z0-9_.+-]*$/.test(endpoint)) return 'context';
  return undefined;
}

/** A YAML list, or a comma- or newline-separated string, as a list of strings. */
function asList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(v => (typeof v === 'string' ? v : JSON.stringify(v)));
  if (typeof value !== 'string') return [];
  return value
    .split(/[\n,]/)
    .map(s => s.trim())
    .filter(Boolean);
}

/** Parses and checks the `nodes` YAML list; every problem names the node and the fix. */
export function parseNodes(text: string): NodeSpec[] {
  if (!text.trim()) return [];
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (e) {
    throw new NodeError(
      `Input nodes is not YAML (${e instanceof Error ? e.message.split('\n')[0] : String(e)}); write a list of "- endpoint: …" items with platforms`
    );
  }
  if (!Array.isArray(doc)) throw new NodeError('Input nodes must be a YAML list: one "- endpoint: …" item per node');
  const specs = doc.map((item: unknown, i: number) => parseNode(item, i));
  const seen = new Map<string, string>();
  for (const spec of specs) {
    for (const key of [`endpoint ${spec.endpoint}`, `name ${spec.name}`]) {
      if (seen.has(key)) throw new NodeError(`Input nodes: ${key} is used twice; each node needs its own`);
      seen.set(key, spec.name);
    }
    for (const p of spec.platforms) {
      const other = seen.get(`platform ${p}`);
      if (other) throw new NodeError(`Input nodes: ${p} is served by both ${other} and ${spec.name}; give it to one`);
      seen.set(`platform ${p}`, spec.name);
    }
  }
  return specs;
}

function parseNode(item: unknown, i: number): NodeSpec {
  const where = `Input nodes, item ${i + 1}`;
  if (!item || typeof item !== 'object' || Array.isArray(item))
    throw new NodeError(`${where} is not a map with endpoint and platforms`);
  const map = item as Record<string, unknown>;
  const unknown = Object.keys(map).filter(k => !KEYS.includes(k));
  if (unknown.length) throw new NodeError(`${where}: unknown key ${unknown.join(', ')} (known: ${KEYS.join(', ')})`);
  const endpoint = typeof map.endpoint === 'string' ? map.endpoint.trim() : '';
  const kind = endpointKind(endpoint);
  if (!kind) {
    throw new NodeError(
      `${where}: endpoint "${endpoint}" is not ssh://user@host, tcp://host:port, unix:///path or a docker context name`
    );
  }
  const name =
    map.name === undefined ? `node${i + 1}` : typeof map.name === 'string' ? map.name : JSON.stringify(map.name);
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(name))
    throw new NodeError(`${where}: name "${name}" is not letters, digits, _ . -`);
  const platformItems = asList(map.platforms);
  if (!platformItems.length)
    throw new NodeError(`${where} (${endpoint}) needs platforms: the platforms it builds natively`);
  let platforms: Platform[];
  try {
    platforms = parsePlatformList(platformItems);
  } catch (e) {
    throw new NodeError(`${where}: ${e instanceof PlatformError ? e.message : String(e)}`);
  }
  const driverOpts = asList(map['driver-opts']);
  const bad = driverOpts.find(o => !/^[\w-]+=/.test(o));
  if (bad) throw new NodeError(`${where}: driver-opt "${bad}" is not key=value`);
  const flags = map['buildkitd-flags'];
  if (flags !== undefined && typeof flags !== 'string')
    throw new NodeError(`${where}: buildkitd-flags must be one string`);
  return {name, endpoint, kind, platforms, driverOpts, buildkitdFlags: flags ?? ''};
}

/** The `BUILDER_NODE_<i>_AUTH_TLS_*` material setup-buildx-action users already have, for tcp:// node i (1-based). */
export function tlsFromEnv(
  index: number,
  env: Record<string, string | undefined>
): {cacert?: string; cert?: string; key?: string} {
  const get = (what: string): string | undefined => env[`BUILDER_NODE_${index}_AUTH_TLS_${what}`] || undefined;
  return {cacert: get('CACERT'), cert: get('CERT'), key: get('KEY')};
}

/** argv of `docker buildx create --append` for one node, pinned to its platforms so buildx sends them there. */
export function appendArgs(builder: string, spec: NodeSpec, buildkitImage: string, endpoint = spec.endpoint): string[] {
  return [
    'buildx',
    'create',
    '--name',
    builder,
    '--append',
    '--node',
    `${builder}-${spec.name}`,
    '--driver',
    'docker-container',
    ...[`image=${buildkitImage}`, ...spec.driverOpts].flatMap(o => ['--driver-opt', o]),
    ...(spec.buildkitdFlags ? ['--buildkitd-flags', spec.buildkitdFlags] : []),
    '--platform',
    spec.platforms.join(','),
    endpoint
  ];
}

/** argv of `docker context create` for a tcp:// node with TLS material written to files. */
export function tlsContextArgs(
  context: string,
  endpoint: string,
  files: {cacert?: string; cert?: string; key?: string}
): string[] {
  const docker = [`host=${endpoint}`];
  if (files.cacert) docker.push(`ca=${files.cacert}`);
  if (files.cert) docker.push(`cert=${files.cert}`);
  if (files.key) docker.push(`key=${files.key}`);
  return ['context', 'create', context, '--docker', docker.join(',')];
}

/**
 * Files for ssh:// nodes, in a 0700 dir of the step's temp dir: the key and pinned known_hosts (0600), an ssh
 * config that uses only them, and an `ssh` wrapper first on PATH so docker's ssh helper reads that config.
 */
export function sshFiles(
  dir: string,
  realSsh: string
): Record<string, {mode: number; text: (key: string, hosts: string) => string}> {
  return {
    id_key: {mode: 0o600, text: key => (key.endsWith('\n') ? key : `${key}\n`)},
    known_hosts: {mode: 0o600, text: (_key, hosts) => (hosts.endsWith('\n') ? hosts : `${hosts}\n`)},
    config: {
      mode: 0o600,
      text: () =>
        [
          'Host *',
          `  IdentityFile ${dir}/id_key`,
          '  IdentitiesOnly yes',
          `  UserKnownHostsFile ${dir}/known_hosts`,
          '  StrictHostKeyChecking yes',
          '  PasswordAuthentication no',
          '  BatchMode yes',
          ''
        ].join('\n')
    },
    'bin/ssh': {mode: 0o700, text: () => `#!/bin/sh\nexec ${realSsh} -F ${dir}/config "$@"\n`}
  };
}

/** argv of `docker context rm` for a context made for a tcp:// node. */
export function contextRemoveArgs(context: string): string[] {
  return ['context', 'rm', '--force', context];
}
