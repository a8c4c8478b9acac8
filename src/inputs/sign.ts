import {createPrivateKey} from 'node:crypto';
import type {Mode, SignConfig} from '../model/types.js';
import type {InputEnv, Reader} from './env.js';
import {InputError} from './errors.js';
import {readEnum} from './list.js';

/**
 * The signing inputs (`sign`, `sign-key`, `sign-scope`, the Sigstore instance): decided here, before anything runs,
 * so a step that cannot sign what it pushes fails before it pushes.
 */

/** The public Sigstore instance, where no other is named: Fulcio and Rekor (whose entries carry their own time). */
const PUBLIC_FULCIO = 'https://fulcio.sigstore.dev';
const PUBLIC_REKOR = 'https://rekor.sigstore.dev';

const NONE: SignConfig = {
  method: 'none',
  key: '',
  scope: 'index',
  attest: 'none',
  fulcioUrl: '',
  rekorUrl: '',
  tsaUrl: '',
  trustedRoot: ''
};

/** What the step pushes, as far as signing needs it. */
interface Pushing {
  push: boolean;
  tags: string[];
  images: string[];
}

function readUrl(name: string, given: string): string {
  const value = given.replace(/\/+$/, '');
  if (value && !/^https?:\/\/[^/\s]+/.test(value))
    throw new InputError(name, `Input ${name} must be an http(s) URL, not "${value}"`);
  return value;
}

/** `sign-key`: a PEM private key node reads (PKCS#8 or SEC1), ECDSA P-256 as cosign verify --key takes it. */
function checkKey(pem: string): void {
  let curve: string | undefined;
  try {
    const key = createPrivateKey({key: pem, format: 'pem'});
    curve = key.asymmetricKeyType === 'ec' ? key.asymmetricKeyDetails?.namedCurve : key.asymmetricKeyType;
  } catch {
    // the parser's own message may quote the key: never shown
    throw new InputError(
      'sign-key',
      'Input sign-key is not a PEM private key this step can read: give an unencrypted PKCS#8 or SEC1 EC P-256 key (openssl ecparam -name prime256v1 -genkey -noout | openssl pkcs8 -topk8 -nocrypt)'
    );
  }
  if (curve !== 'prime256v1')
    throw new InputError(
      'sign-key',
      `Input sign-key is a ${curve} key: give an EC P-256 (prime256v1) key, the kind cosign verify --key checks with SHA-256`
    );
}

/** Whether the workflow's event says the repository is private (its name would go into a public log). */
function privateRepository(env: InputEnv): boolean {
  const path = env.env.GITHUB_EVENT_PATH;
  const text = path ? env.readFile?.(path) : undefined;
  try {
    return text ? (JSON.parse(text) as {repository?: {private?: boolean}}).repository?.private === true : false;
  } catch {
    return false;
  }
}

/** The Sigstore instance's URLs and root: the public one by default; another named needs its trusted root. */
function readInstance(read: Reader, env: InputEnv, method: 'keyless' | 'key') {
  const named = {
    fulcioUrl: readUrl('fulcio-url', read.get('fulcio-url')),
    rekorUrl: readUrl('rekor-url', read.get('rekor-url')),
    tsaUrl: readUrl('tsa-url', read.get('tsa-url'))
  };
  const trustedRoot = read.get('trusted-root');
  if (trustedRoot && !env.exists(trustedRoot))
    throw new InputError(
      'trusted-root',
      `Input trusted-root names ${trustedRoot}, which does not exist: give the instance's trusted_root.json`
    );
  const custom = !!(named.fulcioUrl || named.rekorUrl || named.tsaUrl);
  if (method === 'key') return {...named, fulcioUrl: '', trustedRoot, custom};
  if (!custom) return {fulcioUrl: PUBLIC_FULCIO, rekorUrl: PUBLIC_REKOR, tsaUrl: '', trustedRoot, custom};
  if (!named.fulcioUrl)
    throw new InputError(
      'fulcio-url',
      'Keyless signing on another Sigstore instance needs its fulcio-url (the CA that certifies the job)'
    );
  if (!named.rekorUrl && !named.tsaUrl)
    throw new InputError(
      'rekor-url',
      'Keyless signing needs a witness of the signing time (the certificate lives 10 minutes): give rekor-url, tsa-url or both'
    );
  if (!trustedRoot)
    throw new InputError(
      'trusted-root',
      'Input fulcio-url names another Sigstore instance: give its trusted_root.json in trusted-root, which the signature is verified against'
    );
  return {...named, trustedRoot, custom};
}

