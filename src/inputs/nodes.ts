import {parse} from 'yaml';
import {parsePlatformList, PlatformError} from '../model/platform.js';
import type {EndpointKind, NodeSpec, Platform} from '../model/types.js';
import {InputError} from './errors.js';

/** The `nodes` input: native builder nodes appended to the runner's node 0. */

const nodeError = (message: string): InputError => new InputError('nodes', message);

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
    throw nodeError(
      `Input nodes is not YAML (${e instanceof Error ? e.message.split('\n')[0] : String(e)}); write a list of "- endpoint: …" items with platforms`
    );
  }
  if (!Array.isArray(doc)) throw nodeError('Input nodes must be a YAML list: one "- endpoint: …" item per node');
  const specs = doc.map((item: unknown, i: number) => parseNode(item, i));
  const seen = new Map<string, string>();
  for (const spec of specs) {
    for (const key of [`endpoint ${spec.endpoint}`, `name ${spec.name}`]) {
      if (seen.has(key)) throw nodeError(`Input nodes: ${key} is used twice; each node needs its own`);
      seen.set(key, spec.name);
    }
    for (const p of spec.platforms) {
      const other = seen.get(`platform ${p}`);
      if (other) throw nodeError(`Input nodes: ${p} is served by both ${other} and ${spec.name}; give it to one`);
      seen.set(`platform ${p}`, spec.name);
    }
  }
  return specs;
}

function parseNode(item: unknown, i: number): NodeSpec {
  const where = `Input nodes, item ${i + 1}`;
  if (!item || typeof item !== 'object' || Array.isArray(item))
    throw nodeError(`${where} is not a map with endpoint and platforms`);
  const map = item as Record<string, unknown>;
  const unknown = Object.keys(map).filter(k => !KEYS.includes(k));
  if (unknown.length) throw nodeError(`${where}: unknown key ${unknown.join(', ')} (known: ${KEYS.join(', ')})`);
  const endpoint = typeof map.endpoint === 'string' ? map.endpoint.trim() : '';
  const kind = endpointKind(endpoint);
  if (!kind) {
    throw nodeError(
      `${where}: endpoint "${endpoint}" is not ssh://user@host, tcp://host:port, unix:///path or a docker context name`
    );
  }
  const name =
    map.name === undefined ? `node${i + 1}` : typeof map.name === 'string' ? map.name : JSON.stringify(map.name);
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(name))
    throw nodeError(`${where}: name "${name}" is not letters, digits, _ . -`);
  const platformItems = asList(map.platforms);
  if (!platformItems.length)
    throw nodeError(`${where} (${endpoint}) needs platforms: the platforms it builds natively`);
  let platforms: Platform[];
  try {
    platforms = parsePlatformList(platformItems);
  } catch (e) {
    throw nodeError(`${where}: ${e instanceof PlatformError ? e.message : String(e)}`);
  }
  const driverOpts = asList(map['driver-opts']);
  const bad = driverOpts.find(o => !/^[\w-]+=/.test(o));
  if (bad) throw nodeError(`${where}: driver-opt "${bad}" is not key=value`);
  const flags = map['buildkitd-flags'];
  if (flags !== undefined && typeof flags !== 'string') throw nodeError(`${where}: buildkitd-flags must be one string`);
  return {name, endpoint, kind, platforms, driverOpts, buildkitdFlags: flags ?? ''};
}
