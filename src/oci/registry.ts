import {createHash} from 'node:crypto';
import {withRetry} from '../docker/exec.js';
import {transportReason} from '../docker/failures.js';
import {networkRetry, type RetryBudget} from '../docker/retry.js';
import {isDefaultRegistry, isLocalRegistry, registryOf} from '../model/reference.js';
import {credentialsFor, type Credentials} from './credentials.js';

/**
 * The registry's HTTP API (OCI distribution) for what the docker CLI cannot write: a blob, a manifest with a
 * `subject`, the referrers list. Every request runs under the one registry retry policy; credentials come from the
 * docker config, as `docker login` left them (auths, credsStore, credHelpers).
 */

/** An OCI descriptor, as manifests and the referrers API list them. */
export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  artifactType?: string;
  annotations?: Record<string, string>;
}

/** A registry's answer that was not what the call needed, said as the CLI says it (the retry policy reads it). */
class RegistryError extends Error {
  constructor(
    readonly status: number,
    message: string
  ) {
    super(message);
  }
}

export const sha256 = (bytes: Buffer | string): string => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

/**
 * The base URL of `name`'s repository: http for a registry on this machine (as docker takes it), else https; a name
 * on the default registry at the origin of the engine's index address (`index`, see docker/info.ts).
 */
export function repositoryUrl(name: string, index: string): string {
  const host = registryOf(name);
  const hub = isDefaultRegistry(host, index);
  if (hub && !index) throw new Error(`${name} is on the engine's default registry, whose address was not read`);
  const path = host ? name.slice(host.length + 1) : name;
  const origin = hub ? new URL(index).origin : `${isLocalRegistry(name) ? 'http' : 'https'}://${host}`;
  return `${origin}/v2/${hub && !path.includes('/') ? `library/${path}` : path}`;
}

/** A transport error as the retry policy reads a CLI's (connection refused, reset, …). */
function reasonOf(e: unknown): string | undefined {
  return e instanceof RegistryError ? e.message : transportReason(e);
}

