export const id = 849;
export const ids = [849];
export const modules = {

/***/ 39849:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  signStage: () => (/* binding */ signStage)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(33838);
// EXTERNAL MODULE: ./src/docker/info.ts
var info = __webpack_require__(49990);
// EXTERNAL MODULE: ./src/model/reference.ts
var reference = __webpack_require__(86676);
// EXTERNAL MODULE: ./src/model/runtime.ts
var runtime = __webpack_require__(12997);
;// CONCATENATED MODULE: ./src/model/sign.ts
/** What a signature of a digest is made of and how a consumer checks it, as cosign 3 writes and reads it. */
const BUNDLE_MEDIA_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json';
/** The predicate of cosign 3's `cosign sign` statement: "this digest is signed", nothing more. */
const SIGN_PREDICATE = 'https://sigstore.dev/cosign/sign/v1';
/** The in-toto statement a signature covers: the digest (never a tag) of the repository's manifest. */
function signingStatement(name, digest, predicateType = SIGN_PREDICATE, predicate = {}) {
    return {
        _type: 'https://in-toto.io/Statement/v1',
        subject: [{ name, digest: { sha256: digest.replace(/^sha256:/, '') } }],
        predicateType,
        predicate
    };
}
/** The referrer manifest's annotations, as @sigstore/oci and cosign label a bundle. */
const bundleAnnotations = (predicateType, created) => ({
    'dev.sigstore.bundle.content': 'dsse-envelope',
    'dev.sigstore.bundle.predicateType': predicateType,
    'org.opencontainers.image.created': created
});
/**
 * The `cosign verify` line a consumer runs for one signed digest (cosign 3 reads the referrer or the fallback tag);
 * for a provenance, `cosign verify-attestation --type slsaprovenance1`.
 */
function verifyCommand(sign, signer, ref, provenance = false) {
    const args = provenance ? ['cosign', 'verify-attestation', '--type', 'slsaprovenance1'] : ['cosign', 'verify'];
    if ('publicKeyFile' in signer)
        args.push('--key', signer.publicKeyFile);
    else
        args.push('--certificate-identity', signer.identity, '--certificate-oidc-issuer', signer.issuer);
    if ('repository' in signer && signer.repository)
        args.push('--certificate-github-workflow-repository', signer.repository);
    if (sign.trustedRoot)
        args.push('--trusted-root', 'trusted_root.json');
    if (!sign.rekorUrl)
        args.push('--insecure-ignore-tlog=true');
    if (!sign.rekorUrl && sign.tsaUrl)
        args.push('--use-signed-timestamps');
    return [...args, ref].join(' ');
}
/** The digests a scope signs: the verified one, and with `all` each platform manifest in it. */
const digestsToSign = (sign, digest, platformDigests) => sign.scope === 'all' ? [...new Set([digest, ...platformDigests])] : [digest];

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ./src/docker/exec.ts
var exec = __webpack_require__(49655);
// EXTERNAL MODULE: ./src/docker/failures.ts
var failures = __webpack_require__(76873);
// EXTERNAL MODULE: ./src/docker/retry.ts
var retry = __webpack_require__(26298);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(31421);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
;// CONCATENATED MODULE: ./src/oci/credentials.ts





/** The config's keys for a host: the default registry's credentials are stored under its index address. */
const configKeys = (host, index) => (0,reference/* isDefaultRegistry */.n3)(host, index)
    ? [index, new URL(index).host, host].filter(Boolean)
    : [host, `https://${host}`, `http://${host}`];
function readConfig(env) {
    const dir = env.DOCKER_CONFIG || external_node_path_.join(external_node_os_.homedir(), '.docker');
    try {
        return JSON.parse(external_node_fs_.readFileSync(external_node_path_.join(dir, 'config.json'), 'utf8'));
    }
    catch {
        return {};
    }
}
/** A credential helper's answer (`docker-credential-<helper> get`, the server on stdin); undefined when it has none. */
function fromHelper(helper, server) {
    try {
        const out = (0,external_node_child_process_.execFileSync)(`docker-credential-${helper}`, ['get'], {
            input: server,
            encoding: 'utf8',
            stdio: ['pipe', 'pipe', 'ignore']
        });
        const { Username, Secret } = JSON.parse(out);
        return Secret ? { username: Username, secret: Secret } : undefined;
    }
    catch {
        return undefined;
    }
}
/** `index`: the engine's default registry address (see docker/info.ts), for a name on it. */
function credentialsFor(name, index, env = process.env) {
    const config = readConfig(env);
    const keys = configKeys((0,reference/* registryOf */.Fv)(name), index);
    const helper = keys.map(k => config.credHelpers?.[k]).find(Boolean);
    if (helper)
        return fromHelper(helper, keys[0]);
    const entry = keys.map(k => config.auths?.[k]).find(Boolean);
    if (entry?.identitytoken)
        return { username: '<token>', secret: entry.identitytoken };
    if (entry?.auth) {
        const text = Buffer.from(entry.auth, 'base64').toString('utf8');
        const colon = text.indexOf(':');
        return { username: text.slice(0, colon), secret: text.slice(colon + 1) };
    }
    if (entry?.username && entry.password)
        return { username: entry.username, secret: entry.password };
    return config.credsStore ? fromHelper(config.credsStore, keys[0]) : undefined;
}

;// CONCATENATED MODULE: ./src/oci/registry.ts






/** A registry's answer that was not what the call needed, said as the CLI says it (the retry policy reads it). */
class RegistryError extends Error {
    status;
    constructor(status, message) {
        super(message);
        this.status = status;
    }
}
const sha256 = (bytes) => `sha256:${(0,external_node_crypto_.createHash)('sha256').update(bytes).digest('hex')}`;
/**
 * The base URL of `name`'s repository: http for a registry on this machine (as docker takes it), else https; a name
 * on the default registry at the origin of the engine's index address (`index`, see docker/info.ts).
 */
function repositoryUrl(name, index) {
    const host = (0,reference/* registryOf */.Fv)(name);
    const hub = (0,reference/* isDefaultRegistry */.n3)(host, index);
    if (hub && !index)
        throw new Error(`${name} is on the engine's default registry, whose address was not read`);
    const path = host ? name.slice(host.length + 1) : name;
    const origin = hub ? new URL(index).origin : `${(0,reference/* isLocalRegistry */.rY)(name) ? 'http' : 'https'}://${host}`;
    return `${origin}/v2/${hub && !path.includes('/') ? `library/${path}` : path}`;
}
/** A transport error as the retry policy reads a CLI's (connection refused, reset, …). */
function reasonOf(e) {
    return e instanceof RegistryError ? e.message : (0,failures/* transportReason */.g6)(e);
}
/** The Bearer token a `WWW-Authenticate: Bearer realm=…,service=…,scope=…` challenge asks for. */
async function bearerToken(challenge, scope, creds) {
    const params = Object.fromEntries([...challenge.matchAll(/(\w+)="([^"]*)"/g)].map(m => [m[1], m[2]]));
    const url = new URL(params.realm);
    if (params.service)
        url.searchParams.set('service', params.service);
    url.searchParams.set('scope', scope);
    const headers = creds
        ? { Authorization: `Basic ${Buffer.from(`${creds.username}:${creds.secret}`).toString('base64')}` }
        : {};
    const res = await fetch(url, { headers });
    if (!res.ok)
        throw new RegistryError(res.status, `GET ${url.origin}${url.pathname}: ${res.status} ${res.statusText}`);
    const body = (await res.json());
    return body.token ?? body.access_token ?? '';
}
class Registry {
    name;
    budget;
    authorization = '';
    base;
    creds;
    /** `index`: the engine's default registry address, for a name on it; `creds`: the docker config's by default. */
    constructor(name, budget, options = {}) {
        this.name = name;
        this.budget = budget;
        const index = options.index ?? '';
        this.base = repositoryUrl(name, index);
        this.creds = options.creds ?? (() => credentialsFor(name, index));
    }
    /** One request, authorised on the registry's challenge, under the retry policy; `ok` lists what is not an error. */
    async request(method, path, init = {}) {
        const url = path.startsWith('http') ? path : `${this.base}${path}`;
        const once = async () => {
            let res = await this.send(method, url, init);
            if (res.status === 401 && (await this.authorise(res, method)))
                res = await this.send(method, url, init);
            if ((init.ok ?? [200]).includes(res.status))
                return res;
            await res.body?.cancel();
            throw new RegistryError(res.status, `${method} request to ${url}: ${res.status} ${res.statusText}`);
        };
        return (0,exec/* withRetry */.bD)((0,retry/* networkRetry */.D1)(this.budget), `${method} ${this.name}`, once, reasonOf);
    }
    send(method, url, init) {
        const headers = { ...init.headers, ...(this.authorization ? { Authorization: this.authorization } : {}) };
        return fetch(url, { method, headers, body: init.body, redirect: 'follow', signal: AbortSignal.timeout(60_000) });
    }
    /** Answers a 401's challenge: Basic with the docker config's credentials, or a Bearer token for the scope. */
    async authorise(res, method) {
        await res.body?.cancel();
        const challenge = res.headers.get('WWW-Authenticate') ?? '';
        const creds = this.creds();
        if (/^basic/i.test(challenge) && creds) {
            this.authorization = `Basic ${Buffer.from(`${creds.username}:${creds.secret}`).toString('base64')}`;
            return true;
        }
        if (!/^bearer/i.test(challenge))
            return false;
        const path = this.base.replace(/^https?:\/\/[^/]+\/v2\//, '');
        const scope = `repository:${path}:${method === 'GET' || method === 'HEAD' ? 'pull' : 'pull,push'}`;
        const token = await bearerToken(challenge, scope, creds);
        this.authorization = token ? `Bearer ${token}` : '';
        return !!token;
    }
    /** The manifest at a tag or digest, as the registry holds it byte for byte; undefined when there is none. */
    async manifest(ref, accept) {
        const res = await this.request('GET', `/manifests/${ref}`, { headers: { Accept: accept.join(', ') }, ok: [200, 404] });
        if (res.status === 404)
            return undefined;
        const bytes = Buffer.from(await res.arrayBuffer());
        return { bytes, mediaType: res.headers.get('Content-Type') ?? '', digest: sha256(bytes) };
    }
    async blob(digest) {
        const bytes = Buffer.from(await (await this.request('GET', `/blobs/${digest}`)).arrayBuffer());
        if (sha256(bytes) !== digest)
            throw new Error(`The registry's blob ${digest} does not hash to its digest`);
        return bytes;
    }
    /** Uploads a blob unless the registry has it (a monolithic POST + PUT, as the distribution spec allows). */
    async putBlob(bytes, mediaType) {
        const digest = sha256(bytes);
        const have = await this.request('HEAD', `/blobs/${digest}`, { ok: [200, 404] });
        if (have.status === 404) {
            const started = await this.request('POST', '/blobs/uploads/', { ok: [202] });
            const location = new URL(started.headers.get('Location') ?? '', this.base);
            location.searchParams.set('digest', digest);
            await this.request('PUT', location.href, {
                body: bytes,
                headers: { 'Content-Type': 'application/octet-stream' },
                ok: [201]
            });
        }
        return { mediaType, digest, size: bytes.length };
    }
    /** Puts a manifest at a tag or its digest; says whether the registry took its `subject` (OCI-Subject). */
    async putManifest(ref, bytes, mediaType) {
        const res = await this.request('PUT', `/manifests/${ref}`, {
            body: bytes,
            headers: { 'Content-Type': mediaType },
            ok: [201]
        });
        return { digest: sha256(bytes), subjectTaken: res.headers.has('OCI-Subject') };
    }
    /** The referrers API's list for a digest; undefined where the registry has none (404), as distribution 2.8. */
    async referrers(digest) {
        const res = await this.request('GET', `/referrers/${digest}`, {
            headers: { Accept: 'application/vnd.oci.image.index.v1+json' },
            ok: [200, 404]
        });
        if (res.status === 404) {
            await res.body?.cancel();
            return undefined;
        }
        return (await res.json()).manifests ?? [];
    }
}

;// CONCATENATED MODULE: ./src/oci/referrers.ts

/**
 * Artifacts that refer to a manifest (OCI 1.1 `subject`), written and found as cosign 3 does: the referrer manifest
 * by digest, listed by the registry's referrers API, or where the registry has none (distribution 2.8, and GHCR,
 * GAR and ECR at the time of writing) in the `sha256-<hex>` fallback index the OCI spec names.
 */
const MANIFEST_TYPES = [
    'application/vnd.oci.image.index.v1+json',
    'application/vnd.docker.distribution.manifest.list.v2+json',
    'application/vnd.oci.image.manifest.v1+json',
    'application/vnd.docker.distribution.manifest.v2+json'
];
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const EMPTY = { type: 'application/vnd.oci.empty.v1+json', bytes: Buffer.from('{}') };
/** The fallback tag of a digest: `sha256-<hex>`. */
const fallbackTag = (digest) => digest.replace(':', '-');
/** The descriptor of a manifest the registry holds (its media type and size, for a `subject`). */
async function describe(registry, digest) {
    const found = await registry.manifest(digest, MANIFEST_TYPES);
    if (!found)
        throw new Error(`${registry.name}@${digest} is not in the registry`);
    return { mediaType: found.mediaType, digest, size: found.bytes.length };
}
/** The referrer manifest of one artifact (config empty, the artifact its one layer), as cosign and @sigstore/oci write it. */
function referrerManifest(subject, artifact, annotations) {
    const manifest = {
        schemaVersion: 2,
        mediaType: OCI_MANIFEST,
        artifactType: artifact.mediaType,
        config: { mediaType: EMPTY.type, digest: sha256(EMPTY.bytes), size: EMPTY.bytes.length },
        layers: [artifact],
        subject: { mediaType: subject.mediaType, digest: subject.digest, size: subject.size },
        annotations
    };
    return Buffer.from(JSON.stringify(manifest));
}
/** Adds an entry to the fallback index (read, add, put back: one writer at a time, since registries ignore If-Match). */
async function addToFallback(registry, subject, entry) {
    const tag = fallbackTag(subject);
    const found = await registry.manifest(tag, [OCI_INDEX]);
    const index = found ? JSON.parse(found.bytes.toString('utf8')) : {};
    const manifests = (index.manifests ?? []).filter(m => m.digest !== entry.digest);
    const updated = { schemaVersion: 2, mediaType: OCI_INDEX, manifests: [...manifests, entry] };
    await registry.putManifest(tag, Buffer.from(JSON.stringify(updated)), OCI_INDEX);
}
/** Attaches `bytes` as an artifact referring to `subject`; returns the referrer manifest's digest. */
async function attach(registry, subject, artifact) {
    await registry.putBlob(EMPTY.bytes, EMPTY.type);
    const layer = await registry.putBlob(artifact.bytes, artifact.mediaType);
    const manifest = referrerManifest(subject, layer, artifact.annotations);
    const { digest, subjectTaken } = await registry.putManifest(sha256(manifest), manifest, OCI_MANIFEST);
    if (!subjectTaken)
        await addToFallback(registry, subject.digest, {
            mediaType: OCI_MANIFEST,
            digest,
            size: manifest.length,
            artifactType: artifact.mediaType,
            annotations: artifact.annotations
        });
    return digest;
}
/** The artifacts of `artifactType` that refer to `digest`: from the referrers API, else the fallback index. */
async function findReferrers(registry, digest, artifactType) {
    const listed = (await registry.referrers(digest)) ??
        JSON.parse((await registry.manifest(fallbackTag(digest), [OCI_INDEX]))?.bytes.toString('utf8') ?? '{}').manifests ??
        [];
    const found = [];
    for (const entry of listed.filter(m => m.artifactType === artifactType)) {
        const manifest = await registry.manifest(entry.digest, [OCI_MANIFEST]);
        if (!manifest)
            continue;
        const parsed = JSON.parse(manifest.bytes.toString('utf8'));
        const layer = parsed.layers?.[0];
        if (!layer)
            continue;
        found.push({
            digest: entry.digest,
            annotations: parsed.annotations ?? {},
            bytes: await registry.blob(layer.digest),
            subject: parsed.subject?.digest ?? ''
        });
    }
    return found;
}

// EXTERNAL MODULE: ./src/model/attestations.ts
var attestations = __webpack_require__(63534);
;// CONCATENATED MODULE: ./src/model/provenance.ts

/**
 * The SLSA v1 provenance of a verified digest (`attest: provenance`), in GitHub's workflow build type, field for
 * field what actions/attest-build-provenance writes, so a policy written for its attestations reads ours: the
 * workflow that ran (repository, path, ref), the commit built, the builder (the workflow file that ran the job, the
 * certificate's identity) and the run. Keyless, every field comes from the OIDC token the certificate was issued
 * for; with a key, from the runner's GITHUB_* variables (the same values, unsigned by GitHub).
 */
const PROVENANCE_PREDICATE = 'https://slsa.dev/provenance/v1';
const GITHUB_BUILD_TYPE = 'https://actions.github.io/buildtypes/workflow/v1';
/** The same claims from the runner's variables, for a key-signed provenance (no token). */
function claimsFromEnv(env) {
    const pairs = [
        ['repository', env.GITHUB_REPOSITORY],
        ['ref', env.GITHUB_REF],
        ['sha', env.GITHUB_SHA],
        ['workflow_ref', env.GITHUB_WORKFLOW_REF],
        // a job's own workflow file is in the token only; a reusable workflow's runs under its caller's ref here
        ['job_workflow_ref', env.GITHUB_WORKFLOW_REF],
        ['event_name', env.GITHUB_EVENT_NAME],
        ['repository_id', env.GITHUB_REPOSITORY_ID],
        ['repository_owner_id', env.GITHUB_REPOSITORY_OWNER_ID],
        ['runner_environment', env.RUNNER_ENVIRONMENT],
        ['run_id', env.GITHUB_RUN_ID],
        ['run_attempt', env.GITHUB_RUN_ATTEMPT]
    ];
    return Object.fromEntries(pairs.filter((p) => !!p[1]));
}
/** The predicate: what ran, on what, by whom; `startedOn` when the step began, `finishedOn` now (ISO 8601). */
function provenancePredicate(claims, server, times) {
    const base = server.replace(/\/+$/, '');
    const repository = claims.repository ?? '';
    // owner/repo/.github/workflows/release.yml@refs/tags/v1 → .github/workflows/release.yml
    const workflowPath = (claims.workflow_ref ?? '').replace(`${repository}/`, '').split('@')[0];
    return {
        buildDefinition: {
            buildType: GITHUB_BUILD_TYPE,
            externalParameters: {
                workflow: { ref: claims.ref ?? '', repository: `${base}/${repository}`, path: workflowPath }
            },
            internalParameters: {
                github: {
                    event_name: claims.event_name ?? '',
                    repository_id: claims.repository_id ?? '',
                    repository_owner_id: claims.repository_owner_id ?? '',
                    runner_environment: claims.runner_environment ?? ''
                }
            },
            resolvedDependencies: [
                { uri: `git+${base}/${repository}@${claims.ref ?? ''}`, digest: { gitCommit: claims.sha ?? '' } }
            ]
        },
        runDetails: {
            builder: { id: `${base}/${claims.job_workflow_ref ?? ''}` },
            metadata: {
                invocationId: (0,attestations/* runUrl */.Vp)(base, repository, claims.run_id ?? '', claims.run_attempt ?? ''),
                startedOn: times.startedOn,
                finishedOn: times.finishedOn
            }
        }
    };
}

// EXTERNAL MODULE: ./node_modules/@sigstore/bundle/dist/index.js
var dist = __webpack_require__(61040);
// EXTERNAL MODULE: ./node_modules/@sigstore/protobuf-specs/dist/index.js
var protobuf_specs_dist = __webpack_require__(19654);
// EXTERNAL MODULE: ./node_modules/@sigstore/tuf/dist/index.js
var tuf_dist = __webpack_require__(84423);
// EXTERNAL MODULE: ./node_modules/@sigstore/verify/dist/index.js
var verify_dist = __webpack_require__(54187);
// EXTERNAL MODULE: ./node_modules/@sigstore/sign/dist/index.js
var sign_dist = __webpack_require__(15179);
;// CONCATENATED MODULE: ./src/sigstore/sign.ts






/**
 * A Sigstore bundle (v0.3, a DSSE envelope around an in-toto statement) from @sigstore/sign: keyless, a Fulcio
 * certificate for the job's OIDC token; or a key's signature. Fulcio, Rekor and the TSA are each called under the
 * one registry retry policy (their own retries off), so a flaky service waits as a flaky registry does.
 */
const TIMEOUT_MS = 30_000;
/** A Sigstore client error as the retry policy reads a CLI's: the status in brackets, or the transport's failure. */
function sign_reasonOf(e) {
    const cause = e.cause;
    if (cause?.statusCode)
        return `${e.message}: ${cause.message ?? cause.statusCode}`;
    return (0,failures/* transportReason */.g6)(e);
}
/** The same service, each call under the retry policy. */
const retrying = (budget, label, call) => (...args) => (0,exec/* withRetry */.bD)((0,retry/* networkRetry */.D1)(budget), label, () => call(...args), sign_reasonOf);
/** A key's public half as cosign names it: the base64 SHA-256 of its SubjectPublicKeyInfo (the bundle's hint). */
function publicKeyOf(pem) {
    const key = (0,external_node_crypto_.createPublicKey)((0,external_node_crypto_.createPrivateKey)(pem));
    const der = key.export({ type: 'spki', format: 'der' });
    return {
        pem: key.export({ type: 'spki', format: 'pem' }).toString(),
        hint: (0,external_node_crypto_.createHash)('sha256').update(der).digest('base64'),
        der
    };
}
/** A signer over a PEM key: ECDSA P-256 with SHA-256, the signature DER-encoded, as cosign signs. */
function keySigner(pem) {
    const key = (0,external_node_crypto_.createPrivateKey)(pem);
    const pub = publicKeyOf(pem);
    return {
        sign: data => Promise.resolve({
            signature: (0,external_node_crypto_.sign)('sha256', data, key),
            key: { $case: 'publicKey', publicKey: pub.pem, hint: pub.hint }
        })
    };
}
/** The signer and the witnesses of the configured instance. */
function signingParts(sign, budget, identity) {
    const common = { retry: 0, timeout: TIMEOUT_MS };
    const witnesses = [];
    if (sign.rekorUrl) {
        // intoto entries: what Rekor v1 logs for a DSSE statement with its signature (the stand-in checks them as the log does)
        const rekor = new sign_dist/* RekorWitness */.fU({ rekorBaseURL: sign.rekorUrl, entryType: 'intoto', ...common });
        witnesses.push({ testify: retrying(budget, 'Rekor', rekor.testify.bind(rekor)) });
    }
    if (sign.tsaUrl) {
        const tsa = new sign_dist/* TSAWitness */.gs({ tsaBaseURL: sign.tsaUrl, ...common });
        witnesses.push({ testify: retrying(budget, 'TSA', tsa.testify.bind(tsa)) });
    }
    if (sign.method === 'key')
        return { signer: keySigner(sign.key), witnesses };
    const fulcio = new sign_dist/* FulcioSigner */.$o({ fulcioBaseURL: sign.fulcioUrl, identityProvider: identity, ...common });
    return { signer: { sign: retrying(budget, 'Fulcio', fulcio.sign.bind(fulcio)) }, witnesses };
}
/** Signs an in-toto statement: the bundle as JSON, its envelope's keyid left out (cosign's DSSE check refuses a hint it cannot match; it is not signed). */
async function signStatement(parts, statement) {
    const builder = new sign_dist/* DSSEBundleBuilder */.VV({ ...parts, certificateChain: false });
    const bundle = await builder.create({
        data: Buffer.from(JSON.stringify(statement)),
        type: 'application/vnd.in-toto+json'
    });
    const json = (0,dist.bundleToJSON)(bundle);
    if ('dsseEnvelope' in json && json.dsseEnvelope)
        for (const s of json.dsseEnvelope.signatures)
            delete s.keyid;
    return json;
}

;// CONCATENATED MODULE: ./src/sigstore/check.ts






/**
 * The in-step check of a signature read back from the registry: its bundle verified by @sigstore/verify against
 * the instance's trusted root and the job's identity (or the key), and its statement's subject equal to the digest.
 */
const EMPTY_ROOT = {
    mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
    tlogs: [],
    certificateAuthorities: [],
    ctlogs: [],
    timestampAuthorities: []
};
/** The trusted root: the given trusted_root.json, none for a key without witnesses, else the public instance's (TUF). */
async function loadTrustedRoot(sign, cachePath) {
    if (sign.trustedRoot)
        return protobuf_specs_dist.TrustedRoot.fromJSON(JSON.parse(external_node_fs_.readFileSync(sign.trustedRoot, 'utf8')));
    if (sign.method === 'key' && !sign.rekorUrl && !sign.tsaUrl)
        return protobuf_specs_dist.TrustedRoot.fromJSON(EMPTY_ROOT);
    return (0,tuf_dist.getTrustedRoot)({ cachePath });
}
/** Fulcio's Source Repository URI extension (1.3.6.1.4.1.57264.1.12), a DER UTF8String. */
const OID_SOURCE_REPOSITORY_URI = [1, 3, 6, 1, 4, 1, 57264, 1, 12];
/** A DER UTF8String: tag 0x0c, the length (short or long form), the bytes. */
function derUtf8(text) {
    const bytes = Buffer.from(text, 'utf8');
    const n = bytes.length;
    const length = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
    return Buffer.concat([Buffer.from([0x0c, ...length]), bytes]);
}
/**
 * The keyless policy: the identity whole (@sigstore/verify reads a string as an unanchored pattern, so
 * `…release.yml@refs/heads/main` would also admit `…@refs/heads/main-fork`), the issuer, and the repository.
 */
function keylessPolicy(expected) {
    const exact = new RegExp(`^${expected.identity.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
    const policy = { subjectAlternativeName: exact, extensions: { issuer: expected.issuer } };
    if (expected.repositoryUri)
        policy.oids = [{ oid: { id: OID_SOURCE_REPOSITORY_URI }, value: derUtf8(expected.repositoryUri) }];
    return policy;
}
function checkBundle(json, root, sign, expected) {
    const bundle = (0,dist.bundleFromJSON)(json);
    let policy = {};
    let trust = (0,verify_dist/* toTrustMaterial */.jO)(root);
    if ('key' in expected) {
        const pub = publicKeyOf(expected.key);
        trust = (0,verify_dist/* toTrustMaterial */.jO)(root, {
            [pub.hint]: {
                rawBytes: pub.der,
                keyDetails: protobuf_specs_dist.PublicKeyDetails.PKIX_ECDSA_P256_SHA_256,
                validFor: { start: new Date(0) }
            }
        });
    }
    else
        policy = keylessPolicy(expected);
    const keyless = sign.method === 'keyless';
    const verifier = new verify_dist/* Verifier */.BL(trust, {
        tlogThreshold: sign.rekorUrl ? 1 : 0,
        ctlogThreshold: keyless ? 1 : 0,
        timestampThreshold: keyless || sign.rekorUrl || sign.tsaUrl ? 1 : 0
    });
    verifier.verify((0,verify_dist/* toSignedEntity */.DC)(bundle), policy);
    const envelope = bundle.content.$case === 'dsseEnvelope' ? bundle.content.dsseEnvelope : undefined;
    const statement = JSON.parse(envelope ? envelope.payload.toString('utf8') : '{}');
    return {
        subjects: (statement.subject ?? []).map(s => `sha256:${s.digest?.sha256 ?? ''}`),
        predicateType: statement.predicateType ?? ''
    };
}

;// CONCATENATED MODULE: ./src/sigstore/identity.ts




class TokenError extends Error {
}
/** The claims of a JWT (its middle part), not checked: Fulcio checks the token, this only reads what it will certify. */
function jwtClaims(token) {
    try {
        const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
        return Object.fromEntries(Object.entries(claims).filter((e) => typeof e[1] === 'string'));
    }
    catch {
        return {};
    }
}
/** The identity Fulcio certifies for a GitHub Actions token: `<server>/<job_workflow_ref>`. */
function identityOf(claims, env) {
    return { identity: `${(0,runtime/* serverUrl */.Vd)(env)}/${claims.job_workflow_ref ?? ''}`, issuer: claims.iss ?? '' };
}
async function jobIdentity(budget, env = process.env) {
    const url = new URL(env.ACTIONS_ID_TOKEN_REQUEST_URL ?? '');
    url.searchParams.set('audience', 'sigstore');
    const once = async () => {
        const res = await fetch(url, {
            headers: { Authorization: `Bearer ${env.ACTIONS_ID_TOKEN_REQUEST_TOKEN}`, Accept: 'application/json' }
        });
        if (!res.ok)
            throw new TokenError(`The job's OIDC token was refused: ${res.status} ${res.statusText}`);
        return (await res.json()).value ?? '';
    };
    const token = await (0,exec/* withRetry */.bD)((0,retry/* networkRetry */.D1)(budget), 'OIDC token', once, e => e instanceof TokenError ? e.message : undefined);
    if (!token)
        throw new Error("The runner's token service gave no OIDC token: grant the job `permissions: id-token: write`");
    core/* setSecret */.Pq(token);
    return { token, ...identityOf(jwtClaims(token), env) };
}

;// CONCATENATED MODULE: ./src/modes/sign.ts












/**
 * Signing what the read-back proved: each digest of the scope (never a tag) signed as cosign 3 signs it, the bundle
 * stored as an OCI referrer of the digest in every repository the step pushed to, then read back from the registry
 * and verified against the trusted root and the job's identity (or the key): a signature that does not check fails
 * the step.
 */
/** Every repository the step pushed to (tags and images), each once. */
const repositoriesOf = (config) => [
    ...new Set([...config.tags, ...config.images].map(ref => (0,reference/* parseReference */.F2)(ref).name))
];
/** Who signs: the job's identity (its OIDC token asked for now) or the key; and the claims a provenance reads. */
async function signerOf(docker, config) {
    if (config.sign.method === 'key') {
        const expected = { key: config.sign.key };
        return {
            expected,
            signer: { publicKeyFile: 'cosign.pub' },
            identity: { getToken: () => Promise.resolve('') },
            claims: claimsFromEnv(process.env)
        };
    }
    const job = await jobIdentity(docker.budget);
    core/* info */.pq(`Keyless: signing as ${job.identity} (issuer ${job.issuer}) with a certificate from ${config.sign.fulcioUrl}`);
    const claims = jwtClaims(job.token);
    const repositoryUri = claims.repository ? `${(0,runtime/* serverUrl */.Vd)(process.env)}/${claims.repository}` : undefined;
    return {
        expected: { identity: job.identity, issuer: job.issuer, repositoryUri },
        signer: { identity: job.identity, issuer: job.issuer, repository: claims.repository },
        identity: { getToken: () => Promise.resolve(job.token) },
        claims
    };
}
/** Reads a digest's signatures back and checks ours: listed, about this digest, valid for the expected signer. */
async function checkSigned(registry, digest, ours, check) {
    const found = await findReferrers(registry, digest, BUNDLE_MEDIA_TYPE);
    const mine = found.find(r => r.digest === ours);
    if (!mine)
        throw new Error(`Signature check failed: ${registry.name}@${digest} does not list the signature ${ours} just written (found ${found.length})`);
    if (mine.subject !== digest)
        throw new Error(`Signature check failed: the signature ${ours} refers to ${mine.subject}, not ${digest}`);
    const subjects = check(JSON.parse(mine.bytes.toString('utf8')));
    if (!subjects.includes(digest))
        throw new Error(`Signature check failed: the signed statement covers ${subjects.join(', ')}, not ${digest}`);
}
/** One statement signed, stored in every repository one after another (each fallback index has one writer), read back and checked. */
async function storeSigned(s, digest, predicateType, predicate = {}) {
    const bundle = await signStatement(s.parts, signingStatement(s.repositories[0], digest, predicateType, predicate));
    const artifact = {
        bytes: Buffer.from(JSON.stringify(bundle)),
        mediaType: BUNDLE_MEDIA_TYPE,
        annotations: bundleAnnotations(predicateType, new Date().toISOString())
    };
    let signature = '';
    for (const name of s.repositories) {
        const registry = new Registry(name, s.budget, { index: s.index });
        signature = await attach(registry, await describe(registry, digest), artifact);
        await checkSigned(registry, digest, signature, json => s.check(json, predicateType));
    }
    return { signature, bundleDigest: sha256(artifact.bytes) };
}
/** The bundle check against the trusted root and the expected signer, its failure saying who was expected. */
function checkerOf(config, root, expected) {
    return (json, predicateType) => {
        try {
            const checked = checkBundle(json, root, config.sign, expected);
            if (checked.predicateType !== predicateType)
                throw new Error(`predicate ${checked.predicateType}`);
            return checked.subjects;
        }
        catch (e) {
            const who = 'key' in expected
                ? 'the key'
                : `${expected.identity} (issuer ${expected.issuer}${expected.repositoryUri ? `, repository ${expected.repositoryUri}` : ''})`;
            throw new Error(`Signature check failed: ${e.message}; expected a signature by ${who}`);
        }
    };
}
/** When the step began: its node process's start (the provenance's startedOn). */
const stepStarted = () => new Date(Date.now() - process.uptime() * 1000).toISOString();
async function signStage(docker, config, verified, tempDir) {
    return core/* group */.Os('Sign', async () => {
        const repositories = repositoriesOf(config);
        // the engine's default registry, for a repository that may be on it (none is on this machine)
        const index = repositories.every(reference/* isLocalRegistry */.rY) ? '' : await (0,info/* readIndexServer */.eM)(docker);
        const { expected, signer, identity, claims } = await signerOf(docker, config);
        const root = await loadTrustedRoot(config.sign, external_node_path_.join(tempDir, 'tuf'));
        const signing = {
            repositories,
            budget: docker.budget,
            index,
            parts: signingParts(config.sign, docker.budget, identity),
            check: checkerOf(config, root, expected)
        };
        const verifyAll = (digest, provenance = false) => repositories.map(name => verifyCommand(config.sign, signer, `${name}@${digest}`, provenance));
        const results = [];
        for (const digest of digestsToSign(config.sign, verified.digest, verified.platformDigests)) {
            const kind = digest === verified.digest ? 'index' : 'platform';
            const stored = await storeSigned(signing, digest, SIGN_PREDICATE);
            core/* info */.pq(`Signed ${digest} (${kind === 'index' ? 'index' : 'platform manifest'}): signature ${stored.signature}, checked in ${repositories.length} repository(ies)`);
            results.push({ digest, kind, ...stored, verify: verifyAll(digest) });
        }
        if (config.sign.attest === 'provenance') {
            const times = { startedOn: stepStarted(), finishedOn: new Date().toISOString() };
            const predicate = provenancePredicate(claims, (0,runtime/* serverUrl */.Vd)(process.env), times);
            const stored = await storeSigned(signing, verified.digest, PROVENANCE_PREDICATE, predicate);
            core/* info */.pq(`Attested ${verified.digest}: SLSA v1 provenance ${stored.signature}, checked`);
            results.push({ digest: verified.digest, kind: 'provenance', ...stored, verify: verifyAll(verified.digest, true) });
        }
        return results;
    });
}


/***/ })

};