/** The step's identity for signing: the key, else the job's OIDC token (`id-token: write`), else none. */
function identityOf(key: string, env: InputEnv): 'key' | 'keyless' | undefined {
  if (key) return 'key';
  return env.env.ACTIONS_ID_TOKEN_REQUEST_URL && env.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN ? 'keyless' : undefined;
}

/** `attest`: none, or provenance, which is signed as the digest is and so needs signing on. */
function readAttest(read: Reader, asked: string): 'none' | 'provenance' {
  const attest = readEnum<'none' | 'provenance'>('attest', read.get('attest'), ['none', 'provenance']);
  if (asked === 'false' && attest === 'provenance')
    throw new InputError(
      'attest',
      'Input attest: provenance signs a provenance statement, and sign is false: set sign: true (or auto, to attest when an identity is there)'
    );
  return attest;
}

/**
 * `sign`: false (the default, as the docker actions sign nothing), true (fail before any push where it cannot),
 * auto (sign when pushing with an identity; a warning says why not otherwise).
 */
export function readSign(
  read: Reader,
  mode: Mode,
  out: Pushing & {baking: boolean},
  env: InputEnv,
  warnings: string[]
): SignConfig {
  const asked = readEnum<'true' | 'false' | 'auto'>('sign', read.get('sign'), ['true', 'false', 'auto']);
  const scope = readEnum<'index' | 'all'>('sign-scope', read.get('sign-scope'), ['index', 'all']);
  const attest = readAttest(read, asked);
  const key = read.raw('sign-key').trim();
  if (asked === 'false') return NONE;
  const signs = (mode === 'build' || mode === 'merge') && !out.baking;
  const pushes = mode === 'merge' || (out.push && out.tags.length + out.images.length > 0);
  const refuse = (input: string, message: string): SignConfig => {
    if (asked === 'true') throw new InputError(input, message);
    if (signs && pushes) warnings.push(`Not signed: ${message}`);
    return NONE;
  };
  if (!signs)
    return refuse(
      'sign',
      `Input sign is taken by mode build and mode merge (what they push is signed), not by mode ${mode}${out.baking ? ' with a bake definition' : ''}`
    );
  if (!pushes)
    return refuse(
      'sign',
      'Input sign signs the pushed digest, and this step pushes nothing: set push: true with tags (or images)'
    );
  if (key) checkKey(key);
  const method = identityOf(key, env);
  if (!method)
    return refuse(
      'sign',
      'signing needs an identity, and this job has none: grant the job `permissions: id-token: write` for keyless signing (or give sign-key)'
    );
  const instance = readInstance(read, env, method);
  if (method === 'keyless' && !instance.custom && privateRepository(env))
    return refuse(
      'fulcio-url',
      "this repository is private, and keyless signing on the public Sigstore instance writes its name into Sigstore's public log: name the instance to sign on (fulcio-url, rekor-url or tsa-url, trusted-root), or sign with sign-key"
    );
  if (method === 'key' && (instance.rekorUrl || instance.tsaUrl) && !instance.trustedRoot)
    throw new InputError(
      'trusted-root',
      "Input rekor-url / tsa-url with sign-key: give the instance's trusted_root.json in trusted-root, which the witnesses are checked against"
    );
  return {
    method,
    key,
    scope,
    attest,
    fulcioUrl: instance.fulcioUrl,
    rekorUrl: instance.rekorUrl,
    tsaUrl: instance.tsaUrl,
    trustedRoot: instance.trustedRoot
  };
}