/** The Bearer token a `WWW-Authenticate: Bearer realm=…,service=…,scope=…` challenge asks for. */
async function bearerToken(challenge: string, scope: string, creds: Credentials | undefined): Promise<string> {
  const params = Object.fromEntries([...challenge.matchAll(/(\w+)="([^"]*)"/g)].map(m => [m[1], m[2]]));
  const url = new URL(params.realm);
  if (params.service) url.searchParams.set('service', params.service);
  url.searchParams.set('scope', scope);
  const headers: Record<string, string> = creds
    ? {Authorization: `Basic ${Buffer.from(`${creds.username}:${creds.secret}`).toString('base64')}`}
    : {};
  const res = await fetch(url, {headers});
  if (!res.ok) throw new RegistryError(res.status, `GET ${url.origin}${url.pathname}: ${res.status} ${res.statusText}`);
  const body = (await res.json()) as {token?: string; access_token?: string};
  return body.token ?? body.access_token ?? '';
}

export class Registry {
  private authorization = '';
  private readonly base: string;

  private readonly creds: () => Credentials | undefined;

  /** `index`: the engine's default registry address, for a name on it; `creds`: the docker config's by default. */
  constructor(
    readonly name: string,
    private readonly budget: RetryBudget,
    options: {index?: string; creds?: () => Credentials | undefined} = {}
  ) {
    const index = options.index ?? '';
    this.base = repositoryUrl(name, index);
    this.creds = options.creds ?? (() => credentialsFor(name, index));
  }

  /** One request, authorised on the registry's challenge, under the retry policy; `ok` lists what is not an error. */
  async request(
    method: string,
    path: string,
    init: {body?: Buffer; headers?: Record<string, string>; ok?: number[]} = {}
  ): Promise<Response> {
    const url = path.startsWith('http') ? path : `${this.base}${path}`;
    const once = async () => {
      let res = await this.send(method, url, init);
      if (res.status === 401 && (await this.authorise(res, method))) res = await this.send(method, url, init);
      if ((init.ok ?? [200]).includes(res.status)) return res;
      await res.body?.cancel();
      throw new RegistryError(res.status, `${method} request to ${url}: ${res.status} ${res.statusText}`);
    };
    return withRetry(networkRetry(this.budget), `${method} ${this.name}`, once, reasonOf);
  }

  private send(
    method: string,
    url: string,
    init: {body?: Buffer; headers?: Record<string, string>}
  ): Promise<Response> {
    const headers = {...init.headers, ...(this.authorization ? {Authorization: this.authorization} : {})};
    return fetch(url, {method, headers, body: init.body, redirect: 'follow', signal: AbortSignal.timeout(60_000)});
  }

  /** Answers a 401's challenge: Basic with the docker config's credentials, or a Bearer token for the scope. */
  private async authorise(res: Response, method: string): Promise<boolean> {
    await res.body?.cancel();
    const challenge = res.headers.get('WWW-Authenticate') ?? '';
    const creds = this.creds();
    if (/^basic/i.test(challenge) && creds) {
      this.authorization = `Basic ${Buffer.from(`${creds.username}:${creds.secret}`).toString('base64')}`;
      return true;
    }
    if (!/^bearer/i.test(challenge)) return false;
    const path = this.base.replace(/^https?:\/\/[^/]+\/v2\//, '');
    const scope = `repository:${path}:${method === 'GET' || method === 'HEAD' ? 'pull' : 'pull,push'}`;
    const token = await bearerToken(challenge, scope, creds);
    this.authorization = token ? `Bearer ${token}` : '';
    return !!token;
  }

  /** The manifest at a tag or digest, as the registry holds it byte for byte; undefined when there is none. */
  async manifest(
    ref: string,
    accept: string[]
  ): Promise<{bytes: Buffer; mediaType: string; digest: string} | undefined> {
    const res = await this.request('GET', `/manifests/${ref}`, {headers: {Accept: accept.join(', ')}, ok: [200, 404]});
    if (res.status === 404) return undefined;
    const bytes = Buffer.from(await res.arrayBuffer());
    return {bytes, mediaType: res.headers.get('Content-Type') ?? '', digest: sha256(bytes)};
  }

  async blob(digest: string): Promise<Buffer> {
    const bytes = Buffer.from(await (await this.request('GET', `/blobs/${digest}`)).arrayBuffer());
    if (sha256(bytes) !== digest) throw new Error(`The registry's blob ${digest} does not hash to its digest`);
    return bytes;
  }

  /** Uploads a blob unless the registry has it (a monolithic POST + PUT, as the distribution spec allows). */
  async putBlob(bytes: Buffer, mediaType: string): Promise<Descriptor> {
    const digest = sha256(bytes);
    const have = await this.request('HEAD', `/blobs/${digest}`, {ok: [200, 404]});
    if (have.status === 404) {
      const started = await this.request('POST', '/blobs/uploads/', {ok: [202]});
      const location = new URL(started.headers.get('Location') ?? '', this.base);
      location.searchParams.set('digest', digest);
      await this.request('PUT', location.href, {
        body: bytes,
        headers: {'Content-Type': 'application/octet-stream'},
        ok: [201]
      });
    }
    return {mediaType, digest, size: bytes.length};
  }

  /** Puts a manifest at a tag or its digest; says whether the registry took its `subject` (OCI-Subject). */
  async putManifest(ref: string, bytes: Buffer, mediaType: string): Promise<{digest: string; subjectTaken: boolean}> {
    const res = await this.request('PUT', `/manifests/${ref}`, {
      body: bytes,
      headers: {'Content-Type': mediaType},
      ok: [201]
    });
    return {digest: sha256(bytes), subjectTaken: res.headers.has('OCI-Subject')};
  }

  /** The referrers API's list for a digest; undefined where the registry has none (404), as distribution 2.8. */
  async referrers(digest: string): Promise<Descriptor[] | undefined> {
    const res = await this.request('GET', `/referrers/${digest}`, {
      headers: {Accept: 'application/vnd.oci.image.index.v1+json'},
      ok: [200, 404]
    });
    if (res.status === 404) {
      await res.body?.cancel();
      return undefined;
    }
    return ((await res.json()) as {manifests?: Descriptor[]}).manifests ?? [];
  }
}
