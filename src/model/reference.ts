/** Image references as Docker's distribution/reference grammar defines them (the subset tags and names use). */

const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const DOMAIN_PART = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_PART}(?:\\.${DOMAIN_PART})*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?`;
const NAME = new RegExp(`^(?:${DOMAIN}/)?${COMPONENT}(?:/${COMPONENT})*$`);
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[0-9a-f]{32,}$/;

export interface Reference {
  name: string;
  tag?: string;
  digest?: string;
}

export class ImageRefError extends Error {}

/** Splits `name[:tag][@digest]`, checking each part; throws a ImageRefError saying what is wrong. */
export function parseReference(text: string): Reference {
  const ref = text.trim();
  if (/\s/.test(ref) || ref === '')
    throw new ImageRefError(`"${text}" is not an image reference: it is empty or holds spaces`);
  const [rest, digest] = ref.split('@', 2) as [string, string | undefined];
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  const hasTag = colon > slash;
  const name = hasTag ? rest.slice(0, colon) : rest;
  const tag = hasTag ? rest.slice(colon + 1) : undefined;
  if (!NAME.test(name)) {
    throw new ImageRefError(
      `"${ref}" has an invalid name "${name}": repository names are lowercase letters, digits and . _ - separators`
    );
  }
  if (tag !== undefined && !TAG.test(tag)) {
    throw new ImageRefError(`"${ref}" has an invalid tag "${tag}": up to 128 of letters, digits, _ . - (not first)`);
  }
  if (digest !== undefined && !DIGEST.test(digest)) {
    throw new ImageRefError(`"${ref}" has an invalid digest "${digest}": expected algorithm:hex, e.g. sha256:…`);
  }
  return {name, tag, digest};
}

/** The registry host a reference points at (`localhost:5000` of `localhost:5000/a/b:1`), or '' for the default registry. */
export function registryOf(name: string): string {
  const first = name.split('/')[0];
  const isHost = name.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  return isHost ? first : '';
}

/** True when a name lives on this machine, where a containerised BuildKit needs the host network to reach it. */
export function isLocalRegistry(name: string): boolean {
  const host = registryOf(name).replace(/:\d+$/, '');
  return host === 'localhost' || host.startsWith('127.') || host === '[::1]';
}

/**
 * Whether a reference's registry host is the engine's default one: no host, or the host of its index address or a
 * parent domain of it (a reference may name the short form of the default registry's domain).
 */
export function isDefaultRegistry(host: string, index: string): boolean {
  if (!host) return true;
  const indexHost = index ? new URL(index).host : '';
  return indexHost === host || indexHost.endsWith(`.${host}`);
}
