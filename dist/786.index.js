export const id = 786;
export const ids = [786];
export const modules = {

/***/ 99683:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ak: () => (/* binding */ uniqueBuilderName),
/* harmony export */   BC: () => (/* binding */ builderOnce),
/* harmony export */   EG: () => (/* binding */ needsHostNetwork),
/* harmony export */   Gq: () => (/* binding */ jobBuilderName),
/* harmony export */   IK: () => (/* binding */ inspectBuilder),
/* harmony export */   Ij: () => (/* binding */ createBuilder),
/* harmony export */   cn: () => (/* binding */ appendArgs),
/* harmony export */   cv: () => (/* binding */ builderExists),
/* harmony export */   iq: () => (/* binding */ removeBuilder),
/* harmony export */   nY: () => (/* binding */ useBuilder),
/* harmony export */   pc: () => (/* binding */ withNetwork),
/* harmony export */   uV: () => (/* binding */ reportBuilder)
/* harmony export */ });
/* unused harmony exports createArgs, inspectArgs, removeArgs, useArgs, parseBuildxInspect */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(33838);
/* harmony import */ var _model_platform_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3154);
/* harmony import */ var _model_reference_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(86676);
/* harmony import */ var _exec_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(49655);
/* harmony import */ var _retry_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(26298);






/** `docker buildx create | inspect | rm`: a builder's argv, its runners, and the parser of what inspect prints. */
/** A builder name that cannot collide with another job's on a shared machine. */
function uniqueBuilderName(random = Math.random) {
    return `xbuild-${Math.floor(random() * 0xffffffff)
        .toString(16)
        .padStart(8, '0')}`;
}
/**
 * The name of this job's builder with these settings, or undefined outside a job (no GITHUB_RUN_ID/GITHUB_JOB).
 * A later step of the job with the same settings gets the same name, finds the builder up, and reuses it with its
 * cache, as the steps after setup-buildx-action share one builder. The runner's name keeps concurrent jobs of one
 * run (a matrix) on one machine apart.
 */
function jobBuilderName(config, hostNetwork, env) {
    if (!env.GITHUB_RUN_ID || !env.GITHUB_JOB)
        return undefined;
    // a step that points docker elsewhere (DOCKER_HOST, DOCKER_CONTEXT) gets a builder of its own there
    const job = [
        env.GITHUB_RUN_ID,
        env.GITHUB_RUN_ATTEMPT,
        env.GITHUB_JOB,
        env.RUNNER_NAME,
        env.DOCKER_HOST,
        env.DOCKER_CONTEXT
    ];
    const setup = [
        config.driver,
        config.endpoint,
        config.buildkitImage,
        // the options the builder is made with: network=host asked for (setup mode) or added for a localhost registry
        // (a build pushing there) is one builder, so a build step after a setup step reuses its builder
        ...withNetwork(config.driverOpts, hostNetwork),
        config.buildkitdFlags,
        config.buildkitdConfig,
        config.buildkitdConfigInline
    ];
    const key = [...job, ...setup].join('\0');
    return `xbuild-job-${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(key).digest('hex').slice(0, 12)}`;
}
/** True when `buildx create` failed because a builder of that name is there already. */
function builderExists(e) {
    return e instanceof _exec_js__WEBPACK_IMPORTED_MODULE_4__/* .CommandError */ .Qd && /existing instance for/.test(e.stderr);
}
/** True when BuildKit, inside its container, must use the host network to reach a registry on this machine. */
function needsHostNetwork(config, dockerfile) {
    const refs = [...config.tags, ...config.images, ...refsOf(config.cacheFrom), ...refsOf(config.cacheTo)];
    const bases = [...dockerfile.matchAll(/^\s*FROM\s+(?:--platform=\S+\s+)?(\S+)/gim)].map(m => m[1]);
    return [...refs, ...bases].some(_model_reference_js__WEBPACK_IMPORTED_MODULE_3__/* .isLocalRegistry */ .rY);
}
function refsOf(specs) {
    return specs.flatMap(s => [...s.matchAll(/(?:^|,)ref=([^,]+)/g)].map(m => m[1]));
}
/** Adds network=host when BuildKit must reach a registry on this machine, unless a network is chosen already. */
function withNetwork(driverOpts, hostNetwork) {
    return hostNetwork && !driverOpts.some(o => o.startsWith('network=')) ? [...driverOpts, 'network=host'] : driverOpts;
}
/**
 * The driver options of a created builder: docker-container and kubernetes run buildkit-image (docker-container on
 * the host network when a registry is on this machine); remote reaches a running buildkitd, with its TLS files.
 */
function driverOptsFor(config, opts) {
    if (config.driver === 'remote')
        return [...config.driverOpts, ...(opts.tlsOpts ?? [])];
    const own = [`image=${config.buildkitImage}`, ...config.driverOpts];
    return config.driver === 'kubernetes' ? own : withNetwork(own, opts.hostNetwork);
}
function createArgs(name, config, opts) {
    const remote = config.driver === 'remote';
    return [
        'buildx',
        'create',
        '--name',
        name,
        '--driver',
        config.driver === 'docker' ? 'docker-container' : config.driver,
        ...driverOptsFor(config, opts).flatMap(o => ['--driver-opt', o]),
        ...(config.buildkitdFlags && !remote ? ['--buildkitd-flags', config.buildkitdFlags] : []),
        ...(opts.configFile && !remote ? ['--config', opts.configFile] : []),
        ...(opts.platforms?.length ? ['--platform', opts.platforms.join(',')] : []),
        // node 0's daemon (or buildkitd): the endpoint input as setup-buildx-action passes it, else the TLS context made
        ...(config.endpoint ? [config.endpoint] : opts.context ? [opts.context] : [])
    ];
}
/** argv of `docker buildx inspect`; with bootstrap it first starts every node (and fails naming one that will not). */
function inspectArgs(name, bootstrap) {
    return ['buildx', 'inspect', ...(bootstrap ? ['--bootstrap'] : []), name];
}
/** argv of `docker buildx rm`: removes the builder, its container and its state volume. */
function removeArgs(name) {
    return ['buildx', 'rm', name];
}
/**
 * argv of `docker buildx use`: the builder becomes the current one of the docker context, for every later
 * `docker buildx` command without --builder (setup-buildx-action's use: true).
 */
function useArgs(name) {
    return ['buildx', 'use', name];
}
/** argv of `docker buildx create --append` for one node, pinned to its platforms so buildx sends them there. */
function appendArgs(builder, spec, buildkitImage, endpoint = spec.endpoint) {
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
/** Removes a builder (its nodes' containers and state volumes). */
async function removeBuilder(docker, name) {
    await docker.run(removeArgs(name), { silent: true });
}
async function useBuilder(docker, name) {
    await docker.run(useArgs(name), { silent: true });
}
async function createBuilder(docker, name, config, opts) {
    await docker.run(createArgs(name, config, opts), { silent: true });
}
/** With bootstrap, a node whose BuildKit image pull hits a registry error that passes is booted again. */
async function inspectBuilder(docker, name, bootstrap) {
    const { stdout } = await docker.run(inspectArgs(name, bootstrap), {
        silent: true,
        retry: bootstrap ? (0,_retry_js__WEBPACK_IMPORTED_MODULE_5__/* .networkRetry */ .D1)(docker.budget) : undefined
    });
    return parseBuildxInspect(stdout);
}
/**
 * The builder's report, read once: as soon as a build has booted the builder (beside the build rather than after
 * it), or when first asked; `known` where the setup already read it.
 */
function builderOnce(docker, name, known) {
    let builder = known && Promise.resolve(known);
    return () => {
        builder ??= inspectBuilder(docker, name, false);
        builder.catch(() => undefined); // awaited later; an earlier failure must not leave it unhandled
        return builder;
    };
}
/** Logs each node's status, BuildKit version and platforms. */
function reportBuilder(info) {
    for (const node of info.nodes) {
        _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .info */ .pq(`Node ${node.name}: ${node.status}, BuildKit ${node.buildkitVersion}, ${node.endpoint}`);
        _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .info */ .pq(`  platforms: ${node.platforms.join(', ')}`);
        if (node.status !== 'running')
            _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .warning */ .$e(`Builder ${info.name}: node ${node.name} (${node.endpoint}) is ${node.status}`);
    }
    return info;
}
/** Parses `docker buildx inspect NAME` (the text form; buildx 0.13 has no JSON output for it). */
function parseBuildxInspect(text) {
    const info = { name: '', driver: '', nodes: [] };
    let node;
    let inNodes = false;
    for (const line of text.split('\n')) {
        const m = /^([A-Za-z][A-Za-z ]*?):\s*(.*)$/.exec(line);
        if (!m)
            continue;
        const [, key, value] = m;
        if (key === 'Nodes') {
            inNodes = true;
        }
        else if (!inNodes && key === 'Name') {
            info.name = value;
        }
        else if (!inNodes && key === 'Driver') {
            info.driver = value;
        }
        else if (inNodes && key === 'Name') {
            node = { name: value, endpoint: '', status: '', buildkitVersion: '', flags: '', platforms: [] };
            info.nodes.push(node);
        }
        else if (node && key === 'Endpoint') {
            node.endpoint = value;
        }
        else if (node && key === 'Status') {
            node.status = value;
        }
        else if (node && key === 'BuildKit daemon flags') {
            node.flags = value;
        }
        else if (node && key === 'BuildKit version') {
            node.buildkitVersion = value;
        }
        else if (node && key === 'Platforms') {
            // a `*` marks platforms pinned with --platform; strip it
            node.platforms = value
                .split(',')
                .map(p => p.trim().replace(/\*$/, ''))
                .filter(Boolean)
                .map(p => safeNormalize(p));
        }
    }
    if (!info.name)
        throw new Error('buildx inspect printed no builder name: unexpected output');
    return info;
}
function safeNormalize(p) {
    try {
        return (0,_model_platform_js__WEBPACK_IMPORTED_MODULE_2__/* .normalizePlatform */ .FL)(p);
    }
    catch {
        return p;
    }
}


/***/ }),

/***/ 81670:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   J: () => (/* binding */ Docker)
/* harmony export */ });
/* harmony import */ var _exec_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(49655);

/**
 * How this step runs docker: the registry retry budget from the inputs, and the environment every docker command
 * gets on top of the action's own (a pinned buildx's DOCKER_CONFIG, the ssh wrapper first on PATH). Made once in
 * main, grown by the stage that needs more (`withEnv`) and passed down: nothing rewrites process.env.
 */
class Docker {
    budget;
    env;
    constructor(budget, env = {}) {
        this.budget = budget;
        this.env = env;
    }
    /** Runs `docker ARGS` with this step's environment. */
    run(args, options = {}) {
        const env = Object.keys(this.env).length || options.env ? { ...this.env, ...options.env } : undefined;
        return _exec_js__WEBPACK_IMPORTED_MODULE_0__/* .Exec */ .Wo.run('docker', args, { ...options, env });
    }
    withEnv(env) {
        return new Docker(this.budget, { ...this.env, ...env });
    }
}


/***/ }),

/***/ 25835:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CL: () => (/* binding */ builderDaemonHost),
/* harmony export */   Fi: () => (/* binding */ currentContext),
/* harmony export */   MR: () => (/* binding */ writeTlsFiles),
/* harmony export */   Np: () => (/* binding */ endpointEnv),
/* harmony export */   O8: () => (/* binding */ userDockerConfig),
/* harmony export */   Pn: () => (/* binding */ createTlsContext),
/* harmony export */   R0: () => (/* binding */ tlsFromEnv),
/* harmony export */   TX: () => (/* binding */ contextRemoveArgs),
/* harmony export */   YU: () => (/* binding */ envContextArgs),
/* harmony export */   hK: () => (/* binding */ envTls)
/* harmony export */ });
/* unused harmony exports contextHost, tlsContextArgs */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(48161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(33838);
/* harmony import */ var _model_secrets_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(15780);






/** The user's docker config dir (DOCKER_CONFIG, else ~/.docker). */
function userDockerConfig(env = process.env) {
    return env.DOCKER_CONFIG || node_path__WEBPACK_IMPORTED_MODULE_3__.join(node_os__WEBPACK_IMPORTED_MODULE_2__.homedir(), '.docker');
}
/**
 * What `docker context show` prints, read without running docker: `default` when DOCKER_HOST is set (it wins over
 * DOCKER_CONTEXT: docker 28.2 shows `default` with both), else DOCKER_CONTEXT, else config.json's currentContext,
 * else `default`.
 */
function currentContext(env = process.env, configDir = userDockerConfig(env)) {
    if (env.DOCKER_HOST)
        return 'default';
    if (env.DOCKER_CONTEXT)
        return env.DOCKER_CONTEXT;
    try {
        const config = JSON.parse(node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync(node_path__WEBPACK_IMPORTED_MODULE_3__.join(configDir, 'config.json'), 'utf8'));
        return config.currentContext || 'default';
    }
    catch {
        return 'default';
    }
}
/** The docker host a context names: the environment's for `default`, else the context store's meta.json. */
function contextHost(name, env = process.env, configDir = userDockerConfig(env)) {
    if (name === 'default')
        return env.DOCKER_HOST || 'unix:///var/run/docker.sock';
    const id = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(name).digest('hex');
    try {
        const meta = JSON.parse(node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync(node_path__WEBPACK_IMPORTED_MODULE_3__.join(configDir, 'contexts', 'meta', id, 'meta.json'), 'utf8'));
        return meta.Endpoints?.docker?.Host ?? '';
    }
    catch {
        return '';
    }
}
/** An endpoint input that is a docker host address (unix://, tcp://, ssh://, …) rather than a context name. */
const isAddress = (endpoint) => /^[a-z][a-z0-9+.-]*:\/\//.test(endpoint);
/** The docker host node 0's container runs on: the endpoint input's (an address, or a context's), else the current. */
function builderDaemonHost(endpoint, env = process.env) {
    if (!endpoint)
        return contextHost(currentContext(env), env);
    return isAddress(endpoint) ? endpoint : contextHost(endpoint, env);
}
/** What points the docker CLI at the endpoint input's daemon (DOCKER_HOST wins over DOCKER_CONTEXT: one is cleared). */
function endpointEnv(endpoint) {
    if (!endpoint)
        return {};
    return isAddress(endpoint)
        ? { DOCKER_HOST: endpoint, DOCKER_CONTEXT: '' }
        : { DOCKER_CONTEXT: endpoint, DOCKER_HOST: '' };
}
/**
 * The TLS the docker CLI takes from the environment (DOCKER_TLS_VERIFY, DOCKER_TLS, DOCKER_CERT_PATH) for a tcp://
 * DOCKER_HOST on the default context; undefined without it. buildx refuses to create a builder from such an
 * environment ("could not create a builder instance with TLS data loaded from environment").
 */
function envTls(env = process.env) {
    const verify = !!env.DOCKER_TLS_VERIFY;
    // a DOCKER_HOST wins over DOCKER_CONTEXT: the CLI then runs on the default context, with these TLS settings
    if (!env.DOCKER_HOST?.startsWith('tcp://') || !(verify || env.DOCKER_TLS))
        return undefined;
    // without DOCKER_CERT_PATH the docker CLI reads ca.pem, cert.pem and key.pem from its config dir (DOCKER_CONFIG)
    return { certPath: env.DOCKER_CERT_PATH || userDockerConfig(env), verify };
}
/** argv of `docker context create` holding the environment's docker host and TLS files. */
function envContextArgs(context, host, tls) {
    const file = (f) => node_path__WEBPACK_IMPORTED_MODULE_3__.join(tls.certPath, f);
    const files = { cacert: file('ca.pem'), cert: file('cert.pem'), key: file('key.pem') };
    const args = tlsContextArgs(context, host, tls.verify ? files : { cert: files.cert, key: files.key });
    if (!tls.verify)
        args[args.length - 1] += ',skip-tls-verify=true';
    return args;
}
/** The `BUILDER_NODE_<i>_AUTH_TLS_*` material setup-buildx-action users already have, for tcp:// node i (1-based). */
function tlsFromEnv(index, env) {
    const get = (what) => env[`BUILDER_NODE_${index}_AUTH_TLS_${what}`] || undefined;
    return { cacert: get('CACERT'), cert: get('CERT'), key: get('KEY') };
}
/** argv of `docker context create` for a tcp:// node with TLS material written to files. */
function tlsContextArgs(context, endpoint, files) {
    const docker = [`host=${endpoint}`];
    if (files.cacert)
        docker.push(`ca=${files.cacert}`);
    if (files.cert)
        docker.push(`cert=${files.cert}`);
    if (files.key)
        docker.push(`key=${files.key}`);
    return ['context', 'create', context, '--docker', docker.join(',')];
}
/** argv of `docker context rm` for a context made for a tcp:// node. */
function contextRemoveArgs(context) {
    return ['context', 'rm', '--force', context];
}
/**
 * A tcp:// node with BUILDER_NODE_<i>_AUTH_TLS_* material is reached through a docker context holding it: the
 * material is masked and written 0600 under `dir`. Returns the context to use as the endpoint, or undefined when
 * the node has no TLS material.
 */
async function createTlsContext(docker, context, endpoint, tls, dir) {
    if (!tls.cacert && !tls.cert && !tls.key)
        return undefined;
    await docker.run(tlsContextArgs(context, endpoint, writeTlsFiles(tls, dir)), { silent: true });
    return context;
}
/** TLS material masked and written 0600 as `<what>.pem` into a new 0700 `dir`; returns the files by kind. */
function writeTlsFiles(tls, dir) {
    node_fs__WEBPACK_IMPORTED_MODULE_1__.mkdirSync(dir, { mode: 0o700 });
    const files = {};
    for (const [what, value] of Object.entries(tls)) {
        if (!value)
            continue;
        for (const part of (0,_model_secrets_js__WEBPACK_IMPORTED_MODULE_5__/* .maskable */ .d)([value]))
            _actions_core__WEBPACK_IMPORTED_MODULE_4__/* .setSecret */ .Pq(part);
        files[what] = node_path__WEBPACK_IMPORTED_MODULE_3__.join(dir, `${what}.pem`);
        node_fs__WEBPACK_IMPORTED_MODULE_1__.writeFileSync(files[what], value, { mode: 0o600 });
    }
    return files;
}


/***/ }),

/***/ 49655:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Qd: () => (/* binding */ CommandError),
/* harmony export */   Wo: () => (/* binding */ Exec),
/* harmony export */   bD: () => (/* binding */ withRetry),
/* harmony export */   fM: () => (/* binding */ lastLine)
/* harmony export */ });
/* unused harmony exports stepped, matching */
/* harmony import */ var _actions_exec__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(41955);
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(33838);


/** A command that exited non-zero, with the last line it printed on stderr (the CLI's own reason). */
class CommandError extends Error {
    command;
    exitCode;
    stderr;
    stdout;
    constructor(command, exitCode, stderr, stdout = '') {
        super(`${command.slice(0, 3).join(' ')} failed (exit ${exitCode}): ${lastLine(stderr) || 'no error output'}`);
        this.command = command;
        this.exitCode = exitCode;
        this.stderr = stderr;
        this.stdout = stdout;
    }
}
/** The line of a failed command's stderr that says why: the last error line, else docker's own, else the last. */
function lastLine(text) {
    // the docker CLI ends a failure with a pointer to --help, and the engine may add warnings: neither says why
    const lines = text
        .trim()
        .split('\n')
        .map(l => l.trim())
        .filter(l => l && !/^Run '.+ --help' for more information$/.test(l) && !/^WARNING:/.test(l));
    return (lines.findLast(l => /^ERROR:|error/i.test(l)) ?? lines.findLast(l => /^docker: /.test(l)) ?? lines.at(-1) ?? '');
}
/** Fixed waits, the last one repeated. */
const stepped = (delays) => (attempt) => delays[Math.min(attempt - 1, delays.length - 1)] ?? 1000;
const matching = (pattern) => (stderr) => pattern.test(stderr);
const NO_RETRY = { attempts: 1, delayMs: stepped([]), retryOn: () => false };
const sleep = (ms) => new Promise(resolve => setTimeout(resolve, ms));
/**
 * Runs `attempt` under a retry policy: a failure whose reason (`reasonOf`: the stderr of a command, the status line
 * of an HTTP call) the policy retries waits and tries again, within its attempts; any other failure is thrown.
 */
async function withRetry(policy, label, attempt, reasonOf) {
    for (let n = 1;; n++) {
        try {
            return await attempt();
        }
        catch (e) {
            const reason = reasonOf(e);
            if (reason === undefined || !policy.retryOn(reason) || n >= policy.attempts)
                throw e;
            const asked = await policy.waitFor?.(reason);
            const wait = asked ?? policy.delayMs(n);
            const why = lastLine(reason) + (asked !== undefined ? ' (the registry asks to wait: Retry-After)' : '');
            if (policy.announce)
                policy.announce(why, wait, n);
            else
                _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .info */ .pq(`${label}: ${why}; retry ${n + 1}/${policy.attempts} in ${wait} ms`);
            await sleep(wait);
        }
    }
}
const Exec = {
    async run(command, args, options = {}) {
        const once = async () => {
            const result = await Exec.once(command, args, options);
            if (result.exitCode !== 0)
                throw new CommandError([command, ...args], result.exitCode, result.stderr, result.stdout);
            return result;
        };
        return withRetry(options.retry ?? NO_RETRY, `${command} ${args.slice(0, 3).join(' ')}`, once, e => e instanceof CommandError ? e.stderr : undefined);
    },
    async once(command, args, options) {
        _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .debug */ .Yz(`exec: ${command} ${args.join(' ')}`);
        return _actions_exec__WEBPACK_IMPORTED_MODULE_0__/* .getExecOutput */ .H(command, args, {
            ignoreReturnCode: true,
            silent: options.silent ?? false,
            input: options.input,
            ...(options.cwd ? { cwd: options.cwd } : {}),
            env: options.env ? { ...process.env, ...options.env } : undefined,
            listeners: options.onStderrLine ? { errline: options.onStderrLine } : undefined
        });
    }
};


/***/ }),

/***/ 76873:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Dr: () => (/* binding */ UNREACHABLE),
/* harmony export */   L6: () => (/* binding */ transientBuildFailure),
/* harmony export */   Y2: () => (/* binding */ AUTH_FAILURE),
/* harmony export */   g6: () => (/* binding */ transportReason),
/* harmony export */   h4: () => (/* binding */ diagnose),
/* harmony export */   vt: () => (/* binding */ TRANSIENT),
/* harmony export */   xB: () => (/* binding */ DiagnosedError)
/* harmony export */ });
/* unused harmony exports isTransientPushFailure, isTransientBootFailure */
/* harmony import */ var _model_platform_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3154);
/* harmony import */ var _model_versions_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(62212);
/* harmony import */ var _exec_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(49655);
/* harmony import */ var _progress_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(95749);




/**
 * What a failed command's stderr says: whether the failure passes on its own (the retry policy's question), and
 * for a failed build, what happened, on which platform or image, and the fix, as one line for one annotation.
 */
/** Network and registry errors that pass on their own: 5xx, 429, resets, refusals, timeouts. */
const TRANSIENT = /i\/o timeout|TLS handshake timeout|connection reset|connection refused|use of closed network connection|broken pipe|unexpected EOF|: EOF$|toomanyrequests|Too Many Requests|\b429\b|\b50[0234]\b|Service Unavailable|Bad Gateway|temporary failure/i;
/** Node's network error codes in the words the docker CLI prints for them, which TRANSIENT knows. */
const TRANSPORT_WORDS = {
    ECONNREFUSED: 'connection refused',
    ECONNRESET: 'connection reset',
    ETIMEDOUT: 'i/o timeout',
    UND_ERR_SOCKET: 'unexpected EOF'
};
/**
 * An HTTP call's network failure (its code, on the error or its cause) said as the CLI says it, so the one retry
 * policy reads it as it reads a command's stderr; undefined when the error carries no network failure.
 */
function transportReason(e) {
    const cause = e.cause;
    const code = cause?.code ?? e.code;
    const words = code
        ? (TRANSPORT_WORDS[code] ?? code)
        : /socket hang up/.test(cause?.message ?? '')
            ? 'connection reset'
            : undefined;
    return words ? `${e.message}: ${words}` : undefined;
}
/** Never worth a retry: the credentials are wrong, and repeating only adds to the registry's count. */
const AUTH_FAILURE = /\b(?:401|403)\b|unauthorized|denied|authentication required|insufficient_scope/i;
/** A daemon that did not answer at its address: nothing listening, TLS refused, or a name that does not resolve. */
const UNREACHABLE = /context deadline exceeded|connection refused|tls: |x509: |no such host/;
/** A build that failed only because pushing its result hit a registry error that passes: worth building again. */
function isTransientPushFailure(stderr) {
    const line = (0,_exec_js__WEBPACK_IMPORTED_MODULE_1__/* .lastLine */ .fM)(stderr);
    return (/failed to push|failed commit on ref|failed to copy/.test(line) && TRANSIENT.test(line) && !AUTH_FAILURE.test(line));
}
/**
 * A build that failed before any step because booting the builder could not pull its BuildKit image, for a
 * reason that passes: the build boots a fresh builder itself (one call fewer), so its retry covers the pull.
 */
function isTransientBootFailure(stderr) {
    const line = (0,_exec_js__WEBPACK_IMPORTED_MODULE_1__/* .lastLine */ .fM)(stderr);
    return /> \[internal\] booting buildkit:/.test(stderr) && TRANSIENT.test(line) && !AUTH_FAILURE.test(line);
}
/** What a build that is worth building again failed at, or undefined. */
function transientBuildFailure(stderr) {
    if (isTransientBootFailure(stderr))
        return 'Builder boot';
    return isTransientPushFailure(stderr) ? 'Push' : undefined;
}
/** An error already diagnosed: run.ts shows it as one annotation with its title. */
class DiagnosedError extends Error {
    title;
    constructor(title, message) {
        super(message);
        this.title = title;
    }
}
/** The step of the first line matching `pattern`, and the platform its name carries (`[linux/arm64 2/3]`). */
function failingStep(lines, pattern) {
    const hit = lines.find(l => pattern.test(l));
    const id = hit && /^#(\d+) /.exec(hit)?.[1];
    if (!id)
        return hit ? { platform: '', name: '' } : undefined;
    const name = lines.find(l => l.startsWith(`#${id} [`)) ?? '';
    const word = /^#\d+ \[(\S+)/.exec(name)?.[1] ?? '';
    let platform = '';
    try {
        platform = word.includes('/') && !/^\d+\/\d+$/.test(word) ? (0,_model_platform_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizePlatform */ .FL)(word.replace(/->.*$/, '')) : '';
    }
    catch {
        platform = '';
    }
    return { platform, name: name.replace(/^#\d+ /, '') };
}
const on = (platform, single) => platform || single || 'a platform';
const RULES = [
    lines => {
        const error = (0,_progress_js__WEBPACK_IMPORTED_MODULE_2__/* .cacheExportError */ .fY)(lines);
        return error
            ? {
                title: 'Cache export failed',
                message: `the image was built, but saving its cache failed (${error}): check the cache's registry or service, or set cache-ignore-error: true to warn instead`
            }
            : undefined;
    },
    (lines, _last, single) => {
        const step = failingStep(lines, /exec format error/);
        if (!step)
            return undefined;
        return {
            title: 'exec format error',
            message: `${on(step.platform, single)}: a binary ran on a platform it was not built for${step.name ? ` in ${step.name}` : ''} (no emulator or node for its architecture, or a binary of another platform copied into this stage): add the platform's emulator (qemu: true) or a native node, or copy the binary built for the target`
        };
    },
    (lines, last, single) => {
        if (!/no match for platform in manifest/.test(last) &&
            !lines.some(l => /no match for platform in manifest/.test(l)))
            return undefined;
        const step = failingStep(lines, /no match for platform in manifest/);
        const image = /failed to solve: (\S+?): (?:failed to resolve source metadata|no match)/.exec(last)?.[1] ??
            /load metadata for (\S+)/.exec(step?.name ?? '')?.[1] ??
            'a base image';
        return {
            title: 'Base image lacks a platform',
            message: `${image} publishes no ${step?.platform || single || 'image for one of the requested platforms'}: drop the platform, or pick a base (or tag) that publishes it; preflight: true finds this before the build`
        };
    },
    (lines, _last, single) => {
        const step = failingStep(lines, /qemu: uncaught target signal|Segmentation fault|signal 11|SIGSEGV/i);
        if (!step)
            return undefined;
        return {
            title: 'QEMU crashed',
            message: `${on(step.platform, single)}: the emulator crashed (signal 11) while running ${step.name || 'a RUN step'}: pin another qemu-image, or build the platform on a native node (input nodes) or runner (mode plan)`
        };
    },
    (_lines, last) => /\b(?:401|403)\b|unauthorized|authentication required|insufficient_scope|denied/i.test(last)
        ? {
            title: 'Registry refused the credentials',
            message: `${last.replace(/^ERROR: /, '')}: log in to the registry (docker/login-action) before this step, with push rights to the repository`
        }
        : undefined,
    (_lines, last) => {
        // a flag the action passes that this buildx predates: older than the oldest it supports
        const flag = /unknown flag: (--[\w-]+)/.exec(last)?.[1];
        return flag
            ? {
                title: 'buildx too old',
                message: `this buildx does not know ${flag}: the oldest buildx the action supports is ${_model_versions_js__WEBPACK_IMPORTED_MODULE_3__/* .OLDEST_BUILDX */ .Jz} (beside Docker 26.1); set buildx-version: latest to run the tested release for this step, or update Docker`
            }
            : undefined;
    },
    (_lines, last) => {
        // --call's requests (lint, outline, targets, subrequests) came with BuildKit 0.15 and its Dockerfile frontend
        const request = /unsupported request (frontend\.\w+|subrequests\.\w+)/.exec(last)?.[1];
        return request
            ? {
                title: "The builder's BuildKit is too old for call",
                message: `the builder's BuildKit does not know ${request}, which call needs (BuildKit 0.15 or newer): set buildkit-image to a newer BuildKit, or drop call`
            }
            : undefined;
    },
    (_lines, last) => /failed to (?:do request|resolve).*connect: connection refused/.test(last)
        ? {
            title: 'Registry unreachable',
            message: `${last.replace(/^ERROR: /, '')}: BuildKit could not reach the registry; a registry on localhost needs driver-opts network=host`
        }
        : undefined,
    (lines, last) => /No space left on device/i.test(last) || lines.some(l => /No space left on device/i.test(l))
        ? {
            title: 'Out of disk',
            message: `${last.replace(/^ERROR: /, '')}: the runner is out of disk; free space or prune the builder cache`
        }
        : undefined,
    (_lines, last) => /booting buildkit|failed to (?:boot|bootstrap)|error while booting/i.test(last)
        ? {
            title: 'Builder did not start',
            message: `${last.replace(/^ERROR: /, '')}: check that buildkit-image can be pulled and driver-opts are right`
        }
        : undefined
];
/** The diagnosis of a failed build, or undefined when the failure is the build's own (a failing RUN). */
function diagnose(stderr, platforms) {
    const lines = stderr.split('\n');
    const last = (0,_exec_js__WEBPACK_IMPORTED_MODULE_1__/* .lastLine */ .fM)(stderr);
    const single = platforms.length === 1 ? platforms[0] : '';
    for (const rule of RULES) {
        const d = rule(lines, last, single);
        if (d)
            return d;
    }
    return undefined;
}


/***/ }),

/***/ 49990:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F7: () => (/* binding */ readImageStore),
/* harmony export */   eM: () => (/* binding */ readIndexServer)
/* harmony export */ });
/* unused harmony exports imageStoreArgs, parseImageStore */
/** argv of the one `docker info` read: the storage driver's status pairs. */
function imageStoreArgs() {
    return ['info', '--format', '{{json .DriverStatus}}'];
}
/**
 * The image store from `docker info`'s DriverStatus: the containerd image store reports the snapshotter as its
 * `driver-type` (`io.containerd.snapshotter.v1`); the classic store (overlay2, vfs, …) has no such pair.
 */
function parseImageStore(stdout) {
    let pairs;
    try {
        pairs = JSON.parse(stdout.trim() || 'null');
    }
    catch {
        return 'classic';
    }
    const containerd = Array.isArray(pairs) &&
        pairs.some(p => Array.isArray(p) && p[0] === 'driver-type' && String(p[1]).startsWith('io.containerd.snapshotter'));
    return containerd ? 'containerd' : 'classic';
}
async function readImageStore(docker) {
    const { stdout } = await docker.run(imageStoreArgs(), { silent: true });
    return parseImageStore(stdout);
}
/**
 * The engine's default registry (`IndexServerAddress`, the key `docker login` stores its credentials under): read
 * from the engine rather than written here, for the references that name no registry.
 */
async function readIndexServer(docker) {
    const { stdout } = await docker.run(['info', '--format', '{{.IndexServerAddress}}'], { silent: true });
    return stdout.trim();
}


/***/ }),

/***/ 95749:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   fY: () => (/* binding */ cacheExportError),
/* harmony export */   wR: () => (/* binding */ whenBooted),
/* harmony export */   zN: () => (/* binding */ parseCacheUsage)
/* harmony export */ });
/* harmony import */ var _model_platform_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3154);

const STEP_NAME = /^#(\d+) \[([^\]]+)\] (\S+)/;
const STEP_STATUS = /^#(\d+) (CACHED|DONE|ERROR)\b/;
/**
 * Counts, per platform, the Dockerfile steps (RUN, COPY, ADD, …; FROM is only a lookup) that BuildKit's plain
 * progress marked CACHED. Step names carry `[<platform> [stage] i/n]` in multi-platform builds and `[[stage] i/n]`
 * in single-platform ones; a step without a platform counts for every requested platform. A cross stage
 * (`linux/amd64->arm64`) counts for its target.
 */
function parseCacheUsage(lines, platforms) {
    const stepPlatforms = new Map();
    const status = new Map();
    for (const line of lines) {
        const named = STEP_NAME.exec(line);
        if (named && !stepPlatforms.has(named[1])) {
            const [, id, bracket, instruction] = named;
            const words = bracket.split(' ');
            if (!/^\d+\/\d+$/.test(words[words.length - 1]) || instruction === 'FROM')
                continue;
            const first = words.length > 1 && words[0].includes('/') ? words[0] : '';
            stepPlatforms.set(id, first ? [stepTarget(first)] : platforms);
            continue;
        }
        const state = STEP_STATUS.exec(line);
        if (state && stepPlatforms.has(state[1]))
            status.set(state[1], state[2]);
    }
    const usage = new Map(platforms.map(p => [p, { cached: 0, steps: 0 }]));
    for (const [id, list] of stepPlatforms) {
        for (const p of list) {
            const u = usage.get(p) ?? { cached: 0, steps: 0 };
            u.steps++;
            if (status.get(id) === 'CACHED')
                u.cached++;
            usage.set(p, u);
        }
    }
    return usage;
}
/** `linux/amd64->arm64` → `linux/arm64`; a plain platform as it is. */
function stepTarget(word) {
    const arrow = word.indexOf('->');
    if (arrow < 0)
        return (0,_model_platform_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizePlatform */ .FL)(word);
    return (0,_model_platform_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizePlatform */ .FL)(`${word.split('/')[0]}/${word.slice(arrow + 2)}`);
}
/** The error of a cache export that failed (and was ignored, or the build would have failed), or ''. */
function cacheExportError(lines) {
    const exporting = new Set();
    for (const line of lines) {
        const named = /^#(\d+) exporting cache\b/.exec(line);
        if (named)
            exporting.add(named[1]);
        const error = /^#(\d+) ERROR: (.*)$/.exec(line);
        if (error && exporting.has(error[1]))
            return error[2];
    }
    return '';
}
/**
 * Calls `then` once buildx's progress shows the builder is up: at the first step after `booting buildkit`,
 * or at the first step at all when the builder was already running.
 */
function whenBooted(then) {
    let bootStep = '';
    // bake reads its definition (#1) before the boot: a step of the client's, not of the builder
    let definitionStep = '';
    let done = false;
    return line => {
        const step = /^#(\d+) /.exec(line)?.[1];
        if (done || !step || step === '0')
            return; // #0 is buildx's "building with … instance" header
        if (line.includes('booting buildkit'))
            bootStep = step;
        else if (line.includes('load local bake definitions'))
            definitionStep = step;
        else if (step !== bootStep && step !== definitionStep) {
            done = true;
            then();
        }
    };
}


/***/ }),

/***/ 26298:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D1: () => (/* binding */ networkRetry),
/* harmony export */   SW: () => (/* binding */ registryRetry),
/* harmony export */   _s: () => (/* binding */ readBackRetry)
/* harmony export */ });
/* unused harmony exports backoffMs, parseRetryAfter, registryOrigin, retryAfterFromRegistry */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33838);
/* harmony import */ var _exec_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(49655);
/* harmony import */ var _failures_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76873);



/** Exponential backoff with jitter: base · 2^(attempt-1), scaled by 0.5–1 so parallel jobs spread out. */
function backoffMs(attempt, baseMs, random = Math.random) {
    return Math.round(baseMs * 2 ** (attempt - 1) * (0.5 + random() / 2));
}
/** `Retry-After` as seconds or an HTTP date → milliseconds from `now` (never negative); undefined when unreadable. */
function parseRetryAfter(value, now = Date.now()) {
    if (!value)
        return undefined;
    if (/^\d+$/.test(value.trim()))
        return Number(value.trim()) * 1000;
    const at = Date.parse(value);
    return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
/** The registry origin a CLI error names (`… PUT request to http://host:5000/v2/…: 429 …`), or ''. */
function registryOrigin(stderr) {
    const url = /(https?:\/\/[^/\s"']+)\/v2\//.exec((0,_exec_js__WEBPACK_IMPORTED_MODULE_1__/* .lastLine */ .fM)(stderr))?.[1];
    return url ?? '';
}
const MAX_RETRY_AFTER_MS = 300_000;
/**
 * For a 429, asks the registry how long to wait: a rate-limited client gets 429 on every request, so a GET of
 * `/v2/` returns the same Retry-After the failed request did. Capped at 5 minutes; undefined when not a 429 or
 * the registry no longer limits (then the usual backoff applies).
 */
async function retryAfterFromRegistry(stderr) {
    if (!/\b429\b|Too Many Requests|toomanyrequests/i.test((0,_exec_js__WEBPACK_IMPORTED_MODULE_1__/* .lastLine */ .fM)(stderr)))
        return undefined;
    const origin = registryOrigin(stderr);
    if (!origin)
        return undefined;
    try {
        const res = await fetch(`${origin}/v2/`, { signal: AbortSignal.timeout(5000) });
        await res.body?.cancel();
        if (res.status !== 429)
            return undefined;
        const ms = parseRetryAfter(res.headers.get('Retry-After'));
        return ms === undefined ? undefined : Math.min(ms, MAX_RETRY_AFTER_MS);
    }
    catch {
        return undefined;
    }
}
/** A registry policy: the budget's attempts and backoff, `retryOn` to pick the failures, 429s as the registry asks. */
function registryRetry(budget, retryOn, announce) {
    return {
        attempts: budget.retries + 1,
        delayMs: attempt => backoffMs(attempt, budget.backoffMs),
        retryOn: stderr => retryOn(stderr) && !_failures_js__WEBPACK_IMPORTED_MODULE_2__/* .AUTH_FAILURE */ .Y2.test((0,_exec_js__WEBPACK_IMPORTED_MODULE_1__/* .lastLine */ .fM)(stderr)),
        waitFor: retryAfterFromRegistry,
        announce: announce ??
            ((reason, wait, attempt) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`${reason}; retry ${attempt}/${budget.retries} in ${(wait / 1000).toFixed(1)} s`))
    };
}
/** Registry reads and writes outside the build: transient errors only. */
const networkRetry = (budget) => registryRetry(budget, stderr => _failures_js__WEBPACK_IMPORTED_MODULE_2__/* .TRANSIENT */ .vt.test(stderr));
/** Reads of what was just pushed: also MANIFEST_UNKNOWN / not found, which a registry may answer for a moment. */
const readBackRetry = (budget) => registryRetry(budget, stderr => _failures_js__WEBPACK_IMPORTED_MODULE_2__/* .TRANSIENT */ .vt.test(stderr) || /not found|MANIFEST_UNKNOWN/i.test(stderr));


/***/ }),

/***/ 15238:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  i: () => (/* binding */ main)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(33838);
// EXTERNAL MODULE: ./src/docker/cli.ts
var cli = __webpack_require__(81670);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: ./src/model/platform.ts
var model_platform = __webpack_require__(3154);
// EXTERNAL MODULE: ./src/model/reference.ts
var reference = __webpack_require__(86676);
// EXTERNAL MODULE: ./src/model/runtime.ts
var runtime = __webpack_require__(12997);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
;// CONCATENATED MODULE: ./src/inputs/context.ts


/**
 * The build context. build-push-action's default is the Git context of the commit, so a job with no checkout
 * builds; this action's default stays `.` where the workspace holds a checkout (or a Dockerfile at hand), and is the
 * Git context, `<server>/<owner>/<repo>.git#<ref>`, only where there is none. `{{ defaultContext }}` (and
 * `{{ defaultContext }}:subdir`) resolve as build-push-action resolves them.
 */
function resolveContext(context, file, inputEnv) {
    const { GITHUB_WORKSPACE, GITHUB_REPOSITORY, GITHUB_REF, GITHUB_SHA } = inputEnv.env;
    const git = `${(0,runtime/* serverUrl */.Vd)(inputEnv.env)}/${GITHUB_REPOSITORY}.git#${GITHUB_REF || GITHUB_SHA || ''}`;
    // `{{ defaultContext }}` names the commit's Git context, `{{ defaultContext }}:subdir` a folder of it
    const named = /^\{\{ *defaultContext *\}\}(?::(.+))?$/.exec(context);
    if (named && GITHUB_REPOSITORY)
        return named[1] ? `${git}:${named[1]}` : git.replace(/#$/, '');
    if (context !== '.' || file || !GITHUB_WORKSPACE || !GITHUB_REPOSITORY)
        return context;
    if (inputEnv.exists(external_node_path_.join(GITHUB_WORKSPACE, '.git')) || inputEnv.exists('Dockerfile'))
        return context;
    return git.replace(/#$/, '');
}

;// CONCATENATED MODULE: ./src/inputs/errors.ts


/** A bad input: `input` names it, and the message says what is wrong and how to fix it. */
class InputError extends Error {
    input;
    constructor(input, message) {
        super(message);
        this.input = input;
    }
}
/** Runs a model parser on an input's value, turning its error into an InputError that names the input. */
function forInput(input, parse) {
    try {
        return parse();
    }
    catch (e) {
        if (e instanceof model_platform/* PlatformError */.Wk || e instanceof reference/* ImageRefError */.z0)
            throw new InputError(input, `Input ${input}: ${e.message}`);
        throw e;
    }
}

;// CONCATENATED MODULE: ./src/inputs/list.ts

/** How one input's text becomes values: lists, booleans, choices. */
/**
 * Splits a list input on newlines (and commas when `commas`), dropping blanks and `#` comments.
 * An item that starts with `"` runs to its closing quote, newlines and commas included, with `""` for a
 * quote inside: the CSV rule build-push-action's lists follow, so a multi-line build-arg reads the same.
 */
function parseList(name, text, commas) {
    const items = [];
    const isSeparator = (c) => c === '\n' || (commas && c === ',');
    let i = 0;
    while (i <= text.length) {
        while (i < text.length && /[ \t\r]/.test(text[i]))
            i++;
        if (text[i] === '"') {
            const [value, end] = readQuoted(name, text, i + 1);
            i = end;
            while (i < text.length && !isSeparator(text[i]))
                i++;
            // text after the closing quote stays part of the item, as CSV's relaxed quotes keep it
            items.push(value + text.slice(end, i).trimEnd());
        }
        else {
            const start = i;
            while (i < text.length && !isSeparator(text[i]))
                i++;
            const item = text.slice(start, i).trim();
            if (item !== '' && !item.startsWith('#'))
                items.push(item);
        }
        i++;
    }
    return items;
}
/** The text of a quoted item starting after its opening quote, and the index after its closing quote. */
function readQuoted(name, text, from) {
    let value = '';
    for (let i = from; i < text.length; i++) {
        if (text[i] !== '"')
            value += text[i];
        else if (text[i + 1] === '"')
            value += text[i++];
        else
            return [value, i + 1];
    }
    // the value is not shown: the item may be a secret
    throw new InputError(name, `Input ${name}: a quoted entry has no closing quote; end it with " (and write "" for a quote inside)`);
}
function parseBool(name, value) {
    if (['true', 'True', 'TRUE'].includes(value))
        return true;
    if (['false', 'False', 'FALSE'].includes(value))
        return false;
    throw new InputError(name, `Input ${name} must be true or false, not "${value}"`);
}
function readEnum(name, value, allowed) {
    if (allowed.includes(value))
        return value;
    throw new InputError(name, `Input ${name} must be one of ${allowed.join(', ')}, not "${value}"`);
}

;// CONCATENATED MODULE: ./src/inputs/bake.ts



/**
 * bake-action's inputs (`source`, `files`, `workdir`, `targets`, `set`). The source follows the build mode's rule
 * for the context: the local files where the workspace holds a checkout, the commit's Git context where it has
 * none (bake-action's default is always the Git context); `{{defaultContext}}` names that Git context, `.` the
 * local files.
 */
/** The files bake reads when none is given (buildx's list). */
const DEFAULT_FILES = [
    'compose.yaml',
    'compose.yml',
    'docker-compose.yml',
    'docker-compose.yaml',
    'docker-bake.json',
    'docker-bake.hcl',
    'docker-bake.override.json',
    'docker-bake.override.hcl'
];
/**
 * Whether the step's images come from a bake definition: `mode: bake`, or a matrix mode (plan, platform, merge)
 * given a definition's inputs (`files`, `targets`, `source`).
 */
function bakes(read, mode) {
    if (mode === 'bake')
        return true;
    const given = read.get('files') || read.get('targets') || read.get('source');
    return !!given && (mode === 'plan' || mode === 'platform' || mode === 'merge');
}
function readBakeInputs(read, baking, inputEnv) {
    const none = { given: false, source: '', files: [], workdir: '.', targets: [], set: [] };
    if (!baking)
        return none;
    const given = read.get('source');
    const workdir = read.get('workdir') || '.';
    if (!inputEnv.isDirectory(workdir))
        throw new InputError('workdir', `Input workdir: ${workdir} is not a directory; check out the repository first`);
    const files = parseList('files', read.raw('files'), true);
    const gitContext = resolveContext('.', '', { ...inputEnv, exists: () => false });
    // a definition at hand (a file given, or one of bake's default names in workdir) is a checkout's
    const local = [...files.filter(f => !f.startsWith('cwd://')), ...DEFAULT_FILES]
        .map(f => (f.startsWith('/') ? f : `${workdir}/${f}`))
        .some(f => inputEnv.exists(f));
    const defaultSource = local ? '.' : resolveContext('.', '', inputEnv);
    const source = /^\{\{ *defaultContext *\}\}$/.test(given) ? gitContext : given || defaultSource;
    return {
        given: true,
        source: source === '.' ? '' : source,
        files,
        workdir,
        targets: parseList('targets', read.raw('targets'), true),
        // newlines only: a platform list in one override holds commas
        set: parseList('set', read.raw('set'), false)
    };
}
/**
 * What a bake step refuses of the build inputs, before anything runs: what the definition itself says (a leg's one
 * platform aside), and the caches bake cannot scope per target.
 */
function checkBakeInputs(read, mode, c) {
    const refused = mode === 'platform' ? ['tags'] : ['platforms', 'tags'];
    for (const name of refused.filter(n => read.get(n))) {
        throw new InputError(name, `Input ${name} is for the build modes: with a bake definition the definition names them; override with set: *.${name === 'tags' ? 'tags' : 'platform'}=…`);
    }
    if (mode === 'platform' && (c.platforms.length !== 1 || c.load || c.outputs.length))
        throw new InputError('platforms', 'A bake leg (mode platform) builds one platform of one target, pushed by digest: set platforms: ${{ matrix.platform }} and targets: ${{ matrix.target }}, no load or outputs');
    if (mode === 'merge' && c.handoff === 'none')
        throw new InputError('handoff', "A bake merge finds each target's legs by their handoff: set handoff artifact or registry");
    if (c.cache.backend === 'local' || c.cache.backend === 'inline')
        throw new InputError('cache', `Input cache: ${c.cache.backend} is not available with a bake definition: use gha (auto, where the Actions cache service is), registry with cache-ref, or the targets' own cache-from/cache-to`);
}

;// CONCATENATED MODULE: ./src/inputs/cache.ts



const BACKENDS = ['auto', 'gha', 'registry', 'local', 'inline', 'none'];
/**
 * Reads the cache inputs into a CacheConfig. auto = gha where the Actions cache service is reachable, else registry
 * when the step pushes an image, else none. Throws InputError (naming the input, the value and the fix).
 */
function readCache(inputs, ctx) {
    if (!BACKENDS.includes(inputs.cache))
        throw new InputError('cache', `Input cache must be one of ${BACKENDS.join(', ')}, not "${inputs.cache}"`);
    if (!['', 'max', 'min'].includes(inputs.mode))
        throw new InputError('cache-mode', `Input cache-mode must be max or min, not "${inputs.mode}"`);
    if (inputs.scope && !/^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/.test(inputs.scope)) {
        throw new InputError('cache-scope', `Input cache-scope: "${inputs.scope}" must be up to 80 of letters, digits and . _ - (it becomes part of cache keys)`);
    }
    const requested = inputs.cache;
    const backend = requested === 'auto' ? autoBackend(ctx) : requested;
    const config = {
        backend,
        requested,
        mode: (inputs.mode || (backend === 'inline' ? 'min' : 'max')),
        scope: inputs.scope,
        ref: '',
        ignoreError: inputs.ignoreError,
        ghaApi: (0,runtime/* ghaApiVersion */.R2)(ctx.env),
        serviceMode: (0,runtime/* cacheServiceMode */.PI)(ctx.env)
    };
    // auto keeps the registry ref at hand: an auto gha cache falls back to it when buildx is too old (modes/cache-setup.ts)
    if (backend === 'registry')
        config.ref = registryRef(inputs.ref, ctx.image);
    else if (inputs.ref)
        throw new InputError('cache-ref', `Input cache-ref is for cache: registry, and cache is ${backend}`);
    if ((backend === 'gha' || backend === 'local') && !(0,runtime/* hasCacheRuntime */.fb)(ctx.env)) {
        throw new InputError('cache', `Input cache: ${backend} needs the Actions cache service (ACTIONS_RUNTIME_TOKEN with ACTIONS_CACHE_URL or ACTIONS_RESULTS_URL), which this step lacks; use cache: registry`);
    }
    if (backend === 'inline') {
        if (!ctx.push || !ctx.firstTag)
            throw new InputError('cache', 'Input cache: inline stores the cache in the pushed image: set push with tags');
        if (inputs.mode === 'max')
            throw new InputError('cache', 'Input cache: inline holds only the final stage, so cache-mode max cannot apply; drop cache-mode or use cache: registry');
        config.ref = ctx.firstTag;
    }
    return config;
}
/**
 * auto: the GitHub cache where the runner offers it, else none: nothing is written to the user's registry unless
 * asked (cache: registry), and raw cache-from/cache-to mean the user's own layout, so nothing is generated.
 */
function autoBackend(ctx) {
    // the job may not use the Actions cache at all: auto falls through to none
    if (ctx.raw || (0,runtime/* cacheServiceMode */.PI)(ctx.env) === 'none')
        return 'none';
    return (0,runtime/* hasCacheRuntime */.fb)(ctx.env) ? 'gha' : 'none';
}
/** The registry cache's base ref: `cache-ref`, else `<first image>:buildcache`. */
function registryRef(ref, image) {
    if (!ref) {
        if (!image)
            throw new InputError('cache', 'Input cache: registry needs a place: set cache-ref (e.g. <registry>/owner/app:buildcache)');
        return `${image}:buildcache`;
    }
    let parsed;
    try {
        parsed = (0,reference/* parseReference */.F2)(ref);
    }
    catch (e) {
        throw new InputError('cache-ref', `Input cache-ref: ${e instanceof reference/* ImageRefError */.z0 ? e.message : String(e)}`);
    }
    if (parsed.digest)
        throw new InputError('cache-ref', `Input cache-ref: "${ref}" holds a digest; give a tag the cache is written to`);
    return parsed.tag ? ref : `${ref}:buildcache`;
}

// EXTERNAL MODULE: ./src/model/outputs.ts
var model_outputs = __webpack_require__(36099);
;// CONCATENATED MODULE: ./src/inputs/names.ts
/** The action's inputs as action.yml declares them: their names and defaults (the contract test keeps them equal). */
/** Defaults, shared with action.yml (the contract test keeps the two equal); an expression default (`${{ github.token }}`) is the runner's to fill in, so it is not here. */
const DEFAULTS = {
    mode: 'build',
    handoff: 'auto',
    'allow-partial': 'false',
    context: '.',
    driver: 'docker-container',
    'buildkit-image': 'moby/buildkit:v0.29.0',
    'buildkitd-flags': '--allow-insecure-entitlement security.insecure --allow-insecure-entitlement network.host',
    qemu: 'auto',
    'qemu-image': 'tonistiigi/binfmt:qemu-v10.2.3-68',
    'buildx-version': 'auto',
    'buildx-url': 'https://github.com/docker/buildx/releases/download',
    cache: 'auto',
    'cache-ignore-error': 'true',
    load: 'false',
    'no-cache': 'false',
    pull: 'false',
    verify: 'true',
    'node-fallback': 'fail',
    preflight: 'true',
    'smoke-timeout': '120',
    retries: '3',
    'retry-backoff': '2',
    cleanup: 'true',
    use: 'true',
    workdir: '.',
    sign: 'false',
    'sign-scope': 'index',
    attest: 'none'
};
/** Every input the action reads, in action.yml order. */
const INPUT_NAMES = (/* unused pure expression or super */ null && ([
    'mode',
    'platforms',
    'context',
    'file',
    'tags',
    'images',
    'labels',
    'annotations',
    'build-args',
    'target',
    'push',
    'load',
    'outputs',
    'no-cache',
    'pull',
    'provenance',
    'sbom',
    'secrets',
    'secret-files',
    'secret-envs',
    'ssh',
    'cache-from',
    'cache-to',
    'cache',
    'cache-mode',
    'cache-scope',
    'cache-ref',
    'cache-ignore-error',
    'add-hosts',
    'allow',
    'attests',
    'build-contexts',
    'call',
    'cgroup-parent',
    'network',
    'no-cache-filters',
    'shm-size',
    'ulimit',
    'github-token',
    'builder',
    'driver',
    'endpoint',
    'buildkit-image',
    'driver-opts',
    'buildkitd-flags',
    'buildkitd-config',
    'buildkitd-config-inline',
    'buildx-version',
    'buildx-url',
    'qemu',
    'qemu-image',
    'verify',
    'cleanup',
    'use',
    'source',
    'files',
    'workdir',
    'targets',
    'set',
    'handoff',
    'digests',
    'allow-partial',
    'digest',
    'runner-map',
    'nodes',
    'node-fallback',
    'preflight',
    'smoke',
    'smoke-timeout',
    'retries',
    'retry-backoff',
    'ssh-private-key',
    'ssh-known-hosts',
    'sign',
    'sign-key',
    'sign-scope',
    'attest',
    'fulcio-url',
    'rekor-url',
    'tsa-url',
    'trusted-root'
]));

;// CONCATENATED MODULE: ./src/inputs/checks.ts





/** Checks across inputs: combinations that cannot work, each refused with the inputs it names and the fix. */
function checkOutputChoice(c) {
    const conflict = (0,model_outputs/* pushLoadConflict */.JX)(c.outputs, c.push, c.load);
    if (conflict) {
        throw new InputError('outputs', `Inputs outputs and push/load conflict: ${conflict}; use an image output (type=image or registry) with push, or drop push/load`);
    }
    if (c.tags.length && c.images.length) {
        throw new InputError('tags', 'Inputs tags and images conflict: use tags to push tagged refs, or images to push by digest');
    }
    if (c.push && !c.tags.length && !c.images.length && !(0,model_outputs/* pushedOutput */.D9)(c.outputs, true)) {
        throw new InputError('push', 'Input push needs a name: set tags (e.g. <registry>/owner/app:1.2) or images (push by digest)');
    }
    if (c.images.length && !c.push && !c.leg)
        throw new InputError('images', 'Input images pushes by digest: set push to true');
    // load with no tags loads the image untagged, as buildx does: its imageid output names it
}
/** A `platform` leg builds one platform and pushes it where the merge job will find it. */
function checkPlatformLeg(c) {
    if (c.platforms.length !== 1) {
        throw new InputError('mode', `Mode platform builds one platform per leg, not ${c.platforms.length}: use mode plan for the matrix, or mode build`);
    }
    if (c.load || c.outputs.length)
        throw new InputError('mode', 'Mode platform pushes by digest: drop load and outputs');
    if (c.handoff === 'registry' && !c.tags.length) {
        throw new InputError('mode', 'Mode platform with handoff registry needs tags: the leg pushes <tag>-<os>-<arch> for the merge');
    }
    if (!c.tags.length && !c.images.length)
        throw new InputError('tags', 'Mode platform needs tags or images: the names to push to');
}
/** Nodes join a builder the action creates; ssh:// ones need a key and pinned host keys (no trust on first use). */
function checkNodes(c) {
    if (!c.nodes.length)
        return;
    if (c.driver !== 'docker-container' || c.builder) {
        throw new InputError('nodes', 'Input nodes needs driver docker-container and no builder: the action appends the nodes to a builder it creates');
    }
    const ssh = c.nodes.filter(n => n.kind === 'ssh');
    if (ssh.length && !c.sshKnownHosts.trim()) {
        throw new InputError('nodes', `Input nodes: ${ssh[0].name} (${ssh[0].endpoint}) is reached over ssh, so ssh-known-hosts is required: pin the host key (ssh-keyscan it once, store it as a variable)`);
    }
    if (ssh.length && !/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(c.sshPrivateKey)) {
        throw new InputError('nodes', `Input nodes: ${ssh[0].name} is reached over ssh, so ssh-private-key must hold a private key (from a secret)`);
    }
}
function checkMerge(c) {
    if (!c.tags.length)
        throw new InputError('tags', 'Mode merge needs tags: the references the index is pushed to');
    if (c.handoff === 'none' && !c.digests) {
        throw new InputError('mode', 'Mode merge has nothing to merge: set handoff registry, or list the legs in digests (platform=sha256:…)');
    }
}
/**
 * driver remote reaches a running buildkitd at `endpoint`; docker-container and kubernetes take it as
 * setup-buildx-action does (a docker context or docker host for node 0's container), and buildx judges it.
 */
function checkEndpoint(c) {
    if (c.driver === 'remote' && !/^(?:tcp|unix|ssh|docker-container|kube-pod):\/\/\S+$/.test(c.endpoint)) {
        throw new InputError('endpoint', `Input endpoint: driver remote needs the buildkitd address, e.g. tcp://buildkitd:1234, not "${c.endpoint}"`);
    }
    if (/\s/.test(c.endpoint))
        throw new InputError('endpoint', `Input endpoint: "${c.endpoint}" holds a space`);
    const own = c.setup.filter(s => s !== 'driver-opts');
    if (c.driver === 'remote' && own.length) {
        throw new InputError(own[0], `Input ${own.join(', ')} needs a builder the action runs: driver remote reaches a buildkitd that runs with its own image and flags`);
    }
}
function checkBuilderChoice(c) {
    if (c.builder && !/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(c.builder)) {
        throw new InputError('builder', `Input builder: "${c.builder}" is not a builder name (letters, digits, _ . -)`);
    }
    const setup = [
        c.driverOpts.length ? 'driver-opts' : '',
        c.buildkitdConfig ? 'buildkitd-config' : '',
        c.buildkitdConfigInline.trim() ? 'buildkitd-config-inline' : '',
        c.buildkitImage !== DEFAULTS['buildkit-image'] ? 'buildkit-image' : '',
        c.buildkitdFlags !== DEFAULTS['buildkitd-flags'] ? 'buildkitd-flags' : ''
    ].filter(Boolean);
    if (c.builder && setup.length) {
        throw new InputError('builder', `Inputs builder and ${setup.join(', ')} conflict: an existing builder keeps its own setup; drop builder to let the action create one`);
    }
    if (c.builder && c.endpoint) {
        throw new InputError('builder', 'Inputs builder and endpoint conflict: builder names one that exists, endpoint is where the action creates one; keep one');
    }
    checkEndpoint({ ...c, setup });
    if (c.driver === 'docker' && setup.length) {
        throw new InputError(setup[0], `Input ${setup.join(', ')} needs driver docker-container: the docker driver uses the engine's built-in BuildKit`);
    }
    if (c.driver === 'docker' && c.builder) {
        throw new InputError('driver', 'Inputs driver: docker and builder conflict: the docker driver always uses the engine builder');
    }
}
/**
 * Images the action runs should name a fixed version: `latest` or no tag can change under a release. Taken as the
 * docker actions take it, with a warning naming the pinned default.
 */
function checkPinned(name, image, warnings) {
    const ref = forInput(name, () => (0,reference/* parseReference */.F2)(image));
    if (!ref.digest && (!ref.tag || ref.tag === 'latest')) {
        warnings.push(`Input ${name}: ${image} is not pinned, so a new release can change the build under you; pin a version, e.g. ${DEFAULTS[name]}`);
    }
}
const REMOTE_CONTEXT = /^(?:https?:\/\/|git@|github\.com\/|git:\/\/|-$)/;
/** A local context must be a directory holding the Dockerfile (anywhere: the checkout, or files made under RUNNER_TEMP). */
function checkContext(context, file, inputEnv) {
    const remote = REMOTE_CONTEXT.test(context);
    if (!remote && !inputEnv.isDirectory(context)) {
        throw new InputError('context', `Input context: ${context} is not a directory; check out the repository first or fix the path`);
    }
    if (file && file !== '-' && !remote && !inputEnv.exists(file)) {
        throw new InputError('file', `Input file: ${file} does not exist; give the Dockerfile's path from the working directory`);
    }
    if (!file && !remote && !inputEnv.exists(external_node_path_.join(context, 'Dockerfile'))) {
        throw new InputError('file', `No Dockerfile in ${context}: add one or set the file input`);
    }
}
/**
 * Builds need a Linux runner with Docker (a macOS runner has no engine, a Windows one builds Windows images): one
 * clear line before anything runs. mode plan only computes the matrix, so it runs anywhere.
 */
function checkRunnerOs(mode, os) {
    if (mode === 'plan' || os === 'linux')
        return;
    throw new InputError('mode', `Mode ${mode} needs a Linux runner with Docker, and this one is ${os}: run the step on ubuntu-24.04 (or a self-hosted Linux runner); mode plan runs anywhere`);
}
/** buildkitd-config names a file an earlier step wrote or the checkout holds. */
function checkBuildkitdConfig(file, inputEnv) {
    if (file && !inputEnv.exists(file)) {
        throw new InputError('buildkitd-config', `Input buildkitd-config: ${file} does not exist; give the buildkitd.toml's path, or put its text in buildkitd-config-inline`);
    }
}
/** verify mode checks tags against platforms, and against `digest` when one is given. */
function checkVerify(tags, expectDigest) {
    if (!tags.length)
        throw new InputError('tags', 'Mode verify needs tags: the references to check against platforms');
    if (expectDigest && !/^sha256:[0-9a-f]{64}$/.test(expectDigest)) {
        throw new InputError('digest', `Input digest: "${expectDigest}" is not sha256: followed by 64 lowercase hex digits`);
    }
}

// EXTERNAL MODULE: ./src/model/versions.ts
var versions = __webpack_require__(62212);
;// CONCATENATED MODULE: ./src/inputs/fields.ts





/** Inputs whose value has a grammar of its own: platforms, references, KEY=value lists, attestations, numbers. */
/**
 * buildx-version: auto, latest (setup-buildx-action's word; here the release this action is tested with) or a
 * release like 0.36.0 / v0.36.0; buildx-url: an http(s) base of the release layout.
 */
function readBuildx(given, url, warnings) {
    let version = given;
    if (version === 'latest') {
        warnings.push(`Input buildx-version: latest is taken as ${versions/* PINNED_BUILDX */.MR}, the release this action is tested with; pin a release to choose another`);
        version = versions/* PINNED_BUILDX */.MR;
    }
    if (version !== 'auto' && !(0,versions/* parseVersion */.ot)(version)) {
        throw new InputError('buildx-version', `Input buildx-version must be auto, latest or a release such as 0.36.0, not "${version}"`);
    }
    if (!/^https?:\/\/[^\s/]+/.test(url)) {
        throw new InputError('buildx-url', `Input buildx-url must be an http(s) URL of the release downloads, not "${url}"`);
    }
    return { buildxVersion: version === 'auto' ? version : version.replace(/^v/, ''), buildxUrl: url.replace(/\/+$/, '') };
}
function readRetry(retries, backoff) {
    const n = Number(retries);
    if (!/^\d+$/.test(retries) || n > 10)
        throw new InputError('retries', `Input retries must be a whole number from 0 to 10, not "${retries}"`);
    const seconds = Number(backoff);
    if (!/^\d+(\.\d+)?$/.test(backoff) || seconds <= 0 || seconds > 60) {
        throw new InputError('retry-backoff', `Input retry-backoff must be seconds above 0 and at most 60, not "${backoff}"`);
    }
    return { retries: n, retryBackoffMs: seconds * 1000 };
}
/** The platforms; empty is allowed where `optional` (build mode builds the builder's own platform, as buildx). */
function readPlatforms(text, optional) {
    const items = parseList('platforms', text, true);
    if (items.length === 0 && optional)
        return [];
    if (items.length === 0) {
        throw new InputError('platforms', 'Input platforms is required: list the target platforms, e.g. linux/amd64,linux/arm64');
    }
    return forInput('platforms', () => (0,model_platform/* parsePlatformList */.VX)(items));
}
/** `tags` are full references with a tag (as in build-push-action); `images` are names that get pushed by digest. */
function readReferences(input, items, kind) {
    for (const item of items) {
        const ref = forInput(input, () => (0,reference/* parseReference */.F2)(item));
        if (ref.digest)
            throw new InputError(input, `Input ${input}: "${item}" holds a digest; the digest comes from the build`);
        if (kind === 'name' && ref.tag) {
            throw new InputError('images', `Input images: "${item}" has a tag; images are names without a tag (put tagged refs in tags)`);
        }
    }
    const dup = items.find((t, i) => items.indexOf(t) !== i);
    if (dup)
        throw new InputError(input, `Input ${input}: "${dup}" is listed twice; list each once`);
    return items;
}
/**
 * `KEY=value` lines, as buildx takes them: a later line for a key wins (a map), and where `bare` (build-args) a
 * name alone takes its value from the environment, as docker does.
 */
function readKeyValues(name, text, bare = false) {
    const items = parseList(name, text, false);
    for (const item of items) {
        const eq = item.indexOf('=');
        if (eq === 0 || (eq < 0 && !(bare && /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(item))))
            throw new InputError(name, `Input ${name}: "${item}" is not KEY=value; write one KEY=value per line`);
    }
    return items;
}
const ANNOTATION_LEVELS = /^(?:(?:index|manifest|index-descriptor|manifest-descriptor)(?:\[[^\]]+\])?:)?[^=:\s]+=/;
/** Annotations: `key=value` or `level[platform]:key=value`, with level index, manifest or *-descriptor. */
function readAnnotations(text) {
    const items = parseList('annotations', text, false);
    for (const item of items) {
        if (!ANNOTATION_LEVELS.test(item)) {
            throw new InputError('annotations', `Input annotations: "${item}" is not [level:]key=value (level: index, manifest, index-descriptor, manifest-descriptor)`);
        }
    }
    return items;
}
/** provenance / sbom: true, false, or buildx's attribute list (e.g. mode=max). Empty keeps buildx's default. */
function readAttestation(name, value) {
    if (value === '' || value === 'true' || value === 'false')
        return value;
    for (const part of value.split(',')) {
        if (!/^[a-z-]+=[^=]*$/.test(part.trim())) {
            throw new InputError(name, `Input ${name} must be true, false or key=value attributes (e.g. mode=max), not "${value}"`);
        }
    }
    if (name === 'provenance' && /(^|,)mode=/.test(value) && !/(^|,)mode=(min|max)(,|$)/.test(value)) {
        throw new InputError('provenance', `Input provenance: mode must be min or max, not "${value}"`);
    }
    return value;
}

;// CONCATENATED MODULE: ./src/inputs/matrix.ts




/** The matrix modes' own inputs: the merge's `digests` and plan's `runner-map`. */
const DIGEST = /^sha256:[0-9a-f]{64}$/;
/** Parses the merge job's `digests` input: one `platform=sha256:…` per line. */
function parseDigests(lines) {
    return lines.map(line => {
        const eq = line.indexOf('=');
        if (eq <= 0)
            throw new InputError('digests', `Input digests: "${line}" is not platform=sha256:<64 hex>`);
        let platform;
        try {
            platform = (0,model_platform/* normalizePlatform */.FL)(line.slice(0, eq));
        }
        catch (e) {
            throw new InputError('digests', `Input digests: ${e instanceof model_platform/* PlatformError */.Wk ? e.message : String(e)}`);
        }
        const digest = line.slice(eq + 1).trim();
        if (!DIGEST.test(digest)) {
            throw new InputError('digests', `Input digests: ${platform} has "${digest}", not sha256: followed by 64 lowercase hex digits`);
        }
        return { platform, digest };
    });
}
/** Parses `runner-map`: `arch=label` or `os/arch[/variant]=label` lines (a label may be a JSON list for self-hosted). */
function parseRunnerMap(lines) {
    const map = {};
    for (const line of lines) {
        const eq = line.indexOf('=');
        const key = line.slice(0, eq).trim();
        const label = line.slice(eq + 1).trim();
        if (eq <= 0 || !label)
            throw new InputError('runner-map', `Input runner-map: "${line}" is not arch=runner-label`);
        if (label.startsWith('[') && !isLabelList(label)) {
            throw new InputError('runner-map', `Input runner-map: ${key} has "${label}", not a JSON list of labels like ["self-hosted","arm64"]`);
        }
        try {
            map[key.includes('/') ? (0,model_platform/* normalizePlatform */.FL)(key) : key] = label;
        }
        catch (e) {
            throw new InputError('runner-map', `Input runner-map: ${e instanceof Error ? e.message : String(e)}`);
        }
    }
    return map;
}
function isLabelList(text) {
    try {
        const v = JSON.parse(text);
        return Array.isArray(v) && v.length > 0 && v.every(x => typeof x === 'string');
    }
    catch {
        return false;
    }
}
/**
 * auto handoff: artifacts where the runner offers them on github.com, else the per-platform tags in the registry
 * (GitHub Enterprise Server refuses @actions/artifact: "not currently supported on GHES").
 */
function readMatrixInputs(read, mode, env) {
    const given = readEnum('handoff', read.get('handoff'), ['auto', 'artifact', 'registry', 'none']);
    const handoff = given === 'auto' ? ((0,runtime/* hasArtifactRuntime */.BL)(env) && (0,runtime/* onGithubCom */.M5)(env) ? 'artifact' : 'registry') : given;
    const matrix = {
        handoff,
        digests: parseDigests(parseList('digests', read.raw('digests'), false)),
        runnerMap: parseRunnerMap(parseList('runner-map', read.raw('runner-map'), false)),
        expectDigest: read.get('digest')
    };
    if (handoff === 'artifact' && !(0,runtime/* onGithubCom */.M5)(env) && (mode === 'platform' || mode === 'merge')) {
        throw new InputError('handoff', `Input handoff: artifact is not available on ${env.GITHUB_SERVER_URL} (GitHub Enterprise Server refuses workflow artifacts to @actions/artifact); use handoff registry`);
    }
    if (handoff === 'artifact' && !(0,runtime/* hasArtifactRuntime */.BL)(env) && (mode === 'platform' || mode === 'merge')) {
        throw new InputError('handoff', 'Input handoff: artifact needs the Actions runtime (ACTIONS_RUNTIME_TOKEN, ACTIONS_RESULTS_URL), which this step lacks; use handoff registry');
    }
    return matrix;
}

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(38815);
;// CONCATENATED MODULE: ./src/inputs/nodes.ts



/** The `nodes` input: native builder nodes appended to the runner's node 0. */
const nodeError = (message) => new InputError('nodes', message);
const KEYS = ['endpoint', 'platforms', 'name', 'driver-opts', 'buildkitd-flags'];
/** What kind of endpoint a node names: ssh://[user@]host[:port], tcp://host:port, unix:///path, or a docker context. */
function endpointKind(endpoint) {
    if (/^ssh:\/\/(?:[A-Za-z0-9._-]+@)?[A-Za-z0-9.-]+(?::\d+)?$/.test(endpoint))
        return 'ssh';
    if (/^tcp:\/\/[A-Za-z0-9.-]+:\d+$/.test(endpoint))
        return 'tcp';
    if (/^unix:\/\/\/\S+$/.test(endpoint))
        return 'unix';
    if (/^[A-Za-z0-9][A-Za-z0-9_.+-]*$/.test(endpoint))
        return 'context';
    return undefined;
}
/** A YAML list, or a comma- or newline-separated string, as a list of strings. */
function asList(value) {
    if (Array.isArray(value))
        return value.map(v => (typeof v === 'string' ? v : JSON.stringify(v)));
    if (typeof value !== 'string')
        return [];
    return value
        .split(/[\n,]/)
        .map(s => s.trim())
        .filter(Boolean);
}
/** Parses and checks the `nodes` YAML list; every problem names the node and the fix. */
function parseNodes(text) {
    if (!text.trim())
        return [];
    let doc;
    try {
        doc = (0,dist/* parse */.qg)(text);
    }
    catch (e) {
        throw nodeError(`Input nodes is not YAML (${e instanceof Error ? e.message.split('\n')[0] : String(e)}); write a list of "- endpoint: …" items with platforms`);
    }
    if (!Array.isArray(doc))
        throw nodeError('Input nodes must be a YAML list: one "- endpoint: …" item per node');
    const specs = doc.map((item, i) => parseNode(item, i));
    const seen = new Map();
    for (const spec of specs) {
        for (const key of [`endpoint ${spec.endpoint}`, `name ${spec.name}`]) {
            if (seen.has(key))
                throw nodeError(`Input nodes: ${key} is used twice; each node needs its own`);
            seen.set(key, spec.name);
        }
        for (const p of spec.platforms) {
            const other = seen.get(`platform ${p}`);
            if (other)
                throw nodeError(`Input nodes: ${p} is served by both ${other} and ${spec.name}; give it to one`);
            seen.set(`platform ${p}`, spec.name);
        }
    }
    return specs;
}
function parseNode(item, i) {
    const where = `Input nodes, item ${i + 1}`;
    if (!item || typeof item !== 'object' || Array.isArray(item))
        throw nodeError(`${where} is not a map with endpoint and platforms`);
    const map = item;
    const unknown = Object.keys(map).filter(k => !KEYS.includes(k));
    if (unknown.length)
        throw nodeError(`${where}: unknown key ${unknown.join(', ')} (known: ${KEYS.join(', ')})`);
    const endpoint = typeof map.endpoint === 'string' ? map.endpoint.trim() : '';
    const kind = endpointKind(endpoint);
    if (!kind) {
        throw nodeError(`${where}: endpoint "${endpoint}" is not ssh://user@host, tcp://host:port, unix:///path or a docker context name`);
    }
    const name = map.name === undefined ? `node${i + 1}` : typeof map.name === 'string' ? map.name : JSON.stringify(map.name);
    if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(name))
        throw nodeError(`${where}: name "${name}" is not letters, digits, _ . -`);
    const platformItems = asList(map.platforms);
    if (!platformItems.length)
        throw nodeError(`${where} (${endpoint}) needs platforms: the platforms it builds natively`);
    let platforms;
    try {
        platforms = (0,model_platform/* parsePlatformList */.VX)(platformItems);
    }
    catch (e) {
        throw nodeError(`${where}: ${e instanceof model_platform/* PlatformError */.Wk ? e.message : String(e)}`);
    }
    const driverOpts = asList(map['driver-opts']);
    const bad = driverOpts.find(o => !/^[\w-]+=/.test(o));
    if (bad)
        throw nodeError(`${where}: driver-opt "${bad}" is not key=value`);
    const flags = map['buildkitd-flags'];
    if (flags !== undefined && typeof flags !== 'string')
        throw nodeError(`${where}: buildkitd-flags must be one string`);
    return { name, endpoint, kind, platforms, driverOpts, buildkitdFlags: flags ?? '' };
}

;// CONCATENATED MODULE: ./src/inputs/secrets.ts


/** `secrets`, `secret-files`, `secret-envs` and `ssh`: what the build may read without it reaching argv or a log. */
/**
 * The three secret inputs. A value secret that is empty (a pull request from a fork gets no secrets) is left out
 * with a warning, as build-push-action leaves it out: the build runs, and a RUN that needs it says so.
 */
function readSecrets(values, files, envs, inputEnv, warnings) {
    const specs = [];
    const split = (name, item, empty = false) => {
        const eq = item.indexOf('=');
        if (eq <= 0 || (eq === item.length - 1 && !empty))
            throw new InputError(name, `Input ${name}: an entry is not ID=value (value not shown)`);
        return [item.slice(0, eq), item.slice(eq + 1)];
    };
    for (const item of parseList('secrets', values, false)) {
        const [id, value] = split('secrets', item, true);
        if (value.trim() === '')
            warnings.push(`Input secrets: ${id} is empty (as in a pull request from a fork), so it is left out of the build, as build-push-action leaves it out`);
        else
            specs.push({ id, kind: 'value', value });
    }
    for (const item of parseList('secret-files', files, false)) {
        const [id, p] = split('secret-files', item);
        if (!inputEnv.exists(p))
            throw new InputError('secret-files', `Input secret-files: ${id} points at ${p}, which does not exist; write the file in an earlier step or fix the path`);
        specs.push({ id, kind: 'file', path: p });
    }
    for (const item of parseList('secret-envs', envs, false)) {
        const [id, env] = split('secret-envs', item);
        if (inputEnv.env[env] === undefined) {
            throw new InputError('secret-envs', `Input secret-envs: ${id} reads the environment variable ${env}, which is not set in this step; set it in the step's env`);
        }
        specs.push({ id, kind: 'env', env });
    }
    const ids = specs.map(s => s.id);
    const dup = ids.find((id, i) => ids.indexOf(id) !== i);
    if (dup)
        throw new InputError('secrets', `Input secrets: id ${dup} is given twice across secrets, secret-files and secret-envs; keep one`);
    return specs;
}
/**
 * `ssh`: agent sockets or key files the build may use (`RUN --mount=type=ssh`), as build-push-action takes them:
 * `default`, `id` (both the agent at SSH_AUTH_SOCK) or `id=path[,path]` (a socket or key files). Paths only, so
 * nothing secret reaches argv; a key pasted in is refused without being shown.
 */
function readSshForwards(text, inputEnv) {
    const items = parseList('ssh', text, false);
    const ids = new Set();
    for (const item of items) {
        if (/-----BEGIN|PRIVATE KEY/.test(item))
            throw new InputError('ssh', 'Input ssh: an entry holds a key itself (not shown); write the key to a file in an earlier step and give id=path, or forward an agent with default');
        const [id, paths = ''] = item.split(/=(.*)/s, 2);
        if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(id))
            throw new InputError('ssh', `Input ssh: "${id}" is not an id; write default, an id, or id=path[,path]`);
        if (ids.has(id))
            throw new InputError('ssh', `Input ssh: id ${id} is given twice; keep one line per id`);
        ids.add(id);
        if (!paths && !inputEnv.env.SSH_AUTH_SOCK)
            throw new InputError('ssh', `Input ssh: ${id} forwards the ssh agent, and SSH_AUTH_SOCK is not set in this step; start an agent in an earlier step, or give ${id}=path to a key file`);
        for (const p of paths ? paths.split(',') : [])
            if (!inputEnv.exists(p))
                throw new InputError('ssh', `Input ssh: ${id} points at ${p}, which does not exist; write the key file in an earlier step or fix the path`);
    }
    return items;
}

;// CONCATENATED MODULE: ./src/inputs/shell-words.ts

/** Splits a command line into argv the way a shell would for plain words and quotes (no expansion). */
function shellWords(text) {
    const words = [];
    let word = '';
    let quote = '';
    let inWord = false;
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (quote) {
            if (c === quote)
                quote = '';
            else if (c === '\\' && quote === '"' && (text[i + 1] === '"' || text[i + 1] === '\\'))
                word += text[++i];
            else
                word += c;
        }
        else if (c === '"' || c === "'") {
            quote = c;
            inWord = true;
        }
        else if (c === '\\' && i + 1 < text.length) {
            word += text[++i];
            inWord = true;
        }
        else if (/\s/.test(c)) {
            if (inWord)
                words.push(word);
            word = '';
            inWord = false;
        }
        else {
            word += c;
            inWord = true;
        }
    }
    if (quote)
        throw new InputError('smoke', `Input smoke: unbalanced ${quote} quote in "${text}"`);
    if (inWord)
        words.push(word);
    return words;
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
;// CONCATENATED MODULE: ./src/inputs/sign.ts



/**
 * The signing inputs (`sign`, `sign-key`, `sign-scope`, the Sigstore instance): decided here, before anything runs,
 * so a step that cannot sign what it pushes fails before it pushes.
 */
/** The public Sigstore instance, where no other is named: Fulcio and Rekor (whose entries carry their own time). */
const PUBLIC_FULCIO = 'https://fulcio.sigstore.dev';
const PUBLIC_REKOR = 'https://rekor.sigstore.dev';
const NONE = {
    method: 'none',
    key: '',
    scope: 'index',
    attest: 'none',
    fulcioUrl: '',
    rekorUrl: '',
    tsaUrl: '',
    trustedRoot: ''
};
function readUrl(name, given) {
    const value = given.replace(/\/+$/, '');
    if (value && !/^https?:\/\/[^/\s]+/.test(value))
        throw new InputError(name, `Input ${name} must be an http(s) URL, not "${value}"`);
    return value;
}
/** `sign-key`: a PEM private key node reads (PKCS#8 or SEC1), ECDSA P-256 as cosign verify --key takes it. */
function checkKey(pem) {
    let curve;
    try {
        const key = (0,external_node_crypto_.createPrivateKey)({ key: pem, format: 'pem' });
        curve = key.asymmetricKeyType === 'ec' ? key.asymmetricKeyDetails?.namedCurve : key.asymmetricKeyType;
    }
    catch {
        // the parser's own message may quote the key: never shown
        throw new InputError('sign-key', 'Input sign-key is not a PEM private key this step can read: give an unencrypted PKCS#8 or SEC1 EC P-256 key (openssl ecparam -name prime256v1 -genkey -noout | openssl pkcs8 -topk8 -nocrypt)');
    }
    if (curve !== 'prime256v1')
        throw new InputError('sign-key', `Input sign-key is a ${curve} key: give an EC P-256 (prime256v1) key, the kind cosign verify --key checks with SHA-256`);
}
/** Whether the workflow's event says the repository is private (its name would go into a public log). */
function privateRepository(env) {
    const path = env.env.GITHUB_EVENT_PATH;
    const text = path ? env.readFile?.(path) : undefined;
    try {
        return text ? JSON.parse(text).repository?.private === true : false;
    }
    catch {
        return false;
    }
}
/** The Sigstore instance's URLs and root: the public one by default; another named needs its trusted root. */
function readInstance(read, env, method) {
    const named = {
        fulcioUrl: readUrl('fulcio-url', read.get('fulcio-url')),
        rekorUrl: readUrl('rekor-url', read.get('rekor-url')),
        tsaUrl: readUrl('tsa-url', read.get('tsa-url'))
    };
    const trustedRoot = read.get('trusted-root');
    if (trustedRoot && !env.exists(trustedRoot))
        throw new InputError('trusted-root', `Input trusted-root names ${trustedRoot}, which does not exist: give the instance's trusted_root.json`);
    const custom = !!(named.fulcioUrl || named.rekorUrl || named.tsaUrl);
    if (method === 'key')
        return { ...named, fulcioUrl: '', trustedRoot, custom };
    if (!custom)
        return { fulcioUrl: PUBLIC_FULCIO, rekorUrl: PUBLIC_REKOR, tsaUrl: '', trustedRoot, custom };
    if (!named.fulcioUrl)
        throw new InputError('fulcio-url', 'Keyless signing on another Sigstore instance needs its fulcio-url (the CA that certifies the job)');
    if (!named.rekorUrl && !named.tsaUrl)
        throw new InputError('rekor-url', 'Keyless signing needs a witness of the signing time (the certificate lives 10 minutes): give rekor-url, tsa-url or both');
    if (!trustedRoot)
        throw new InputError('trusted-root', 'Input fulcio-url names another Sigstore instance: give its trusted_root.json in trusted-root, which the signature is verified against');
    return { ...named, trustedRoot, custom };
}
/** The step's identity for signing: the key, else the job's OIDC token (`id-token: write`), else none. */
function identityOf(key, env) {
    if (key)
        return 'key';
    return env.env.ACTIONS_ID_TOKEN_REQUEST_URL && env.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN ? 'keyless' : undefined;
}
/** `attest`: none, or provenance, which is signed as the digest is and so needs signing on. */
function readAttest(read, asked) {
    const attest = readEnum('attest', read.get('attest'), ['none', 'provenance']);
    if (asked === 'false' && attest === 'provenance')
        throw new InputError('attest', 'Input attest: provenance signs a provenance statement, and sign is false: set sign: true (or auto, to attest when an identity is there)');
    return attest;
}
/**
 * `sign`: false (the default, as the docker actions sign nothing), true (fail before any push where it cannot),
 * auto (sign when pushing with an identity; a warning says why not otherwise).
 */
function readSign(read, mode, out, env, warnings) {
    const asked = readEnum('sign', read.get('sign'), ['true', 'false', 'auto']);
    const scope = readEnum('sign-scope', read.get('sign-scope'), ['index', 'all']);
    const attest = readAttest(read, asked);
    const key = read.raw('sign-key').trim();
    if (asked === 'false')
        return NONE;
    const signs = (mode === 'build' || mode === 'merge') && !out.baking;
    const pushes = mode === 'merge' || (out.push && out.tags.length + out.images.length > 0);
    const refuse = (input, message) => {
        if (asked === 'true')
            throw new InputError(input, message);
        if (signs && pushes)
            warnings.push(`Not signed: ${message}`);
        return NONE;
    };
    if (!signs)
        return refuse('sign', `Input sign is taken by mode build and mode merge (what they push is signed), not by mode ${mode}${out.baking ? ' with a bake definition' : ''}`);
    if (!pushes)
        return refuse('sign', 'Input sign signs the pushed digest, and this step pushes nothing: set push: true with tags (or images)');
    if (key)
        checkKey(key);
    const method = identityOf(key, env);
    if (!method)
        return refuse('sign', 'signing needs an identity, and this job has none: grant the job `permissions: id-token: write` for keyless signing (or give sign-key)');
    const instance = readInstance(read, env, method);
    if (method === 'keyless' && !instance.custom && privateRepository(env))
        return refuse('fulcio-url', "this repository is private, and keyless signing on the public Sigstore instance writes its name into Sigstore's public log: name the instance to sign on (fulcio-url, rekor-url or tsa-url, trusted-root), or sign with sign-key");
    if (method === 'key' && (instance.rekorUrl || instance.tsaUrl) && !instance.trustedRoot)
        throw new InputError('trusted-root', "Input rekor-url / tsa-url with sign-key: give the instance's trusted_root.json in trusted-root, which the witnesses are checked against");
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

;// CONCATENATED MODULE: ./src/inputs/read.ts

















const realInputEnv = {
    exists: p => external_node_fs_.existsSync(p),
    isDirectory: p => external_node_fs_.existsSync(p) && external_node_fs_.statSync(p).isDirectory(),
    env: process.env,
    arch: process.arch,
    os: process.platform,
    readFile: p => {
        try {
            return external_node_fs_.readFileSync(p, 'utf8');
        }
        catch {
            return undefined;
        }
    }
};
function reader(getInput) {
    const get = (name) => (getInput(name) || DEFAULTS[name] || '').trim();
    return { get, raw: name => getInput(name) || '', bool: name => parseBool(name, get(name)) };
}
/**
 * What the step builds and where it goes. `push` left empty is the mode's default: a platform leg pushes (by
 * digest), a build does not (build-push-action's default); a leg with push: false only builds (pull requests).
 * Build mode with no platforms builds the runner's own, as buildx builds the builder's default.
 */
function readOutputs(read, mode, arch, baking) {
    const given = mode === 'setup'
        ? forInput('platforms', () => (0,model_platform/* emulatorPlatforms */.EM)(parseList('platforms', read.get('platforms'), true)))
        : readPlatforms(read.get('platforms'), mode === 'build' || (baking && mode !== 'platform'));
    return {
        platforms: given.length ? given : (0,model_platform/* hostNativePlatforms */.At)(arch).slice(0, 1),
        platformsGiven: given.length > 0,
        push: read.get('push') === '' ? mode === 'platform' : read.bool('push'),
        load: read.bool('load'),
        outputs: parseList('outputs', read.raw('outputs'), false),
        tags: readReferences('tags', parseList('tags', read.raw('tags'), true), 'tag'),
        images: readReferences('images', parseList('images', read.raw('images'), true), 'name')
    };
}
/**
 * The BuildKit image: `buildkit-image`, or setup-buildx-action's `driver-opts: image=…`; the two disagreeing is an
 * error. Returns the image and the driver options without it.
 */
function readBuildkitImage(read) {
    const opts = readKeyValues('driver-opts', read.raw('driver-opts'));
    const image = opts.find(o => o.startsWith('image='))?.slice('image='.length);
    const input = read.get('buildkit-image');
    // the runner sets every input, defaults included: the input counts as given when it is not the default
    if (image && input !== DEFAULTS['buildkit-image'] && image !== input) {
        throw new InputError('driver-opts', `Inputs driver-opts and buildkit-image disagree: image=${image} against ${input}; name the BuildKit image once`);
    }
    return { buildkitImage: image || input, driverOpts: opts.filter(o => !o.startsWith('image=')) };
}
function readBuilderInputs(read) {
    const builder = {
        driver: readEnum('driver', read.get('driver'), ['docker-container', 'docker', 'remote', 'kubernetes']),
        endpoint: read.get('endpoint'),
        builder: read.get('builder'),
        ...readBuildkitImage(read),
        buildkitdFlags: read.get('buildkitd-flags'),
        buildkitdConfig: read.get('buildkitd-config'),
        buildkitdConfigInline: read.raw('buildkitd-config-inline'),
        nodes: parseNodes(read.raw('nodes')),
        sshPrivateKey: read.raw('ssh-private-key'),
        sshKnownHosts: read.raw('ssh-known-hosts')
    };
    checkNodes(builder);
    return builder;
}
function readSmoke(read, mode, out) {
    const smoke = shellWords(read.get('smoke'));
    const smokeTimeout = Number(read.get('smoke-timeout'));
    if (!Number.isInteger(smokeTimeout) || smokeTimeout < 1) {
        throw new InputError('smoke-timeout', `Input smoke-timeout must be a whole number of seconds, not "${read.get('smoke-timeout')}"`);
    }
    if (smoke.length && !(out.push && (out.tags.length || out.images.length)) && mode === 'build') {
        throw new InputError('smoke', 'Input smoke runs the pushed image by digest: set push with tags or images');
    }
    return { smoke, smokeTimeout };
}
/** The checks that depend on the mode: what each mode needs, and the build context of the building ones. */
function checkMode(read, mode, c, inputEnv) {
    if (mode === 'build' || mode === 'platform') {
        if (mode === 'platform')
            checkPlatformLeg(c);
        checkOutputChoice({ ...c, leg: mode === 'platform' });
        checkContext(c.context, read.get('file'), inputEnv);
    }
    else if (mode === 'merge')
        checkMerge({ tags: c.tags, handoff: c.handoff, digests: c.digests.length });
    else if (mode === 'verify')
        checkVerify(c.tags, c.expectDigest);
}
function readCacheInputs(read, mode, out, env) {
    const builds = mode === 'build' || mode === 'platform' || mode === 'bake';
    return readCache({
        cache: builds ? read.get('cache') : 'none',
        mode: read.get('cache-mode'),
        scope: read.get('cache-scope'),
        ref: builds ? read.get('cache-ref') : '',
        ignoreError: read.bool('cache-ignore-error')
    }, {
        push: out.push,
        image: out.images[0] ?? (out.tags[0] ? (0,reference/* parseReference */.F2)(out.tags[0]).name : ''),
        firstTag: out.tags[0] ?? '',
        env,
        raw: !!(read.raw('cache-from').trim() || read.raw('cache-to').trim())
    });
}
/** build-push-action's inputs that buildx takes as they are. */
function readPassThrough(read) {
    return {
        addHosts: parseList('add-hosts', read.raw('add-hosts'), true),
        allow: parseList('allow', read.raw('allow'), true),
        attests: parseList('attests', read.raw('attests'), false),
        buildContexts: readKeyValues('build-contexts', read.raw('build-contexts')),
        call: read.get('call'),
        cgroupParent: read.get('cgroup-parent'),
        network: read.get('network'),
        noCacheFilters: parseList('no-cache-filters', read.raw('no-cache-filters'), true),
        shmSize: read.get('shm-size'),
        ulimit: parseList('ulimit', read.raw('ulimit'), false),
        githubToken: read.get('github-token')
    };
}
/**
 * The secrets, and for a Git context on this server (the repository's own, as build-push-action builds without
 * a checkout) the token as the GIT_AUTH_TOKEN secret BuildKit's Git source reads, unless one is given.
 */
function readAllSecrets(read, context, inputEnv, warnings) {
    const secrets = readSecrets(read.raw('secrets'), read.raw('secret-files'), read.raw('secret-envs'), inputEnv, warnings);
    const token = read.get('github-token');
    if (token && context.startsWith(`${(0,runtime/* serverUrl */.Vd)(inputEnv.env)}/`) && !secrets.some(s => s.id === 'GIT_AUTH_TOKEN'))
        secrets.push({ id: 'GIT_AUTH_TOKEN', kind: 'value', value: token });
    return secrets;
}
/** The inputs that shape the build itself, in build-push-action's order. */
function readBuildInputs(read, context, inputEnv, warnings) {
    return {
        context,
        file: read.get('file'),
        labels: readKeyValues('labels', read.raw('labels')),
        annotations: readAnnotations(read.raw('annotations')),
        buildArgs: readKeyValues('build-args', read.raw('build-args'), true),
        target: read.get('target'),
        noCache: read.bool('no-cache'),
        pull: read.bool('pull'),
        provenance: readAttestation('provenance', read.get('provenance')),
        sbom: readAttestation('sbom', read.get('sbom')),
        secrets: readAllSecrets(read, context, inputEnv, warnings),
        ssh: readSshForwards(read.raw('ssh'), inputEnv),
        cacheFrom: parseList('cache-from', read.raw('cache-from'), false),
        cacheTo: parseList('cache-to', read.raw('cache-to'), false),
        ...readPassThrough(read)
    };
}
/** Reads and validates every input, before anything runs; throws InputError on the first problem. */
function readConfig(getInput, inputEnv = realInputEnv) {
    const read = reader(getInput);
    const warnings = [];
    const mode = readEnum('mode', read.get('mode'), [
        'build',
        'platform',
        'merge',
        'verify',
        'plan',
        'setup',
        'bake'
    ]);
    checkRunnerOs(mode, inputEnv.os ?? 'linux');
    const baking = bakes(read, mode);
    const out = readOutputs(read, mode, inputEnv.arch, baking);
    const builder = readBuilderInputs(read);
    const matrix = readMatrixInputs(read, mode, inputEnv.env);
    const smoke = readSmoke(read, mode, out);
    if (['build', 'platform', 'setup', 'bake'].includes(mode)) {
        checkPinned('buildkit-image', builder.buildkitImage, warnings);
        checkPinned('qemu-image', read.get('qemu-image'), warnings);
    }
    checkBuilderChoice(builder);
    if (builder.driver === 'docker' && builder.endpoint) {
        // as setup-buildx-action: the docker driver builds on the current context's engine, whatever endpoint says
        warnings.push(`Input endpoint (${builder.endpoint}) is not used with driver docker: the engine of the current docker context builds; use driver docker-container to build on that endpoint`);
        builder.endpoint = '';
    }
    checkBuildkitdConfig(builder.buildkitdConfig, inputEnv);
    const context = resolveContext(read.get('context'), read.get('file'), inputEnv);
    if (!baking)
        checkMode(read, mode, { ...out, ...matrix, context }, inputEnv);
    const cache = readCacheInputs(read, mode, out, inputEnv.env);
    if (baking)
        checkBakeInputs(read, mode, { ...out, ...matrix, cache });
    return {
        mode,
        ...out,
        ...builder,
        ...matrix,
        ...smoke,
        cache,
        bake: readBakeInputs(read, baking, inputEnv),
        ...readBuildInputs(read, context, inputEnv, warnings),
        ...readBuildx(read.get('buildx-version'), read.get('buildx-url'), warnings),
        qemu: readEnum('qemu', read.get('qemu'), ['auto', 'true', 'false']),
        qemuImage: read.get('qemu-image'),
        verify: read.bool('verify'),
        cleanup: read.bool('cleanup'),
        use: read.bool('use'),
        allowPartial: read.bool('allow-partial'),
        nodeFallback: readEnum('node-fallback', read.get('node-fallback'), ['fail', 'qemu']),
        preflight: read.bool('preflight'),
        ...readRetry(read.get('retries'), read.get('retry-backoff')),
        sign: readSign(read, mode, { ...out, baking }, inputEnv, warnings),
        warnings
    };
}

// EXTERNAL MODULE: ./src/model/secrets.ts
var secrets = __webpack_require__(15780);
// EXTERNAL MODULE: ./src/model/attestations.ts
var attestations = __webpack_require__(63534);
;// CONCATENATED MODULE: ./src/model/bake.ts



/** One printed list entry (a CSV string, or an object of attributes) as a CSV string. */
function entryText(entry) {
    if (typeof entry === 'string')
        return entry;
    if (!entry || typeof entry !== 'object')
        return '';
    return Object.entries(entry)
        .map(([k, v]) => `${k}=${String(v)}`)
        .join(',');
}
const strings = (value) => (Array.isArray(value) ? value.map(entryText).filter(Boolean) : []);
function record(value) {
    if (!value || typeof value !== 'object')
        return {};
    // an arg printed as null is one the definition declares with no value: bake leaves it out
    return Object.fromEntries(Object.entries(value)
        .filter(([, v]) => v !== null && v !== undefined)
        .map(([k, v]) => [k, String(v)]));
}
/** Whether one of the target's outputs pushes: buildx reads type=registry as an image pushed. */
function outputPushes(outputs) {
    return outputs.some(o => {
        const spec = (0,model_outputs/* parseOutput */.Fw)(o);
        return spec.type === 'image' && ['true', '1'].includes(spec.attrs.push ?? '');
    });
}
function readTarget(name, t) {
    // an override (`*.platform=a,b`) prints as one entry holding commas
    const platforms = strings(t.platforms)
        .flatMap(p => p.split(','))
        .map(p => p.trim())
        .filter(p => p && p !== 'local');
    return {
        name,
        context: typeof t.context === 'string' ? t.context : '.',
        dockerfile: typeof t.dockerfile === 'string' ? t.dockerfile : '',
        ...(typeof t['dockerfile-inline'] === 'string' ? { dockerfileInline: t['dockerfile-inline'] } : {}),
        stage: typeof t.target === 'string' ? t.target : '',
        args: record(t.args),
        labels: record(t.labels),
        tags: strings(t.tags),
        platforms: [...new Set(platforms.map(model_platform/* normalizePlatform */.FL))],
        pushes: outputPushes(strings(t.output)),
        ownCacheFrom: strings(t['cache-from']).length > 0,
        ownCacheTo: strings(t['cache-to']).length > 0,
        ownAttest: strings(t.attest).length > 0
    };
}
/** Parses `--print`'s JSON: every target it resolved, in its order (the targets asked, groups expanded). */
function parseBakePrint(text) {
    const start = text.indexOf('{');
    if (start < 0)
        throw new Error('bake --print gave no definition');
    const printed = JSON.parse(text.slice(start));
    const targets = Object.entries(printed.target ?? {}).map(([name, t]) => readTarget(name, t));
    if (!targets.length)
        throw new Error('The bake definition has no target to build');
    return targets;
}
/** `--set` overrides that give a target the generated cache, in each direction it names none of its own. */
function cacheSets(t, specs) {
    return [
        ...(t.ownCacheFrom ? [] : specs.from.map(s => `${t.name}.cache-from=${s}`)),
        ...(t.ownCacheTo ? [] : specs.to.map(s => `${t.name}.cache-to=${s}`))
    ];
}
/** The default provenance (build-push-action's attributes) for each target that asks for no attestation itself. */
function provenanceSets(targets, attrs) {
    return attrs ? targets.filter(t => !t.ownAttest).map(t => `${t.name}.attest=type=provenance,${attrs}`) : [];
}
/** A remote context (Git or HTTPS): no local Dockerfile to read before the build. */
const isRemoteContext = (context) => /^[a-z][a-z0-9+.-]*:\/\//i.test(context) || /^git@/.test(context);
/** bake's metadata file: each target's entry (the file also holds `buildx.build.*` keys of the whole run). */
function metadataPerTarget(raw, names) {
    const out = new Map();
    for (const name of names) {
        const entry = raw[name];
        if (entry && typeof entry === 'object')
            out.set(name, entry);
    }
    return out;
}
/**
 * One target's part of bake's plain progress, as a build's: its step lines (`#7 [app linux/arm64 2/2] RUN …`) with
 * the target's name taken out, the other targets' steps left out, every status line kept (they go by step id).
 */
function progressOf(lines, name) {
    const prefix = `[${name} `;
    return lines.flatMap(line => {
        const step = /^#\d+ \[/.exec(line);
        if (!step)
            return [line];
        const at = step[0].length - 1;
        if (line.startsWith(prefix, at))
            return [line.slice(0, at + 1) + line.slice(at + prefix.length)];
        return [];
    });
}
/**
 * One target as the build mode's stages take a step's inputs: its context and Dockerfile from the bake's working
 * directory (`cwd://` from the step's), its stage, build-args, labels, tags and platforms (none: `host`'s, the
 * builder's default), pushed where the step pushes or its own output does.
 */
function targetConfig(base, t, host) {
    const local = t.context.startsWith('cwd://') ? t.context.slice('cwd://'.length) : undefined;
    const remote = local === undefined && isRemoteContext(t.context);
    const context = local ?? (remote || external_node_path_.isAbsolute(t.context) ? t.context : external_node_path_.join(base.bake.workdir, t.context));
    const dockerfile = t.dockerfile || 'Dockerfile';
    return {
        ...base,
        context,
        file: remote ? '' : external_node_path_.isAbsolute(dockerfile) ? dockerfile : external_node_path_.join(context, dockerfile),
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
function legOf(planned, leg) {
    if (leg.mode !== 'platform')
        return planned;
    if (planned.length !== 1)
        throw new Error(`A bake leg builds one target, and the definition gives ${planned.length} (${planned.map(p => p.target.name).join(', ')}): set targets: \${{ matrix.target }} (mode plan lists the legs)`);
    const [only] = planned;
    if (!only.target.tags.length)
        throw new Error(`Target ${only.target.name} has no tags: a leg pushes by digest to the repository of its tags`);
    return [{ ...only, config: { ...only.config, platforms: leg.platforms, platformsGiven: true } }];
}
/**
 * A leg's overrides: its one platform and, where it pushes, its output by digest (or to its handoff tags) with the
 * target's tags replaced by the output's names (bake would push its tags beside, and a tag cannot go by digest).
 */
function legSets(t, platform, output) {
    if (!output)
        return [`${t.name}.platform=${platform}`];
    return [
        `${t.name}.platform=${platform}`,
        ...output.refs.map(ref => `${t.name}.tags=${ref}`),
        `${t.name}.output=${output.spec}`
    ];
}

;// CONCATENATED MODULE: ./src/model/legs.ts


/**
 * Where a build's result goes and how the matrix legs meet again: the names a build pushes to, the per-platform
 * handoff tags, and the completeness of the legs a merge collects. Pure.
 */
/** `linux/arm/v7` → `linux-arm-v7`: the platform as a tag or file name part. */
function platformSlug(platform) {
    return platform.replaceAll('/', '-');
}
/** The repository part of a tag: `localhost:5000/app:1` → `localhost:5000/app`. */
function nameOf(ref) {
    return (0,reference/* parseReference */.F2)(ref).name;
}
/**
 * The per-platform tag a leg pushes for `handoff: registry`: `<tag>-<os>-<arch>[-<variant>]`. Tags are exact
 * references, so `1-linux-arm-v7` and `1-linux-arm64` cannot be confused; the tag also keeps the leg's
 * manifest from being garbage-collected as untagged before the merge.
 */
function handoffTag(tag, platform) {
    const ref = (0,reference/* parseReference */.F2)(tag);
    const suffix = `${ref.tag ?? 'latest'}-${platformSlug(platform)}`;
    if (suffix.length > 128)
        throw new Error(`handoff tag ${ref.name}:${suffix} is longer than 128 characters: shorten the tag`);
    return `${ref.name}:${suffix}`;
}
/**
 * Where a build pushes: names pushed by digest (`images`, or a platform leg without registry handoff), or the
 * leg's per-platform handoff tags. Tagged pushes of build mode return undefined: they use `--tag`.
 */
function pushTargets(config) {
    if (config.mode === 'platform') {
        if (config.handoff === 'registry')
            return { refs: config.tags.map(t => handoffTag(t, config.platforms[0])), byDigest: false };
        const names = config.images.length ? config.images : [...new Set(config.tags.map(nameOf))];
        return { refs: names, byDigest: true };
    }
    return config.images.length ? { refs: config.images, byDigest: true } : undefined;
}
/** The repository a build pushes to: the first of `images`, else the name of the first tag or image output name. */
function repositoryOf(config) {
    const output = (0,model_outputs/* pushedOutput */.D9)(config.outputs, config.push, config.tags);
    return config.images[0] ?? nameOf(config.tags[0] ?? output?.refs[0] ?? '');
}
/** True when the build pushes: a push with tags or images, or an image output that pushes (push=true or push). */
function pushes(config) {
    return ((config.push && (config.tags.length > 0 || config.images.length > 0)) ||
        !!(0,model_outputs/* pushedOutput */.D9)(config.outputs, config.push, config.tags));
}
/**
 * What verify reads back: every tag, each leg's handoff tag, or each pushed-by-digest name at the built digest;
 * with raw outputs, the names the image output pushed (at the digest when by digest).
 */
function refsToVerify(config, builtDigest) {
    const targets = pushTargets(config) ?? (0,model_outputs/* pushedOutput */.D9)(config.outputs, config.push, config.tags);
    if (!targets)
        return config.tags;
    return targets.byDigest ? targets.refs.map(n => `${n}@${builtDigest}`) : targets.refs;
}
/** Checks that every expected platform has exactly one leg digest, and nothing else came. */
function checkCompleteness(expected, found) {
    const by = new Map();
    for (const f of found)
        by.set(f.platform, [...(by.get(f.platform) ?? []), f.digest]);
    return {
        sources: expected.filter(p => by.get(p)?.length === 1).map(p => ({ platform: p, digest: by.get(p)[0] })),
        missing: expected.filter(p => !by.has(p)),
        duplicated: [...by].filter(([, d]) => new Set(d).size > 1).map(([p]) => p),
        unexpected: [...by.keys()].filter(p => !expected.includes(p))
    };
}
/** One line naming what is wrong with the legs, or '' when the set is complete. */
function describeIncomplete(c) {
    return [
        c.missing.length ? `no digest for ${c.missing.join(', ')}` : '',
        c.duplicated.length ? `more than one digest for ${c.duplicated.join(', ')}` : '',
        c.unexpected.length ? `digests for unrequested ${c.unexpected.join(', ')}` : ''
    ]
        .filter(Boolean)
        .join('; ');
}
/** The digest of the image manifest for `platform` inside what a leg pushed. */
function platformManifestDigest(manifest, platform) {
    if (!manifest.isList)
        return manifest.digest;
    const entries = manifest.entries.filter(e => !e.attestation);
    if (entries.length !== 1 || entries[0].platform !== platform)
        return undefined;
    return entries[0].digest;
}

// EXTERNAL MODULE: ./src/docker/exec.ts
var exec = __webpack_require__(49655);
// EXTERNAL MODULE: ./src/docker/failures.ts
var failures = __webpack_require__(76873);
// EXTERNAL MODULE: ./src/docker/progress.ts
var docker_progress = __webpack_require__(95749);
// EXTERNAL MODULE: ./src/docker/retry.ts
var docker_retry = __webpack_require__(26298);
;// CONCATENATED MODULE: ./src/docker/warnings.ts
/**
 * The build's warnings (build checks such as FromAsCasing, deprecated options): buildx writes them into the metadata
 * file as `buildx.build.warnings` when BUILDX_METADATA_WARNINGS is set, each with BuildKit's base64 texts and the
 * source range it is about. build-push-action turns them into annotations on the Dockerfile's lines; so do we.
 */
/** The environment buildx needs to write the warnings into the metadata file. */
const WARNINGS_ENV = { BUILDX_METADATA_WARNINGS: '1' };
const decode = (text) => (text ? Buffer.from(text, 'base64').toString('utf8').trim() : '');
/** `--call check`'s findings, as the build's warnings (BuildKit 0.25 writes them as `result.json`, in plain text). */
function checkFindings(raw) {
    const result = raw['result.json'];
    if (!result || !Array.isArray(result.warnings))
        return [];
    const file = result.sources?.[0]?.filename || undefined;
    return result.warnings.map(f => {
        const range = f.location?.ranges?.[0];
        const line = range?.start?.line;
        return {
            short: `${f.ruleName ?? 'Check'}: ${f.detail ?? ''}${line ? ` (line ${line})` : ''}`,
            detail: f.description ?? '',
            url: f.url ?? '',
            file,
            startLine: line,
            endLine: range?.end?.line ?? line
        };
    });
}
/**
 * The warnings of a parsed metadata file: the build's own, or `--call check`'s findings (none where buildx wrote
 * none, or an older buildx knew no warnings).
 */
function parseBuildWarnings(raw) {
    const list = raw['buildx.build.warnings'];
    if (!Array.isArray(list))
        return checkFindings(raw);
    return list.map(w => {
        const range = w.range?.[0];
        return {
            short: decode(w.short),
            detail: (w.detail ?? []).map(decode).join(' '),
            url: w.url ?? '',
            file: w.sourceInfo?.filename || undefined,
            startLine: range?.start?.line,
            endLine: range?.end?.line ?? range?.start?.line
        };
    });
}
/**
 * The warnings a failed build listed on stderr (" - FromAsCasing: … (line 2)"), where no metadata file was written:
 * a Dockerfile whose checks are errors (`# check=error=true`) fails with them. They are about the Dockerfile.
 */
function parseWarningLines(stderr) {
    // the listing's first line carries the end of its colour escape ("\x1b[0m - FromAsCasing: …")
    const plain = stderr.replace(/\x1b\[[0-9;]*m/g, '');
    return [...plain.matchAll(/^\s*- (\w+): (.+) \(line (\d+)\)$/gm)].map(m => ({
        short: `${m[1]}: ${m[2]} (line ${m[3]})`,
        detail: '',
        url: '',
        startLine: Number(m[3]),
        endLine: Number(m[3])
    }));
}
/** The rules of a failure BuildKit reports when checks are errors ("lint violation found for rules: B, A"), sorted. */
function lintViolation(stderr) {
    // BuildKit's order varies between runs: sorted, the message is the same for the same Dockerfile
    const rules = /lint violation found for rules: ([^\n]+)/.exec(stderr)?.[1];
    return rules
        ?.split(',')
        .map(r => r.trim())
        .sort()
        .join(', ');
}

;// CONCATENATED MODULE: ./src/docker/build.ts









/** The `--secret` value for each secret input: a file the action wrote, the user's file, or an env var. */
function secretArg(spec, secretFiles) {
    switch (spec.kind) {
        case 'value':
            return `id=${spec.id},src=${secretFiles[spec.id]}`;
        case 'file':
            return `id=${spec.id},src=${spec.path}`;
        case 'env':
            return `id=${spec.id},env=${spec.env}`;
    }
}
/** Where this build pushes other than by `--tag`: a part by digest, else the legs' and `images`' targets. */
function targetsOf(config, part) {
    return part ? { refs: [part.repository], byDigest: true } : pushTargets(config);
}
/**
 * The `--output`/`--push`/`--load` part: by digest or to handoff tags for legs and `images`, else tags pushed or
 * loaded. Raw outputs go as given, with push/load beside them as build-push-action passes them (buildx sets push on
 * an image output).
 */
function outputArgs(config, part) {
    if (config.outputs.length) {
        return [
            ...config.outputs.flatMap(o => ['--output', o]),
            ...(config.push ? ['--push'] : []),
            ...(config.load ? ['--load'] : [])
        ];
    }
    const targets = targetsOf(config, part);
    // a leg that does not push (a pull request) only builds
    if (targets && config.mode === 'platform' && !config.push)
        return [];
    if (targets) {
        // name holds commas, so it is quoted as one CSV field; legs use OCI media types so the merge keeps them as they are
        const parts = ['type=image', `"name=${targets.refs.join(',')}"`];
        if (targets.byDigest)
            parts.push('push-by-digest=true', 'name-canonical=true');
        if (config.mode === 'platform')
            parts.push('oci-mediatypes=true');
        return ['--output', [...parts, 'push=true'].join(',')];
    }
    return [...(config.push ? ['--push'] : []), ...(config.load ? ['--load'] : [])];
}
const flag = (name, values) => values.flatMap(v => [name, v]);
const build_option = (name, value) => (value ? [name, value] : []);
/** build-push-action's inputs that buildx takes as they are. */
function passThroughArgs(config) {
    return [
        ...flag('--add-host', config.addHosts),
        ...flag('--allow', config.allow),
        ...flag('--build-context', config.buildContexts),
        ...build_option('--call', config.call),
        ...build_option('--cgroup-parent', config.cgroupParent),
        ...build_option('--network', config.network),
        ...flag('--no-cache-filter', config.noCacheFilters),
        ...build_option('--shm-size', config.shmSize),
        ...flag('--ulimit', config.ulimit)
    ];
}
/**
 * The cache flags: raw `cache-from`/`cache-to` given means the user's own layout, so no generated spec goes in
 * either direction; else the generated specs.
 */
function cacheArgs(config, cache) {
    const raw = config.cacheFrom.length > 0 || config.cacheTo.length > 0;
    return [
        ...flag('--cache-from', raw ? config.cacheFrom : (cache?.from ?? [])),
        ...flag('--cache-to', raw ? config.cacheTo : (cache?.to ?? []))
    ];
}
/** argv of `docker buildx build`, in build-push-action's order of inputs. */
function buildArgs(config, paths, part) {
    // no platforms given: buildx builds the builder's own, as build-push-action leaves --platform out
    const platforms = part?.platforms ?? (config.platformsGiven ? config.platforms : []);
    return [
        'buildx',
        'build',
        '--builder',
        paths.builder,
        ...build_option('--platform', platforms.join(',')),
        ...(config.file ? ['--file', config.file] : []),
        ...(config.target ? ['--target', config.target] : []),
        ...flag('--build-arg', config.buildArgs),
        ...flag('--label', config.labels),
        ...flag('--annotation', config.annotations),
        ...(targetsOf(config, part) ? [] : flag('--tag', config.tags)),
        ...flag('--secret', config.secrets.map(s => secretArg(s, paths.secretFiles))),
        ...flag('--ssh', config.ssh),
        ...passThroughArgs(config),
        ...cacheArgs(config, paths.cache),
        ...(0,attestations/* attestArgs */.r7)(config, paths.defaultProvenance ?? '', paths.builderId),
        ...(config.noCache ? ['--no-cache'] : []),
        ...(config.pull ? ['--pull'] : []),
        ...outputArgs(config, part),
        // the action reads BuildKit's plain progress (cache hits, export errors, boot): a job's BUILDKIT_PROGRESS
        // (quiet, rawjson, tty) would change what it reads, and the flag wins over it
        '--progress',
        'plain',
        '--metadata-file',
        paths.metadataFile,
        config.context
    ];
}
/** Parses buildx's `--metadata-file` JSON. */
function parseMetadata(text) {
    const raw = JSON.parse(text);
    const descriptor = (raw['containerimage.descriptor'] ?? {});
    const str = (key) => {
        const value = raw[key];
        return typeof value === 'string' ? value : '';
    };
    const names = str('image.name');
    const digest = str('containerimage.digest') || descriptor.digest || '';
    return {
        digest,
        // what buildx's --iidfile holds, build-push-action's imageid: the config digest, else (an index, or a load into
        // the containerd image store, whose image ids are manifest digests) the image's own digest
        imageId: str('containerimage.config.digest') || digest,
        mediaType: descriptor.mediaType ?? '',
        imageNames: names ? names.split(',') : [],
        buildRef: str('buildx.build.ref'),
        raw
    };
}
/** The retry of a whole build: only a push or a boot that failed on a registry error that passes, each announced. */
function buildRetry(docker) {
    let failedAt;
    return (0,docker_retry/* registryRetry */.SW)(docker.budget, stderr => (failedAt = (0,failures/* transientBuildFailure */.L6)(stderr)) !== undefined, (reason, wait, attempt) => core/* warning */.$e(`${failedAt} failed on a registry error that passes (${reason.replace(/^ERROR: /, '')}); building again${failedAt === 'Push' ? ' from cache' : ''} in ${(wait / 1000).toFixed(1)} s, retry ${attempt}/${docker.budget.retries}`));
}
/** The error a failed build ends the step with: the registry that kept failing, a diagnosis, or BuildKit's line. */
function buildFailure(e, config, at) {
    const { part, attempts } = at;
    const reason = (0,exec/* lastLine */.fM)(e.stderr).replace(/^ERROR: /, '');
    const checks = checksFailure(e.stderr, config, at.warnings);
    if (checks)
        return checks;
    const transient = (0,failures/* transientBuildFailure */.L6)(e.stderr);
    if (transient === 'Builder boot') {
        return new failures/* DiagnosedError */.xB('Registry kept failing', `Builder did not start: its BuildKit image ${config.buildkitImage} could not be pulled: ${reason} (after ${attempts} attempts: check the registry's status, raise retries, or set buildkit-image to a copy you can reach)`);
    }
    if (transient === 'Push') {
        return new failures/* DiagnosedError */.xB('Registry kept failing', `Build failed: ${reason} (the registry kept failing after ${attempts} attempts: check its status, or raise retries)`);
    }
    if (config.driver === 'remote' && failures/* UNREACHABLE */.Dr.test(reason)) {
        return new failures/* DiagnosedError */.xB('Builder unreachable', `Build failed: the remote buildkitd at ${config.endpoint} did not answer (${reason}): check the endpoint, that buildkitd listens there, and its TLS material (BUILDER_NODE_0_AUTH_TLS_CACERT, _CERT, _KEY)`);
    }
    const diagnosis = (0,failures/* diagnose */.h4)(e.stderr, part?.platforms ?? config.platforms);
    if (diagnosis)
        return new failures/* DiagnosedError */.xB(diagnosis.title, `Build failed: ${diagnosis.message}`);
    return new Error(`Build failed: ${reason}`);
}
/**
 * A build the build checks failed: the Dockerfile asks them to be errors (`# check=error=true`, or the
 * BUILDKIT_DOCKERFILE_CHECK build-arg), or `call: check` found warnings (buildx exits 1 on them).
 */
function checksFailure(stderr, config, warnings) {
    const fix = "fix the lines the annotations point at, or skip a rule (the Dockerfile's # check=skip=<rule>)";
    const rules = lintViolation(stderr);
    if (rules)
        return new failures/* DiagnosedError */.xB('Build checks failed', `Build failed: the checks are errors and ${rules} failed: ${fix}`);
    if (!/^check\b/.test(config.call) || !warnings.length)
        return undefined;
    const found = [...new Set(warnings.map(w => w.short.split(':')[0]))].join(', ');
    return new failures/* DiagnosedError */.xB('Build checks failed', `call: check found ${warnings.length} warning(s), ${found}: ${fix}`);
}
/** The metadata file's JSON, or {} where buildx wrote none. */
const readMetadataFile = (file) => external_node_fs_.existsSync(file) ? JSON.parse(external_node_fs_.readFileSync(file, 'utf8')) : {};
/** A cache export that failed (the image is pushed all the same), said as a warning with its likely cause. */
function warnCacheNotSaved(progress) {
    const exportError = (0,docker_progress/* cacheExportError */.fY)(progress);
    if (!exportError)
        return;
    core/* warning */.$e(/cache write denied/i.test(exportError)
        ? `The build cache was not saved: this job's token may only read the Actions cache (a pull request from a fork, or cache-mode read) (${exportError}); the image is pushed`
        : `The build cache was not saved (${exportError}); the image is pushed, the next build starts cold: check the cache's registry or service, or set cache-ignore-error: false to fail on this`);
}
/**
 * Runs the build with live output and reads its result from the metadata file. A push that fails on a
 * transient registry error is built again (from the builder's cache) up to `retries` times, through exec's one
 * retry loop; build errors and auth errors fail at once. `onBooted` is called once the builder is up.
 */
async function runBuild(docker, config, paths, opts = {}) {
    const started = Date.now();
    const retry = buildRetry(docker);
    const progress = [];
    const booted = (0,docker_progress/* whenBooted */.wR)(opts.onBooted ?? (() => undefined));
    const onStderrLine = (line) => {
        progress.push(line);
        booted(line);
    };
    try {
        await docker.run(buildArgs(config, paths, opts.part), { onStderrLine, retry, env: paths.env });
    }
    catch (e) {
        if (!(e instanceof exec/* CommandError */.Qd))
            throw e;
        // what the checks found: call: check writes its result file; a build that checks failed lists them on stderr
        const found = parseBuildWarnings(readMetadataFile(paths.metadataFile));
        const warnings = found.length ? found : parseWarningLines(e.stderr);
        opts.onFailedWarnings?.(warnings);
        throw buildFailure(e, config, { part: opts.part, attempts: retry.attempts, warnings });
    }
    const seconds = (Date.now() - started) / 1000;
    const metadata = parseMetadata(external_node_fs_.existsSync(paths.metadataFile) ? external_node_fs_.readFileSync(paths.metadataFile, 'utf8') : '{}');
    core/* info */.pq(`Built in ${seconds.toFixed(1)} s${metadata.digest ? `, digest ${metadata.digest}` : ''}`);
    warnCacheNotSaved(progress);
    // a retried build repeats its steps in the record: count the last attempt only
    const last = progress.lastIndexOf(progress.findLast(l => /^#0 building with/.test(l)) ?? '');
    return {
        metadata,
        seconds,
        cache: (0,docker_progress/* parseCacheUsage */.zN)(progress.slice(Math.max(last, 0)), opts.part?.platforms ?? config.platforms)
    };
}

;// CONCATENATED MODULE: ./src/docker/bake.ts








/**
 * `docker buildx bake`: the definition resolved (`--print`), then built, with bake-action's flags in its order and
 * the build's retry; each target's metadata read from the one metadata file.
 */
const bake_flag = (name, values) => values.flatMap(v => [name, v]);
/** The definition's part of the argv, the same for --print and the build: source, files, overrides. */
const definitionArgs = (bake) => [
    ...(bake.source ? [bake.source] : []),
    ...bake_flag('--file', bake.files),
    ...bake_flag('--set', bake.set)
];
function bakePrintArgs(bake) {
    return ['buildx', 'bake', ...definitionArgs(bake), '--print', ...bake.targets];
}
/** argv of the build, in bake-action's order of inputs. */
function bakeArgs(config, run) {
    return [
        'buildx',
        'bake',
        '--builder',
        run.builder,
        ...definitionArgs(config.bake),
        ...bake_flag('--set', run.sets),
        ...(config.provenance ? [`--provenance=${(0,attestations/* withBuilderId */.dW)(config.provenance, run.builderId ?? '')}`] : []),
        ...(config.sbom ? [`--sbom=${config.sbom}`] : []),
        ...bake_flag('--allow', config.allow),
        ...(config.call ? ['--call', config.call] : []),
        ...(config.noCache ? ['--no-cache'] : []),
        ...(config.pull ? ['--pull'] : []),
        // a leg's output (by digest) pushes: --push would add an output beside it
        ...(config.push && config.mode !== 'platform' ? ['--push'] : []),
        ...(config.load ? ['--load'] : []),
        '--progress',
        'plain',
        '--metadata-file',
        run.metadataFile,
        ...config.bake.targets
    ];
}
/**
 * For a remote definition on the repository's own server, the token bake reads to fetch it
 * (BUILDX_BAKE_GIT_AUTH_TOKEN, as bake-action passes github-token); never argv.
 */
function bakeEnv(config, env) {
    const remote = config.bake.source.startsWith(`${(0,runtime/* serverUrl */.Vd)(env)}/`);
    return remote && config.githubToken ? { BUILDX_BAKE_GIT_AUTH_TOKEN: config.githubToken } : {};
}
/** Resolves the definition once: what every target builds, with files, `set`, variables and matrix applied. */
async function printDefinition(docker, config) {
    try {
        const { stdout } = await docker.run(bakePrintArgs(config.bake), {
            silent: true,
            cwd: config.bake.workdir,
            env: bakeEnv(config, process.env)
        });
        return parseBakePrint(stdout);
    }
    catch (e) {
        if (!(e instanceof exec/* CommandError */.Qd))
            throw e;
        throw new Error(`The bake definition could not be read: ${e.message.replace(/^.*?: /, '')}`);
    }
}
/**
 * Builds every target in one bake run (its targets build in parallel on the one builder), with the build's retry
 * of a push that failed on a transient registry error.
 */
async function runBake(docker, config, run, opts) {
    const started = Date.now();
    const retry = buildRetry(docker);
    const progress = [];
    const env = { ...run.env, ...bakeEnv(config, process.env) };
    const booted = (0,docker_progress/* whenBooted */.wR)(opts.onBooted ?? (() => undefined));
    try {
        await docker.run(bakeArgs(config, run), {
            onStderrLine: line => {
                progress.push(line);
                booted(line);
            },
            retry,
            env,
            cwd: config.bake.workdir
        });
    }
    catch (e) {
        if (!(e instanceof exec/* CommandError */.Qd))
            throw e;
        const found = parseBuildWarnings(readMetadataFile(run.metadataFile));
        const warnings = found.length ? found : parseWarningLines(e.stderr);
        opts.onFailedWarnings?.(warnings);
        throw buildFailure(e, config, { attempts: retry.attempts, warnings });
    }
    const seconds = (Date.now() - started) / 1000;
    const raw = readMetadataFile(run.metadataFile);
    const targets = new Map([...metadataPerTarget(raw, opts.names)].map(([name, entry]) => [name, parseMetadata(JSON.stringify(entry))]));
    core/* info */.pq(`Baked ${targets.size} target(s) in ${seconds.toFixed(1)} s`);
    warnCacheNotSaved(progress);
    return { raw, targets, seconds, progress };
}

// EXTERNAL MODULE: ./src/docker/builder.ts
var docker_builder = __webpack_require__(99683);
;// CONCATENATED MODULE: ./src/model/cache-names.ts




/**
 * Where BuildKit keeps its layer cache between runs, and the `--cache-from`/`--cache-to` specs that point it
 * there. Everything here is pure: the choice of backend, the scope and ref names, and the specs.
 *
 * Layout (measured in the lab, see scripts/lab/FINDINGS.md and the cache e2e tests): one BuildKit export writes one
 * cache index holding every platform that export built, and a second export to the same scope or ref replaces
 * that index whole. So the unit of a cache name is "one export", never "one image":
 * - a single-node multi-platform build is one export: one scope/ref for its platform set. Splitting it per platform
 *   is impossible (BuildKit takes one cache-to for all platforms) and would not help: the index already keys each
 *   step by platform, so every platform hits after a prune.
 * - a matrix leg is one export per platform: the name carries the platform, so legs never overwrite each other.
 * - a multi-node builder makes one export per node, all to the same spec: the last node to finish wins and the
 *   others miss (measured: 1 of 3 platforms re-ran). Build mode therefore builds each node's platforms as their own
 *   export (see modes/split.ts) and names each by its platform set.
 */
/** The part of a cache name that says which platforms one export holds: `linux-amd64_linux-arm-v7`. */
function platformsPart(platforms) {
    return [...platforms].sort().map(platformSlug).join('_');
}
/** `owner/app` of `<registry>/owner/app`, as a name part: `owner-app`. */
function imagePart(image) {
    const host = (0,reference/* registryOf */.Fv)(image);
    return (host ? image.slice(host.length + 1) : image).replace(/[^A-Za-z0-9._-]/g, '-') || 'build';
}
/** gha scope of one export: `<cache-scope | image[-target]>-<platforms>`. */
function ghaScope(cache, scope) {
    const base = cache.scope || [imagePart(scope.image || 'build'), scope.target].filter(Boolean).join('-');
    return [base, scope.variant, platformsPart(scope.platforms)].filter(Boolean).join('-');
}
/**
 * What tells apart two steps that build one image differently (another Dockerfile, other build-args), as 8 hex
 * digits of their hash; '' for the default Dockerfile and no build-args, so plain builds keep their names. A
 * build-arg whose value carries this run (the commit SHA, the run id or number) counts by its name only, so each
 * commit still finds the last one's cache.
 */
function buildVariant(file, buildArgs, env) {
    const sha = env.GITHUB_SHA ?? '';
    const perRun = (value) => (sha.length >= 7 && value.includes(sha.slice(0, 7))) ||
        value === env.GITHUB_RUN_ID ||
        value === env.GITHUB_RUN_NUMBER;
    const args = buildArgs.map(a => {
        const eq = a.indexOf('=');
        return eq > 0 && perRun(a.slice(eq + 1)) ? a.slice(0, eq) : a;
    });
    if (!file && !args.length)
        return '';
    return (0,external_node_crypto_.createHash)('sha256')
        .update([file, ...args.sort()].join('\0'))
        .digest('hex')
        .slice(0, 8);
}
/**
 * Registry cache ref of one export. A build of the whole platform list writes the base ref itself (suffixed by the
 * target); a matrix leg or one node's part of a build (`perExport`) gets its platforms appended to the tag, so
 * legs and nodes never overwrite each other. Tags are cut to 128 characters with a hash keeping them unique.
 */
function registryCacheRef(cache, target, platforms, perExport) {
    const ref = (0,reference/* parseReference */.F2)(cache.ref);
    const parts = [ref.tag ?? 'buildcache', cache.scope, target, perExport ? platformsPart(platforms) : ''];
    let tag = parts.filter(Boolean).join('-');
    if (tag.length > 128)
        tag = `${tag.slice(0, 115)}-${(0,external_node_crypto_.createHash)('sha256').update(tag).digest('hex').slice(0, 12)}`;
    return `${ref.name}:${tag}`;
}
/**
 * The generated `--cache-from`/`--cache-to` specs of one export. Raw `cache-from`/`cache-to` inputs replace the
 * generated specs of their own direction (see buildArgs).
 */
function cacheSpecs(cache, scope) {
    const specs = backendSpecs(cache, scope);
    // the Actions cache backends follow the job's cache mode: read restores only, write-only saves only
    if (cache.backend !== 'gha' && cache.backend !== 'local')
        return specs;
    return {
        from: (0,runtime/* cacheModeReads */.z8)(cache.serviceMode) ? specs.from : [],
        to: (0,runtime/* cacheModeWrites */.SZ)(cache.serviceMode) ? specs.to : []
    };
}
function backendSpecs(cache, scope) {
    const exportAttrs = [`mode=${cache.mode}`, ...(cache.ignoreError ? ['ignore-error=true'] : [])].join(',');
    switch (cache.backend) {
        case 'gha': {
            const name = `scope=${ghaScope(cache, scope)}`;
            return { from: [`type=gha,${name}`], to: [`type=gha,${name},${exportAttrs}`] };
        }
        case 'registry': {
            const ref = `ref=${registryCacheRef(cache, scope.target, scope.platforms, scope.perExport)}`;
            return { from: [`type=registry,${ref}`], to: [`type=registry,${ref},${exportAttrs}`] };
        }
        case 'local': {
            const dirs = scope.localDirs;
            if (!dirs)
                throw new Error('local cache specs need the cache dirs');
            return { from: [`type=local,src=${dirs.src}`], to: [`type=local,dest=${dirs.dest},${exportAttrs}`] };
        }
        case 'inline':
            return { from: [`type=registry,ref=${cache.ref}`], to: ['type=inline'] };
        case 'none':
            return { from: [], to: [] };
    }
}
/** One line for the log: which cache, where, and why auto chose it. */
function describeCache(cache, specs) {
    const why = cache.requested !== 'auto'
        ? ''
        : cache.backend === 'gha'
            ? ' (auto: the Actions cache service is here)'
            : cache.serviceMode === 'none'
                ? " (auto: the job's cache mode is none)"
                : ' (auto: no Actions cache service)';
    if (cache.backend === 'none')
        return `No build cache${why}`;
    const mode = cache.serviceMode && cache.serviceMode !== 'read-write' ? ` (the job's cache mode: ${cache.serviceMode})` : '';
    return `Cache ${cache.backend}${why}${mode}: from ${specs.from.join(' ') || '-'}; to ${specs.to.join(' ') || '-'}`;
}
/**
 * local cache key: image, target and platforms, the Dockerfile's hash, then the run, so each run saves its own
 * (the source changes even when the Dockerfile does not); restore keys fall back to the newest of the same
 * Dockerfile, then of any Dockerfile.
 */
function localCacheKey(image, target, platforms, dockerfile, run) {
    const what = (0,external_node_crypto_.createHash)('sha256')
        .update(`${image}\0${target}\0${platformsPart(platforms)}`)
        .digest('hex')
        .slice(0, 16);
    const file = (0,external_node_crypto_.createHash)('sha256').update(dockerfile).digest('hex').slice(0, 16);
    const prefix = `xbuild-cache-${what}-`;
    return { key: `${prefix}${file}-${run}`, restoreKeys: [`${prefix}${file}-`, prefix] };
}

;// CONCATENATED MODULE: ./src/runner/annotations.ts


/**
 * The build's warnings as annotations on the Dockerfile's lines, as build-push-action makes them, unless the job
 * turned them off (DOCKER_BUILD_CHECKS_ANNOTATIONS=false, as it reads it: then they are log lines). The file is the
 * Dockerfile's path in the workspace, where the build read a local one; a Git context's has no place to point at.
 */
function annotateBuildWarnings(warnings, dockerfile, env = process.env) {
    const annotate = env.DOCKER_BUILD_CHECKS_ANNOTATIONS?.toLowerCase() !== 'false';
    const workspace = env.GITHUB_WORKSPACE || process.cwd();
    const file = dockerfile && external_node_path_.relative(workspace, external_node_path_.resolve(workspace, dockerfile));
    for (const w of warnings) {
        const message = `${w.detail || w.short}${w.url ? ` (${w.url})` : ''}`;
        if (!annotate) {
            core/* info */.pq(`Build warning: ${w.short}${w.url ? ` (${w.url})` : ''}`);
            continue;
        }
        // a warning about the Dockerfile (BuildKit names it by its file name, a failed build's listing does not) points
        // at its lines in the workspace
        const ours = file && !file.startsWith('..') && (!w.file || external_node_path_.basename(w.file) === external_node_path_.basename(file));
        const at = ours && w.startLine ? { file, startLine: w.startLine, endLine: w.endLine } : {};
        core/* warning */.$e(message, { title: w.short, ...at });
    }
}

;// CONCATENATED MODULE: ./src/runner/sign-summary.ts

/** The signing outputs and the summary's signature table (see modes/sign.ts). */
/** A digest → referrer map of the signatures (or the provenances) among the results. */
const referrers = (results, provenance) => JSON.stringify(Object.fromEntries(results.filter(r => (r.kind === 'provenance') === provenance).map(r => [r.digest, r.signature])));
/**
 * `signed`, `signatures` (signed digest → signature manifest digest), `attestations` (attested digest → provenance
 * manifest digest) and `verify-commands` (one line each).
 */
function setSignOutputs(results) {
    core/* setOutput */.uH('signed', String(results.length > 0));
    core/* setOutput */.uH('signatures', referrers(results, false));
    core/* setOutput */.uH('attestations', referrers(results, true));
    core/* setOutput */.uH('verify-commands', results.flatMap(r => r.verify).join('\n'));
}
/** The signature of each signed digest, checked in the registry, and how to verify it. */
function addSignTable(results) {
    if (!results.length)
        return;
    const header = ['Signed digest', 'Of', 'Signature (referrer)', 'Checked'].map(data => ({ data, header: true }));
    core/* summary */.z
        .addHeading('Signatures', 4)
        .addTable([header, ...results.map(r => [r.digest, r.kind, r.signature, 'verified in the registry'])])
        .addCodeBlock(results.flatMap(r => r.verify).join('\n'), 'sh');
}

;// CONCATENATED MODULE: ./src/runner/summary.ts


/** The `cache-hit` output: per platform, cached and total steps, and whether every step hit. */
function cacheHitJson(cache) {
    const out = {};
    for (const [p, u] of cache)
        out[p] = { ...u, hit: u.steps > 0 && u.cached === u.steps };
    return JSON.stringify(out);
}
function cacheCell(u) {
    if (!u || u.steps === 0)
        return '-';
    return `${u.cached}/${u.steps} steps cached`;
}
/** build-push-action's outputs, set as soon as the build is done, so a step after a failed read-back has them. */
function setBuildOutputs(metadata) {
    core/* setOutput */.uH('digest', metadata.digest);
    core/* setOutput */.uH('imageid', metadata.imageId);
    core/* setOutput */.uH('metadata', JSON.stringify(metadata.raw, null, 2));
}
function setOutputs(r) {
    setBuildOutputs(r.metadata);
    core/* setOutput */.uH('platforms', r.platforms.join(','));
    core/* setOutput */.uH('builder', r.builder.name);
    core/* setOutput */.uH('name', r.builder.name);
    core/* setOutput */.uH('driver', r.builder.driver);
    core/* setOutput */.uH('nodes', nodesJson(r.builder));
    core/* setOutput */.uH('emulated', emulated(r.plan).join(','));
    core/* setOutput */.uH('cache-hit', cacheHitJson(r.cache));
    setSignOutputs(r.signed ?? []);
}
/** setup-buildx-action's `nodes` output: each node as its name, endpoint, status, flags, BuildKit and platforms. */
function nodesJson(builder) {
    const nodes = builder.nodes.map(n => ({
        name: n.name,
        endpoint: n.endpoint,
        status: n.status,
        ...(n.flags ? { 'buildkitd-flags': n.flags } : {}),
        ...(n.buildkitVersion ? { buildkit: n.buildkitVersion } : {}),
        platforms: n.platforms.join(',')
    }));
    return JSON.stringify(nodes, undefined, 2);
}
function emulated(plan) {
    return plan.platforms.filter(p => p.strategy === 'qemu').map(p => p.platform);
}
/** How a platform is built, in words: `native`, `QEMU (qemu-aarch64)` or `node arm`. */
function servedBy(p) {
    if (p.strategy === 'node')
        return `node ${p.node}`;
    if (p.strategy === 'cross')
        return 'cross-compiled (no RUN on the target)';
    return p.strategy === 'native' ? 'native' : `QEMU (${p.emulator})`;
}
/** Which builder node built a platform: the node the plan named, else node 0 (the runner's). */
function nodeFor(builder, p) {
    if (p.node)
        return builder.nodes.find(n => n.name === `${builder.name}-${p.node}`)?.name ?? p.node;
    return builder.nodes[0]?.name ?? '-';
}
function smokeCell(s) {
    return s ? `${s.ok ? 'passed' : 'FAILED'} (${s.seconds.toFixed(1)} s)` : '-';
}
/** The per-platform rows: platform, strategy, node, time, digest, smoke run. */
function platformRows(r) {
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
function summaryWanted() {
    return !!process.env.GITHUB_STEP_SUMMARY && process.env.DOCKER_BUILD_SUMMARY?.toLowerCase() !== 'false';
}
/** The header of the per-platform rows. */
function platformHeader(r) {
    return [
        'Platform',
        'Strategy',
        'Node',
        r.platformSeconds ? 'Build time (its node)' : 'Build time (whole build)',
        'Manifest digest',
        `Cache (${r.cacheBackend})`,
        'Smoke run'
    ].map(data => ({ data, header: true }));
}
/** Writes the job summary (see summaryWanted). */
async function writeSummary(r) {
    if (!summaryWanted())
        return;
    const header = platformHeader(r);
    core/* summary */.z
        .addHeading('xbuild: multi-platform build', 3)
        .addTable([header, ...platformRows(r)])
        .addRaw(`<p>Index digest: <code>${r.metadata.digest || '-'}</code> · builder <code>${r.builder.name}</code> · `)
        .addRaw(`${r.verified ? 'verified in the registry' : 'not verified'}${r.installed.length ? ` · installed QEMU: ${r.installed.join(', ')}` : ''}</p>`);
    if (r.refs.length)
        core/* summary */.z.addList(r.refs.map(ref => `<code>${ref}</code>`));
    addSignTable(r.signed ?? []);
    await core/* summary */.z.write();
}
/** Outputs and summary of verify mode: what the registry holds, as read back. */
async function reportVerify(result) {
    const first = result.checks[0];
    core/* setOutput */.uH('digest', first.manifest.digest);
    core/* setOutput */.uH('platforms', [...first.found.keys()].join(','));
    if (!summaryWanted())
        return;
    await core/* summary */.z.addHeading('xbuild: verified', 3).addCodeBlock(result.table).write();
}
/** Outputs and summary of merge mode: one row per leg, then the index. */
async function reportMerge(merge, signed = []) {
    const first = merge.verify.checks[0];
    core/* setOutput */.uH('digest', first.manifest.digest);
    core/* setOutput */.uH('platforms', merge.platforms.join(','));
    setSignOutputs(signed);
    if (!summaryWanted())
        return;
    const header = ['Platform', 'Leg', 'Manifest digest'].map(data => ({ data, header: true }));
    core/* summary */.z
        .addHeading('xbuild: merged index', 3)
        .addTable([header, ...merge.legs.map(l => [l.platform, l.source, l.manifestDigest])])
        .addRaw(`<p>Index digest: <code>${first.manifest.digest}</code></p>`)
        .addCodeBlock(merge.verify.table);
    addSignTable(signed);
    await core/* summary */.z.write();
}
/** Outputs and summary of setup mode: setup-buildx-action's outputs, `platforms` the builder's (as it gives them). */
async function reportSetup(r) {
    const platforms = [...new Set(r.builder.nodes.flatMap(n => n.platforms))];
    core/* setOutput */.uH('name', r.builder.name);
    core/* setOutput */.uH('builder', r.builder.name);
    core/* setOutput */.uH('driver', r.builder.driver);
    core/* setOutput */.uH('nodes', nodesJson(r.builder));
    core/* setOutput */.uH('platforms', platforms.join(','));
    if (!summaryWanted())
        return;
    const header = ['Node', 'Status', 'BuildKit', 'Platforms'].map(data => ({ data, header: true }));
    const rows = r.builder.nodes.map(n => [n.name, n.status, n.buildkitVersion ?? '', n.platforms.join(', ')]);
    await core/* summary */.z
        .addHeading('xbuild: builder set up', 3)
        .addTable([header, ...rows])
        .addRaw(`<p>builder <code>${r.builder.name}</code>${r.use ? ' (the current builder)' : ''}`)
        .addRaw(`${r.installed.length ? ` · installed QEMU: ${r.installed.join(', ')}` : ''}</p>`)
        .write();
}

;// CONCATENATED MODULE: ./src/runner/bake-summary.ts


/** bake-action's `metadata` and the `digests` its users ask for, set as soon as the bake is done. */
function setBakeBuildOutputs(raw, digests) {
    core/* setOutput */.uH('metadata', JSON.stringify(raw, null, 2));
    core/* setOutput */.uH('digests', JSON.stringify(digests));
}
/** The outputs of the whole step: the builder's (as setup-buildx-action's), the platforms read back, the emulated. */
function setBakeOutputs(targets, builder, plan) {
    const platforms = [...new Set(targets.flatMap(t => t.report.platforms))];
    core/* setOutput */.uH('platforms', platforms.join(','));
    core/* setOutput */.uH('builder', builder.name);
    core/* setOutput */.uH('name', builder.name);
    core/* setOutput */.uH('driver', builder.driver);
    core/* setOutput */.uH('nodes', nodesJson(builder));
    core/* setOutput */.uH('emulated', emulated(plan).join(','));
}
async function writeBakeSummary(targets, installed) {
    if (!summaryWanted() || !targets.length)
        return;
    const first = targets[0].report;
    const rows = targets.flatMap(t => platformRows(t.report).map(row => [t.name, ...row]));
    core/* summary */.z
        .addHeading('xbuild: bake', 3)
        .addTable([[{ data: 'Target', header: true }, ...platformHeader(first)], ...rows])
        .addRaw(`<p>builder <code>${first.builder.name}</code>${installed.length ? ` · installed QEMU: ${installed.join(', ')}` : ''}</p>`);
    const lines = targets.map(t => `<code>${t.name}</code>: <code>${t.report.metadata.digest || '-'}</code> ${t.report.verified ? 'verified' : 'not verified'}${t.report.refs.length ? ` as ${t.report.refs.map(r => `<code>${r}</code>`).join(', ')}` : ''}`);
    await core/* summary */.z.addList(lines).write();
}
/** A bake merge's outputs (`digests`: target → index digest) and summary: a row per target and leg. */
async function reportBakeMerge(merged) {
    const digestOf = (m) => m.verify.checks[0].manifest.digest;
    core/* setOutput */.uH('digests', JSON.stringify(Object.fromEntries(merged.map(t => [t.name, digestOf(t.merge)]))));
    core/* setOutput */.uH('platforms', [...new Set(merged.flatMap(t => t.merge.platforms))].join(','));
    if (!summaryWanted())
        return;
    const header = ['Target', 'Platform', 'Leg', 'Manifest digest'].map(data => ({ data, header: true }));
    const rows = merged.flatMap(t => t.merge.legs.map(l => [t.name, l.platform, l.source, l.manifestDigest]));
    await core/* summary */.z
        .addHeading('xbuild: merged bake targets', 3)
        .addTable([header, ...rows])
        .addList(merged.map(t => `<code>${t.name}</code>: index <code>${digestOf(t.merge)}</code>, verified`))
        .write();
}

;// CONCATENATED MODULE: ./src/runner/event.ts

/**
 * Whether the workflow's event says the repository is private (GITHUB_EVENT_PATH's `repository.private`), as
 * build-push-action reads it for its default provenance. No event file, or no repository in it: not private.
 */
function repositoryIsPrivate(env) {
    if (!env.GITHUB_EVENT_PATH)
        return false;
    try {
        const event = JSON.parse(external_node_fs_.readFileSync(env.GITHUB_EVENT_PATH, 'utf8'));
        return event.repository?.private === true;
    }
    catch {
        return false;
    }
}

// EXTERNAL MODULE: ./src/docker/context.ts
var docker_context = __webpack_require__(25835);
;// CONCATENATED MODULE: ./src/docker/buildx-install.ts






/**
 * Which buildx runs the build: the installed one when it is new enough, else a pinned release downloaded through
 * @actions/tool-cache, checked against the release's checksums file, and put in front of the docker CLI for this
 * step only (a DOCKER_CONFIG of our own that links back to the user's config, credentials and builders).
 */
const TOOL = 'docker-buildx';
/** The version in `docker buildx version` (`github.com/docker/buildx 0.13.1+ds1 0.13.1+ds1-3`). */
function parseBuildxVersion(output) {
    const word = output.trim().split(/\s+/)[1] ?? '';
    if (!(0,versions/* parseVersion */.ot)(word))
        throw new Error(`cannot read the buildx version from "${output.trim().slice(0, 80)}"`);
    return word.replace(/^v/, '');
}
async function installedBuildx(docker) {
    return parseBuildxVersion((await docker.run(['buildx', 'version'], { silent: true })).stdout);
}
/** `buildx-v0.36.0.linux-arm-v7`: the release asset for this OS and CPU, as buildx names them. */
function releaseAsset(version, platform = process.platform, arch = process.arch) {
    const cpu = {
        x64: 'amd64',
        arm64: 'arm64',
        arm: 'arm-v7',
        ppc64: 'ppc64le',
        s390x: 's390x',
        riscv64: 'riscv64'
    };
    if (!cpu[arch])
        throw new Error(`buildx has no release for the CPU ${arch}`);
    return `buildx-v${version}.${platform === 'win32' ? 'windows' : platform}-${cpu[arch]}${platform === 'win32' ? '.exe' : ''}`;
}
/** URLs of one release's asset and checksums file, under `buildx-url`. */
function releaseUrls(base, version, asset) {
    return { binary: `${base}/v${version}/${asset}`, checksums: `${base}/v${version}/checksums.txt` };
}
/** `checksums.txt` lines `<sha256> *<file>` (or two spaces) → file → sha256. */
function parseChecksums(text) {
    const sums = new Map();
    for (const line of text.split('\n')) {
        const m = /^([0-9a-f]{64})\s+\*?(\S+)$/.exec(line.trim());
        if (m)
            sums.set(m[2], m[1]);
    }
    return sums;
}
/** Throws unless the file's sha256 is the one the checksums file lists for `asset`. */
function verifyChecksum(file, asset, checksums, from) {
    const expected = checksums.get(asset);
    if (!expected) {
        throw new Error(`The checksums file of ${from} lists no ${asset}: the release layout is not buildx's; nothing was installed`);
    }
    const actual = (0,external_node_crypto_.createHash)('sha256').update(external_node_fs_.readFileSync(file)).digest('hex');
    if (actual !== expected) {
        throw new Error(`${asset} from ${from} does not match its checksum (expected sha256 ${expected}, got ${actual}): the download is corrupt or was altered; nothing was installed`);
    }
}
/** Downloads (or finds in the tool cache) buildx `version`, checked against the release's checksums. */
async function fetchBuildx(version, baseUrl) {
    const tc = await Promise.all(/* import() */[__webpack_require__.e(88), __webpack_require__.e(805)]).then(__webpack_require__.bind(__webpack_require__, 59805));
    const cached = tc.find(TOOL, version);
    if (cached) {
        core/* info */.pq(`buildx ${version} is in the tool cache: ${cached}`);
        return external_node_path_.join(cached, TOOL);
    }
    const asset = releaseAsset(version);
    const urls = releaseUrls(baseUrl, version, asset);
    core/* info */.pq(`Downloading buildx ${version}: ${urls.binary}`);
    const sums = await tc.downloadTool(urls.checksums);
    const binary = await tc.downloadTool(urls.binary);
    try {
        verifyChecksum(binary, asset, parseChecksums(external_node_fs_.readFileSync(sums, 'utf8')), urls.checksums);
        external_node_fs_.chmodSync(binary, 0o755);
        const dir = await tc.cacheFile(binary, TOOL, TOOL, version);
        core/* info */.pq(`buildx ${version} verified (sha256) and kept in the tool cache: ${dir}`);
        return external_node_path_.join(dir, TOOL);
    }
    finally {
        external_node_fs_.rmSync(binary, { force: true });
        external_node_fs_.rmSync(sums, { force: true });
    }
}
/**
 * A docker config dir for this step: every entry of the user's config dir linked in (config.json with its
 * credentials, contexts, buildx's builders), plus cli-plugins/docker-buildx pointing at `binary`. The user's own
 * config is not touched; post removes the dir with the step's temp dir.
 */
function pluginConfigDir(binary, tempDir, userDir = (0,docker_context/* userDockerConfig */.O8)()) {
    const dir = external_node_path_.join(tempDir, 'docker-config');
    external_node_fs_.mkdirSync(external_node_path_.join(dir, 'cli-plugins'), { recursive: true, mode: 0o700 });
    // builders made in this step must stay visible to the user's buildx, so buildx's state dir is theirs
    external_node_fs_.mkdirSync(external_node_path_.join(userDir, 'buildx'), { recursive: true });
    for (const entry of external_node_fs_.readdirSync(userDir)) {
        if (entry !== 'cli-plugins')
            external_node_fs_.symlinkSync(external_node_path_.join(userDir, entry), external_node_path_.join(dir, entry));
    }
    const userPlugins = external_node_path_.join(userDir, 'cli-plugins');
    for (const plugin of external_node_fs_.existsSync(userPlugins) ? external_node_fs_.readdirSync(userPlugins) : []) {
        if (plugin !== TOOL)
            external_node_fs_.symlinkSync(external_node_path_.join(userPlugins, plugin), external_node_path_.join(dir, 'cli-plugins', plugin));
    }
    external_node_fs_.symlinkSync(binary, external_node_path_.join(dir, 'cli-plugins', TOOL));
    return dir;
}

;// CONCATENATED MODULE: ./src/docker/binfmt.ts




/**
 * QEMU in the daemon's kernel: binfmt_misc read where the step runs when that is the daemon's, else asked of the
 * daemon through the binfmt image (a privileged container sees the kernel's binfmt_misc, F flags included), and
 * the installer that adds what is missing and replaces entries build containers cannot use.
 */
const BINFMT_DIR = '/proc/sys/fs/binfmt_misc';
/** Parses one /proc/sys/fs/binfmt_misc/<name> file (`enabled`, `interpreter …`, `flags: POF`, …). */
function parseBinfmtEntry(name, text) {
    const lines = text.split('\n').map(l => l.trim());
    const field = (prefix) => lines
        .find(l => l.startsWith(prefix))
        ?.slice(prefix.length)
        .trim() ?? '';
    return { name, enabled: lines[0] === 'enabled', interpreter: field('interpreter'), flags: field('flags:') };
}
/** Reads the registered binfmt_misc entries; none when binfmt_misc is not mounted. */
function readBinfmt(dir = BINFMT_DIR) {
    let names;
    try {
        names = external_node_fs_.readdirSync(dir);
    }
    catch {
        return [];
    }
    return names
        .filter(n => n !== 'register' && n !== 'status')
        .flatMap(n => {
        try {
            return [parseBinfmtEntry(n, external_node_fs_.readFileSync(external_node_path_.join(dir, n), 'utf8'))];
        }
        catch {
            return [];
        }
    });
}
/**
 * Why the step's own binfmt_misc is not the daemon's ('' when it is). binfmt_misc is kernel-wide, so any mount of
 * it on the daemon's kernel shows the daemon's entries: that is so when docker is reached on a local unix socket
 * (not Docker Desktop's, whose engine runs in a VM) and binfmt_misc is mounted where the step runs. A runner in a
 * container, or a step in another mount namespace, usually has no binfmt_misc mounted; a tcp:// or ssh:// daemon
 * has a kernel of its own.
 */
function localReadIsNotDaemons(host, dir = BINFMT_DIR) {
    if (!host.startsWith('unix://'))
        return `docker is reached at ${host || 'an unknown host'}, another machine's kernel`;
    if (/\/\.docker\/(?:desktop|run)\//.test(host))
        return `${host} is Docker Desktop's engine, in a VM`;
    if (!external_node_fs_.existsSync(external_node_path_.join(dir, 'register')))
        return `binfmt_misc is not mounted at ${dir} where this step runs (a container, or another mount namespace)`;
    return '';
}
/** argv of the binfmt image: `--uninstall` entries, then `--install` emulators; with neither, it prints its status. */
function binfmtArgs(image, change = {}) {
    return [
        'run',
        '--privileged',
        '--rm',
        image,
        ...(change.uninstall?.length ? ['--uninstall', change.uninstall.join(',')] : []),
        ...(change.install?.length ? ['--install', change.install.join(',')] : [])
    ];
}
/** The status the binfmt image prints on stdout after any change (its log goes to stderr); undefined without one. */
function parseBinfmtStatus(stdout) {
    const start = stdout.indexOf('{');
    if (start < 0)
        return undefined;
    try {
        const status = JSON.parse(stdout.slice(start));
        return { supported: status.supported ?? [], emulators: status.emulators ?? [] };
    }
    catch {
        return undefined;
    }
}
/**
 * The daemon's entries as the plan reads them: each enabled emulator, flagged F when a container runs its platform
 * (the image proved it in its own container, which only an F entry or an interpreter inside that image passes).
 */
function entriesFromStatus(status) {
    const runs = new Set(status.supported.flatMap(p => {
        try {
            return [(0,model_platform/* emulatorFor */.jt)((0,model_platform/* normalizePlatform */.FL)(p))?.binfmt];
        }
        catch {
            return [];
        }
    }));
    return status.emulators.map(name => ({ name, enabled: true, interpreter: '', flags: runs.has(name) ? 'F' : '' }));
}
/** The daemon's emulators, asked of its kernel through the binfmt image. */
async function daemonBinfmt(docker, image) {
    const { stdout } = await docker.run(binfmtArgs(image), { silent: true, retry: (0,docker_retry/* networkRetry */.D1)(docker.budget) });
    const status = parseBinfmtStatus(stdout);
    if (!status)
        throw new Error(`${image} printed no binfmt status: is it a binfmt installer image?`);
    return entriesFromStatus(status);
}

;// CONCATENATED MODULE: ./src/model/export-groups.ts
function exportGroups(plan) {
    const groups = new Map();
    for (const p of plan.platforms) {
        const node = p.strategy === 'node' ? (p.node ?? '') : '';
        groups.set(node, [...(groups.get(node) ?? []), p.platform]);
    }
    return [...groups].map(([node, platforms]) => ({ node, platforms }));
}
/**
 * Split when more than one node builds, the cache is one the action names (gha or registry; raw cache-to is the
 * user's own layout), and the result is a tagged push the action can assemble with imagetools.
 */
function shouldSplit(config, cache, groups) {
    return (groups.length > 1 &&
        (cache.backend === 'gha' || cache.backend === 'registry') &&
        !config.cacheTo.length &&
        config.mode === 'build' &&
        config.push &&
        config.tags.length > 0 &&
        !config.outputs.length);
}

;// CONCATENATED MODULE: ./src/model/strategy.ts

/** An emulator works inside build containers only when enabled and registered with the F (fix-binary) flag. */
function usableEmulator(entry) {
    return !!entry && entry.enabled && entry.flags.includes('F');
}
/**
 * Decides, for each requested platform, whether the host runs it natively or QEMU emulates it,
 * and which emulators must be installed first. Pure: the caller reads the host and binfmt_misc.
 */
function planPlatforms(platforms, host, binfmt, qemu, nodes = [], targetRuns = true) {
    const { arch: nodeArch, probe } = typeof host === 'string' ? { arch: host } : host;
    const registered = new Map(binfmt.map(e => [e.name, e]));
    // binfmt_misc is asked before the kernel's own loader: an enabled qemu-i386 entry runs i386 even on a kernel
    // that could, so linux/386 is then emulated (through that entry) whatever the probe saw
    const native = new Set((0,model_platform/* hostNativePlatforms */.At)(nodeArch, probe).filter(p => !(p === 'linux/386' && registered.get('qemu-i386')?.enabled)));
    const own = (0,model_platform/* archOf */.Qh)((0,model_platform/* hostNativePlatforms */.At)(nodeArch)[0] ?? '');
    const plan = { platforms: [], install: [] };
    for (const platform of platforms) {
        // a node the user listed for a platform serves it, even one the runner could run (it asked for that machine)
        const node = nodes.find(n => n.platforms.includes(platform));
        if (node) {
            plan.platforms.push({ platform, strategy: 'node', node: node.name });
            continue;
        }
        if (native.has(platform)) {
            plan.platforms.push({ platform, strategy: 'native' });
            continue;
        }
        // a variant of the host's own architecture above what its CPU implements (amd64/v4 on a v3 CPU): no emulator is
        // registered for the host's own architecture (it would take every native binary), so BuildKit runs it natively
        if ((0,model_platform/* archOf */.Qh)(platform) === own) {
            plan.platforms.push({ platform, strategy: 'native' });
            const level = probe && nodeArch === 'x64' ? ` (it implements x86-64-v${probe.amd64Level})` : '';
            (plan.warnings ??= []).push(`${platform} needs CPU features this runner's CPU may lack${level}: RUN steps ` +
                'run natively and stop with "illegal instruction" where a binary uses them; build it on a runner or node whose CPU has them');
            continue;
        }
        // nothing executes on the target CPU (cross-compiling Dockerfile): no emulator needed
        if (!targetRuns) {
            plan.platforms.push({ platform, strategy: 'cross' });
            continue;
        }
        const emulator = (0,model_platform/* emulatorFor */.jt)(platform);
        if (!emulator)
            throw new Error(`${platform} runs neither natively on this ${nodeArch} host nor under QEMU: drop it`);
        plan.platforms.push({ platform, strategy: 'qemu', emulator: emulator.binfmt });
        const missing = !usableEmulator(registered.get(emulator.binfmt));
        if (qemu === 'false' && missing) {
            throw new Error(`${platform} needs the QEMU emulator ${emulator.binfmt}, which is not registered, and qemu is false: set qemu to auto or drop ${platform}`);
        }
        if ((missing && qemu === 'auto') || qemu === 'true') {
            if (!plan.install.includes(emulator.install))
                plan.install.push(emulator.install);
        }
    }
    return plan;
}

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: ./src/runner/state.ts
var state = __webpack_require__(6003);
;// CONCATENATED MODULE: ./src/runner/actions-cache.ts







/** The cache dirs live at a fixed path per key prefix: @actions/cache versions entries by their paths. */
function localCacheDirs(prefix) {
    const base = external_node_path_.join(process.env.RUNNER_TEMP || external_node_os_.tmpdir(), 'xbuild-cache', prefix.replace(/-$/, ''));
    return { src: base, dest: `${base}-new` };
}
async function restoreLocalCache(image, target, platforms, dockerfile, mode = 'read-write') {
    const run = `${process.env.GITHUB_RUN_ID ?? Date.now()}-${process.env.GITHUB_RUN_ATTEMPT ?? 1}`;
    const { key, restoreKeys } = localCacheKey(image, target, platforms, dockerfile, run);
    const dirs = localCacheDirs(restoreKeys[restoreKeys.length - 1]);
    for (const dir of [dirs.src, dirs.dest])
        external_node_fs_.rmSync(dir, { recursive: true, force: true });
    external_node_fs_.mkdirSync(dirs.src, { recursive: true });
    (0,state/* saveState */.LZ)(state/* StateKey */.zv.CacheDir, external_node_path_.dirname(dirs.src));
    if (!(0,runtime/* cacheModeReads */.z8)(mode)) {
        core/* info */.pq(`The job's cache mode is ${mode}: the local cache is not restored`);
        return { ...dirs, key, restoreKeys, restoredKey: '', mode };
    }
    const cache = await Promise.all(/* import() */[__webpack_require__.e(88), __webpack_require__.e(830), __webpack_require__.e(30), __webpack_require__.e(956)]).then(__webpack_require__.bind(__webpack_require__, 89956));
    const restoredKey = (await cache.restoreCache([dirs.src], key, restoreKeys)) ?? '';
    core/* info */.pq(restoredKey ? `Restored the local cache ${restoredKey}` : `No local cache yet for ${restoreKeys[0]}*`);
    return { ...dirs, key, restoreKeys, restoredKey, mode };
}
/**
 * What a BuildKit local cache holds, independent of order: its layer blobs and its record (cache key) digests,
 * sorted; '' when the dir holds no cache. The cache config itself is no fingerprint: a multi-platform build writes
 * the same layers and records in a different order each run (seen: two 3-platform runs, every step cached, two
 * config digests that differ only in layer and record order).
 */
function cacheFingerprint(dir) {
    const blob = (digest) => JSON.parse(external_node_fs_.readFileSync(external_node_path_.join(dir, 'blobs', ...digest.split(':')), 'utf8'));
    try {
        const top = JSON.parse(external_node_fs_.readFileSync(external_node_path_.join(dir, 'index.json'), 'utf8'));
        const cache = blob(top.manifests[0].digest);
        // 0.13: an index of the layers and the cache config; 0.25: an image manifest, the cache config its config (read
        // as an index, every 0.25 cache looked empty, so alike, and a changed build was never saved)
        const parts = cache.manifests ?? [];
        const config = cache.config ?? parts.find(m => m.mediaType === 'application/vnd.buildkit.cacheconfig.v0');
        const records = config ? (blob(config.digest).records ?? []) : [];
        const layers = (cache.layers ?? parts.filter(m => m !== config)).map(m => m.digest);
        return JSON.stringify({ layers: layers.sort(), records: records.map(r => r.digest).sort() });
    }
    catch {
        return '';
    }
}
/**
 * Rotates the new dir into place and saves it under this run's key; a failure warns (the image is built). A cache
 * holding what the restored one holds is not saved again: every entry counts against the repository's quota.
 */
async function saveLocalCache(local) {
    if (!(0,runtime/* cacheModeWrites */.SZ)(local.mode)) {
        core/* info */.pq(`The job's cache mode is ${local.mode}: the local cache is not saved`);
        return;
    }
    const written = cacheFingerprint(local.dest);
    if (!written) {
        core/* warning */.$e(`The build wrote no local cache to ${local.dest}: nothing to save`);
        return;
    }
    if (local.restoredKey && written === cacheFingerprint(local.src)) {
        core/* info */.pq(`The local cache is unchanged since ${local.restoredKey}: not saved again`);
        return;
    }
    external_node_fs_.rmSync(local.src, { recursive: true, force: true });
    external_node_fs_.renameSync(local.dest, local.src);
    try {
        const cache = await Promise.all(/* import() */[__webpack_require__.e(88), __webpack_require__.e(830), __webpack_require__.e(30), __webpack_require__.e(956)]).then(__webpack_require__.bind(__webpack_require__, 89956));
        // @actions/cache warns itself when the service refuses the entry (a write denied by the job's cache policy, a
        // key another job holds) and returns -1 instead of throwing
        const id = await cache.saveCache([local.src], local.key);
        core/* info */.pq(id === -1
            ? `The local cache ${local.key} was not saved: the service refused it (the warning above)`
            : `Saved the local cache as ${local.key}`);
    }
    catch (e) {
        core/* warning */.$e(`Could not save the local cache ${local.key}: ${e instanceof Error ? e.message : String(e)}`);
    }
}

;// CONCATENATED MODULE: ./src/runner/artifacts.ts





/**
 * `xbuild-<hash8>-<image>-<target>-<os-arch-variant>`. The hash of (image, target, platform) comes first, so two
 * different legs differ within the first 15 characters and no name is a prefix of another; the rest is for
 * people. Characters artifact names refuse (`/ : " < > | * ? \`) become `_`.
 */
function artifactName(image, target, platform, flavour = '') {
    const key = `${image}\0${target}\0${platform}${flavour ? `\0${flavour}` : ''}`;
    const hash = (0,external_node_crypto_.createHash)('sha256').update(key).digest('hex').slice(0, 8);
    const readable = `${image}-${target || 'default'}-${platformSlug(platform)}`.replace(/[^A-Za-z0-9._-]/g, '_');
    return `xbuild-${hash}-${readable}`;
}
function parseRecord(text, expected) {
    const r = JSON.parse(text);
    if (r.platform !== expected.platform || !/^sha256:[0-9a-f]{64}$/.test(r.digest ?? '')) {
        throw new Error(`handoff record for ${expected.platform} of ${expected.image} is not valid: ${text.slice(0, 120)}`);
    }
    return { platform: r.platform, digest: r.digest };
}
/** A leg's flavour: its tags, in one order (legs that push by `images` alone have none). */
function flavourOf(tags) {
    return [...new Set(tags)].sort().join(',');
}
/**
 * Uploads a leg's record; returns the artifact name. Artifact names are per run, not per attempt: a re-run attempt
 * (GITHUB_RUN_ATTEMPT > 1) first deletes the record an earlier attempt left, as upload-artifact's `overwrite` does,
 * or the service refuses the name. The first attempt skips that lookup.
 */
async function uploadRecord(record, dir, attempt = 1) {
    const { DefaultArtifactClient, ArtifactNotFoundError } = await Promise.all(/* import() */[__webpack_require__.e(830), __webpack_require__.e(30), __webpack_require__.e(275), __webpack_require__.e(458)]).then(__webpack_require__.bind(__webpack_require__, 67458));
    const client = new DefaultArtifactClient();
    const name = artifactName(record.image, record.target, record.platform, record.flavour);
    if (attempt > 1) {
        try {
            await client.deleteArtifact(name);
            core/* info */.pq(`Re-run attempt ${attempt}: replaced the record an earlier attempt left as ${name}`);
        }
        catch (e) {
            if (!(e instanceof ArtifactNotFoundError))
                throw e;
        }
    }
    const file = external_node_path_.join(dir, 'handoff.json');
    external_node_fs_.writeFileSync(file, JSON.stringify(record), { mode: 0o600 });
    await client.uploadArtifact(name, [file], dir, { retentionDays: 1 });
    core/* info */.pq(`Handed ${record.platform} ${record.digest} to the merge as artifact ${name}`);
    return name;
}
/**
 * Downloads the expected legs' records; a leg with no artifact is left out (the completeness check names it). The
 * legs of this flavour (the same tags) are looked for first, then legs that pushed by `images` alone.
 */
async function downloadRecords(leg, platforms, dir) {
    const { DefaultArtifactClient, ArtifactNotFoundError } = await Promise.all(/* import() */[__webpack_require__.e(830), __webpack_require__.e(30), __webpack_require__.e(275), __webpack_require__.e(458)]).then(__webpack_require__.bind(__webpack_require__, 67458));
    const client = new DefaultArtifactClient();
    const found = [];
    for (const platform of platforms) {
        const names = [...new Set([leg.flavour, ''])].map(f => artifactName(leg.image, leg.target, platform, f));
        for (const name of names) {
            try {
                const { artifact } = await client.getArtifact(name);
                const into = external_node_path_.join(dir, name);
                await client.downloadArtifact(artifact.id, { path: into });
                found.push(parseRecord(external_node_fs_.readFileSync(external_node_path_.join(into, 'handoff.json'), 'utf8'), { image: leg.image, platform }));
                core/* info */.pq(`${platform.padEnd(16)} artifact ${name}`);
                break;
            }
            catch (e) {
                if (!(e instanceof ArtifactNotFoundError))
                    throw e;
                core/* info */.pq(`${platform}: no artifact ${name}`);
            }
        }
    }
    return found;
}

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(31421);
;// CONCATENATED MODULE: ./src/runner/host.ts





/**
 * What the runner's own kernel and CPU run, measured as BuildKit measures it: a tiny binary executed per
 * architecture in doubt (here i386: x86_64 kernels built without IA32 emulation, as some microVM kernels are, refuse
 * it with ENOEXEC) and the CPU's flags for the amd64 variants. ~3 ms, no docker call.
 */
/**
 * A complete i386 ELF executable of 91 bytes: the ELF header, one loadable segment at 0x08048000, and
 * `xor ebx,ebx; xor eax,eax; inc eax; int 0x80` (exit(0)) at its entry.
 */
const ELF_386_EXIT0 = Buffer.from('7f454c46010101000000000000000000' + // e_ident: ELF, 32-bit, little-endian, version 1
    '02000300010000005480040834000000' + // ET_EXEC, EM_386, version, entry 0x08048054, phoff 52
    '00000000000000003400200001000000' + // shoff, flags, ehsize 52, phentsize 32, phnum 1, shentsize
    '00000000' + // shnum, shstrndx
    '01000000000000000080040800800408' + // PT_LOAD, offset 0, vaddr, paddr 0x08048000
    '5b0000005b0000000500000000100000' + // filesz, memsz 91, R+X, align 0x1000
    '31db31c040cd80', // exit(0)
'hex');
/** The i386 probe binary, for tests that run it under an emulator. */
const probeBinary386 = () => Buffer.from(ELF_386_EXIT0);
/** Runs the i386 probe: true when it exits 0, false on ENOEXEC, undefined when nothing could be executed here. */
function runs386(base) {
    let dir = '';
    try {
        dir = external_node_fs_.mkdtempSync(external_node_path_.join(base, 'xbuild-probe-'));
        const file = external_node_path_.join(dir, 'i386');
        external_node_fs_.writeFileSync(file, ELF_386_EXIT0, { mode: 0o700 });
        const run = (0,external_node_child_process_.spawnSync)(file, [], { timeout: 10_000, stdio: 'ignore' });
        const code = run.error && 'code' in run.error ? run.error.code : undefined;
        if (code === 'ENOEXEC')
            return false;
        return run.error ? undefined : run.status === 0;
    }
    catch {
        return undefined;
    }
    finally {
        if (dir)
            external_node_fs_.rmSync(dir, { recursive: true, force: true });
    }
}
/** The flags line of /proc/cpuinfo, split (the first CPU's: every core of one machine has the same). */
function cpuFlags(cpuinfo) {
    return /^flags\s*:(.*)$/m.exec(cpuinfo)?.[1].trim().split(/\s+/) ?? [];
}
/** Measures the runner's machine; undefined off linux/x64 (nothing in doubt there: one native architecture). */
function probeHost(base = process.env.RUNNER_TEMP || external_node_os_.tmpdir(), cpuinfo = '/proc/cpuinfo') {
    if (process.platform !== 'linux' || process.arch !== 'x64')
        return undefined;
    let flags = [];
    try {
        flags = cpuFlags(external_node_fs_.readFileSync(cpuinfo, 'utf8'));
    }
    catch {
        return undefined;
    }
    external_node_fs_.mkdirSync(base, { recursive: true });
    return { runs386: runs386(base), amd64Level: (0,model_platform/* amd64Level */.J7)(flags) };
}

;// CONCATENATED MODULE: ./src/runner/temp.ts




/** The step's own temp dir under RUNNER_TEMP and the files in it; post removes the dir. */
/** The step's own temp dir (0700): metadata file, secret files, buildkitd config. Post removes it. */
function makeTempDir() {
    const base = process.env.RUNNER_TEMP || external_node_os_.tmpdir();
    external_node_fs_.mkdirSync(base, { recursive: true });
    const dir = external_node_fs_.mkdtempSync(external_node_path_.join(base, 'xbuild-'));
    external_node_fs_.chmodSync(dir, 0o700);
    (0,state/* saveState */.LZ)(state/* StateKey */.zv.TempDir, dir);
    return dir;
}
/** Writes each value secret to its own 0600 file in the step's temp dir; post removes the dir. */
function writeSecretFiles(secrets, dir) {
    const files = {};
    for (const spec of secrets) {
        if (spec.kind !== 'value')
            continue;
        const file = external_node_path_.join(dir, `secret-${Object.keys(files).length + 1}`);
        external_node_fs_.writeFileSync(file, spec.value, { mode: 0o600 });
        files[spec.id] = file;
    }
    return files;
}

;// CONCATENATED MODULE: ./src/docker/builder-nodes.ts





/** `docker buildx create --append` for each `nodes` entry, then one boot of them all. */
/** A listed node could not join or start; `nodes` names the ones at fault (empty when it is node 0). */
class NodeStartError extends Error {
    nodes;
    constructor(message, nodes) {
        super(message);
        this.nodes = nodes;
    }
}
/** The docker context for a tcp:// node with TLS material, or undefined when it has none. */
async function tlsEndpoint(docker, name, spec, index, at) {
    const tls = (0,docker_context/* tlsFromEnv */.R0)(index, process.env);
    const context = `${name}-${spec.name}`;
    if (tls.cacert || tls.cert || tls.key)
        at.onContext(context);
    return (0,docker_context/* createTlsContext */.Pn)(docker, context, spec.endpoint, tls, external_node_path_.join(at.tempDir, `tls-node${index}`));
}
/**
 * Appends each `nodes` entry to the builder, then boots them all; a node that does not start fails the step
 * with its name, endpoint and BuildKit's own error.
 */
async function appendNodes(docker, name, config, at) {
    for (const [i, spec] of config.nodes.entries()) {
        const endpoint = (spec.kind === 'tcp' && (await tlsEndpoint(docker, name, spec, i + 1, at))) || spec.endpoint;
        const node = { ...spec, driverOpts: (0,docker_builder/* withNetwork */.pc)(spec.driverOpts, at.hostNetwork) };
        await docker.run((0,docker_builder/* appendArgs */.cn)(name, node, config.buildkitImage, endpoint), { silent: true }).catch((e) => {
            const reason = e instanceof exec/* CommandError */.Qd ? (0,exec/* lastLine */.fM)(e.stderr).replace(/^ERROR: /, '') : String(e);
            throw new NodeStartError(`Node ${spec.name} (${spec.endpoint}) could not join builder ${name}: ${reason}`, [
                spec.name
            ]);
        });
        core/* info */.pq(`Appended node ${name}-${spec.name}: ${spec.endpoint} for ${spec.platforms.join(', ')}`);
    }
    try {
        return (0,docker_builder/* reportBuilder */.uV)(await (0,docker_builder/* inspectBuilder */.IK)(docker, name, true));
    }
    catch (e) {
        const reason = e instanceof exec/* CommandError */.Qd ? (0,exec/* lastLine */.fM)(e.stderr).replace(/^ERROR: /, '') : String(e);
        const info = await (0,docker_builder/* inspectBuilder */.IK)(docker, name, false).catch(() => undefined);
        const down = info?.nodes.filter(n => n.status !== 'running') ?? [];
        const which = down.map(n => `${n.name} (${n.endpoint}, ${n.status})`).join(', ') || 'a node';
        const listed = config.nodes
            .filter(spec => down.some(n => n.name === `${name}-${spec.name}`))
            .map(spec => spec.name);
        throw new NodeStartError(`Builder ${name}: ${which} did not start: ${reason}. Check the node's endpoint, its docker engine and the BuildKit image there`, listed);
    }
}

;// CONCATENATED MODULE: ./src/docker/ssh.ts


/** ssh:// nodes: the key and pinned host keys, and an `ssh` wrapper docker's ssh helper runs instead of the system's. */
/**
 * Files for ssh:// nodes, in a 0700 dir of the step's temp dir: the key and pinned known_hosts (0600), an ssh
 * config that uses only them, and an `ssh` wrapper first on PATH so docker's ssh helper reads that config.
 */
function sshFiles(dir, realSsh) {
    return {
        id_key: { mode: 0o600, text: key => (key.endsWith('\n') ? key : `${key}\n`) },
        known_hosts: { mode: 0o600, text: (_key, hosts) => (hosts.endsWith('\n') ? hosts : `${hosts}\n`) },
        config: {
            mode: 0o600,
            text: () => [
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
        'bin/ssh': { mode: 0o700, text: () => `#!/bin/sh\nexec ${realSsh} -F ${dir}/config "$@"\n` }
    };
}
/**
 * Writes the ssh key, known hosts, config and wrapper for ssh:// nodes; returns the wrapper's dir, which goes
 * first on PATH for the docker commands that reach the nodes (undefined when no node is reached over ssh).
 */
function installSsh(config, tempDir, realSsh = '/usr/bin/ssh') {
    if (!config.nodes.some(n => n.kind === 'ssh'))
        return undefined;
    const dir = external_node_path_.join(tempDir, 'ssh');
    external_node_fs_.mkdirSync(external_node_path_.join(dir, 'bin'), { recursive: true, mode: 0o700 });
    for (const [file, { mode, text }] of Object.entries(sshFiles(dir, realSsh))) {
        external_node_fs_.writeFileSync(external_node_path_.join(dir, file), text(config.sshPrivateKey, config.sshKnownHosts), { mode });
    }
    return external_node_path_.join(dir, 'bin');
}

;// CONCATENATED MODULE: ./src/modes/builder-setup.ts









/**
 * Remembers the builder this step made, for post to remove. `onRunner`: it runs only on the runner's own daemon (a
 * local unix socket, no nodes), so a GitHub-hosted runner's machine takes it away with the job.
 */
function rememberBuilder(name, onRunner) {
    (0,state/* saveState */.LZ)(state/* StateKey */.zv.Builder, name);
    if (onRunner)
        (0,state/* saveState */.LZ)(state/* StateKey */.zv.BuilderOnRunner, 'true');
}
/** Remembers a docker context this step made, for post to remove. */
function madeContext(contexts, context) {
    contexts.push(context);
    (0,state/* saveState */.LZ)(state/* StateKey */.zv.Contexts, JSON.stringify(contexts));
}
/**
 * A DOCKER_HOST with TLS from the environment (DOCKER_TLS_VERIFY, DOCKER_CERT_PATH: docker-in-docker): buildx will
 * not create a builder from it, so, as setup-buildx-action does, a docker context holding it is made for this step
 * and removed in post. The docker CLI copies the certificate and key into its context store; post removes them.
 */
async function envContext(docker, contexts, name) {
    const tls = (0,docker_context/* envTls */.hK)(process.env);
    if (!tls)
        return undefined;
    const context = `${name}-env`;
    madeContext(contexts, context);
    await docker.run((0,docker_context/* envContextArgs */.YU)(context, process.env.DOCKER_HOST, tls), { silent: true });
    core/* info */.pq(`DOCKER_HOST ${process.env.DOCKER_HOST} uses TLS: the builder runs there through docker context ${context}`);
    return context;
}
/**
 * driver remote: the TLS material setup-buildx-action users give as BUILDER_NODE_0_AUTH_TLS_CACERT|CERT|KEY, written
 * 0600 for buildx's cacert=, cert=, key= options (none without it: a plain tcp:// or unix:// buildkitd).
 */
function remoteTls(config, tempDir) {
    const tls = (0,docker_context/* tlsFromEnv */.R0)(0, process.env);
    if (config.driver !== 'remote' || (!tls.cacert && !tls.cert && !tls.key))
        return [];
    const files = (0,docker_context/* writeTlsFiles */.MR)(tls, external_node_path_.join(tempDir, 'tls-remote'));
    return Object.entries(files).map(([what, file]) => `${what}=${file}`);
}
/** The builder's buildkitd.toml: buildkitd-config as given, else buildkitd-config-inline written 0600 into the temp dir. */
function writeBuildkitdConfig(config, tempDir) {
    if (config.buildkitdConfig)
        return config.buildkitdConfig;
    if (!config.buildkitdConfigInline.trim())
        return undefined;
    const file = external_node_path_.join(tempDir, 'buildkitd.toml');
    external_node_fs_.writeFileSync(file, config.buildkitdConfigInline, { mode: 0o600 });
    return file;
}
/** The docker that reaches ssh:// nodes: the step's ssh wrapper first on PATH, remembered for post's `buildx rm`. */
function sshDocker(docker, config, tempDir) {
    const bin = installSsh(config, tempDir);
    if (!bin)
        return docker;
    (0,state/* saveState */.LZ)(state/* StateKey */.zv.SshBin, bin);
    return docker.withEnv({ PATH: `${bin}:${process.env.PATH ?? ''}` });
}
/** Creates the builder with `nodes`; a node that will not start is reported as a NodeStartError. */
async function createWithNodes(docker, config, plan, nodes, f) {
    // with nodes, node 0 is pinned to what it serves, or buildx would send every platform to it
    const own = plan.platforms.filter(p => p.strategy !== 'node').map(p => p.platform);
    const opts = { hostNetwork: f.hostNetwork, configFile: f.configFile, tlsOpts: f.tlsOpts, context: f.context };
    await (0,docker_builder/* createBuilder */.Ij)(docker, f.name, config, { ...opts, platforms: nodes.length && own.length ? own : undefined });
    if (!nodes.length) {
        const what = config.driver === 'remote' ? `remote ${config.endpoint}` : config.buildkitImage;
        core/* info */.pq(`Created builder ${f.name} (${what}); it boots with the build`);
        return undefined;
    }
    const onContext = (context) => madeContext(f.contexts, context);
    return appendNodes(docker, f.name, { ...config, nodes }, { tempDir: f.tempDir, hostNetwork: f.hostNetwork, onContext });
}
/**
 * The builder the build runs on: the engine's, the user's, or a fresh docker-container one with the listed
 * nodes. With `node-fallback: qemu`, a node that will not start is dropped and its platforms re-planned.
 */
async function setUpBuilder(base, config, at) {
    // the engine's builder is named after the context, as `docker context show` names it
    if (config.driver === 'docker')
        return { name: (0,docker_context/* currentContext */.Fi)(), plan: at.plan, docker: base };
    if (config.builder)
        return { name: config.builder, plan: at.plan, docker: base };
    const hostNetwork = config.driver === 'docker-container' && (0,docker_builder/* needsHostNetwork */.EG)(config, at.dockerfile);
    if (hostNetwork)
        core/* info */.pq('A registry on localhost is involved: BuildKit gets the host network');
    const tlsOpts = remoteTls(config, at.tempDir);
    const contexts = [];
    const name = (0,docker_builder/* uniqueBuilderName */.Ak)();
    // with an endpoint input the builder runs there, as setup-buildx-action makes it: no context from the environment
    const context = config.driver === 'docker-container' && !config.endpoint ? await envContext(base, contexts, name) : undefined;
    const onRunner = config.driver === 'docker-container' && !config.nodes.length && !context && at.host.startsWith('unix://');
    // without nodes, the job's builder of these settings serves every step of the job
    const shared = config.nodes.length ? undefined : (0,docker_builder/* jobBuilderName */.Gq)(config, hostNetwork, process.env);
    if (shared)
        return jobBuilder(base, config, shared, { ...at, hostNetwork, tlsOpts, context, onRunner });
    // saved first, so post removes it even when creation fails half-way
    rememberBuilder(name, onRunner);
    const docker = sshDocker(base, config, at.tempDir);
    const fresh = {
        name,
        hostNetwork,
        configFile: writeBuildkitdConfig(config, at.tempDir),
        tlsOpts,
        tempDir: at.tempDir,
        contexts,
        context
    };
    for (let nodes = config.nodes, plan = at.plan;;) {
        try {
            return { name, info: await createWithNodes(docker, config, plan, nodes, fresh), plan, docker };
        }
        catch (e) {
            if (!(e instanceof NodeStartError && e.nodes.length && config.nodeFallback === 'qemu'))
                throw e;
            core/* warning */.$e(`${e.message}. node-fallback is qemu: building the platforms of ${e.nodes.join(', ')} under QEMU`);
            await (0,docker_builder/* removeBuilder */.iq)(docker, name);
            nodes = nodes.filter(n => !e.nodes.includes(n.name));
            plan = at.replan(nodes);
        }
    }
}
/**
 * The job's builder: created by the first step with these settings (whose post removes it), reused by the later
 * ones, which leave it to that post.
 */
async function jobBuilder(docker, config, name, at) {
    const configFile = writeBuildkitdConfig(config, at.tempDir);
    const opts = { hostNetwork: at.hostNetwork, configFile, tlsOpts: at.tlsOpts, context: at.context };
    try {
        await (0,docker_builder/* createBuilder */.Ij)(docker, name, config, opts);
    }
    catch (e) {
        if (!(0,docker_builder/* builderExists */.cv)(e)) {
            rememberBuilder(name, at.onRunner);
            throw e;
        }
        core/* info */.pq(`Reusing builder ${name}: an earlier step of this job made it with the same settings, and keeps its cache`);
        return { name, plan: at.plan, docker };
    }
    rememberBuilder(name, at.onRunner);
    core/* info */.pq(`Created builder ${name} (${config.buildkitImage}) for this job; later steps with the same settings reuse it`);
    return { name, plan: at.plan, docker };
}
/**
 * A builder the action did not create (driver docker, input builder) runs its own BuildKit: when the cache needs a
 * newer one, read it first and fail with the versions rather than meet an export error after the build.
 */
async function checkBuilderForCache(config, cache, ready) {
    if (!(0,versions/* requiredVersions */.Zo)(cache) || !(config.driver === 'docker' || config.driver === 'remote' || config.builder))
        return ready;
    const info = ready.info ?? (await (0,docker_builder/* inspectBuilder */.IK)(ready.docker, ready.name, config.driver !== 'docker'));
    const problem = (0,versions/* checkNodesBuildkitFor */.r6)(cache, info);
    if (problem)
        throw new Error(problem);
    return { ...ready, info };
}

;// CONCATENATED MODULE: ./src/modes/cache-setup.ts








/**
 * Makes sure the buildx that runs is one the build can use; returns the cache config to build with (an auto gha
 * cache may fall back) and the docker that runs it. Throws with the versions and the fix when nothing fits.
 */
async function ensureBuildx(docker, config, tempDir) {
    const buildkitProblem = (0,versions/* checkBuildkitFor */.iX)(config.cache, config.buildkitImage);
    if (buildkitProblem && config.cache.requested === 'gha')
        throw new Error(buildkitProblem);
    const installed = await installedBuildx(docker);
    const fallback = (0,versions/* fallbackCache */.xb)(config.cache, installed);
    if (fallback && config.buildxVersion === 'auto') {
        core/* warning */.$e(`The runner's cache service is API v2, which needs buildx 0.21+ and this runner has buildx ${installed}: building without a cache; set cache: gha to install buildx ${versions/* PINNED_BUILDX */.MR}`);
        return { cache: fallback, docker };
    }
    const choice = (0,versions/* chooseBuildx */.Qn)(installed, config.buildxVersion, config.cache);
    if (choice.action === 'use-installed') {
        if ((0,versions/* versionAtLeast */.zy)(installed, versions/* OLDEST_BUILDX */.Jz) === false)
            throw new Error(`buildx ${installed} is older than ${versions/* OLDEST_BUILDX */.Jz}, the oldest this action supports: set buildx-version: latest to run ${versions/* PINNED_BUILDX */.MR} for this step, or update Docker`);
        core/* info */.pq(`buildx ${installed}`);
        return { cache: config.cache, docker };
    }
    const binary = await fetchBuildx(choice.version, config.buildxUrl);
    const dir = pluginConfigDir(binary, tempDir);
    (0,state/* saveState */.LZ)(state/* StateKey */.zv.DockerConfig, dir);
    core/* info */.pq(`buildx ${choice.version} runs for this step (was ${installed}); your docker config is unchanged`);
    return { cache: config.cache, docker: docker.withEnv({ DOCKER_CONFIG: dir }) };
}
/**
 * The cache stage: the buildx that can serve the cache (installing the pinned release when asked), the specs,
 * the gha service variables for buildx, and for `cache: local` the restored directory.
 */
async function prepareCache(docker, config, tempDir, dockerfile) {
    const ready = (0,versions/* requiredVersions */.Zo)(config.cache) || config.buildxVersion !== 'auto'
        ? await ensureBuildx(docker, config, tempDir)
        : { cache: config.cache, docker };
    const { cache } = ready;
    const image = config.images[0] ?? (config.tags[0] ? repositoryOf(config) : '');
    const local = cache.backend === 'local'
        ? await restoreLocalCache(image, config.target, config.platforms, dockerfile, cache.serviceMode)
        : undefined;
    const specs = cacheSpecs(cache, {
        image,
        target: config.target,
        variant: buildVariant(config.file, config.buildArgs, process.env),
        platforms: config.platforms,
        perExport: config.mode === 'platform',
        localDirs: local
    });
    let env;
    if (cache.backend === 'gha') {
        env = (0,runtime/* ghaRuntimeEnv */.q1)(process.env);
        if (env.ACTIONS_RUNTIME_TOKEN)
            core/* setSecret */.Pq(env.ACTIONS_RUNTIME_TOKEN);
    }
    const raw = config.cacheFrom.length || config.cacheTo.length;
    core/* info */.pq(raw ? 'Cache: the raw cache-from/cache-to as given, nothing generated' : describeCache(cache, specs));
    return { cache, specs, env, local, docker: ready.docker };
}

;// CONCATENATED MODULE: ./src/modes/emulators.ts





/**
 * The daemon's emulators: read from the step's own binfmt_misc where that is the daemon's (no docker call), else,
 * when some platform needs QEMU, asked of the daemon's kernel through the binfmt image.
 */
async function readEmulators(docker, image, host, needsQemu, dir) {
    const remote = localReadIsNotDaemons(host, dir);
    if (!remote)
        return { entries: readBinfmt(dir), remote };
    if (!needsQemu)
        return { entries: [], remote };
    core/* info */.pq(`Asking the daemon's kernel for its emulators with ${image}: ${remote}`);
    return { entries: await daemonBinfmt(docker, image), remote };
}
/** Why an install left an emulator unusable, with what to do: rootless Docker cannot write the kernel's binfmt_misc. */
function installFailure(image, missing, stderr, host) {
    const said = stderr
        .split('\n')
        .map(l => l.trim())
        .find(l => /error|cannot|EPERM|denied|not permitted|already registered/i.test(l));
    const saidPart = said ? ` (the installer said: ${said})` : '';
    const rootless = /\/run\/user\/\d+\//.test(host) || /rootless/i.test(stderr);
    const fix = rootless
        ? 'rootless Docker cannot register emulators: binfmt_misc belongs to the host kernel and only root on the host ' +
            `writes it. Have root run \`docker run --privileged --rm ${image} --install <archs>\` once with rootful Docker ` +
            '(entries with the F flag serve rootless builds too), or build these platforms on native nodes'
        : `check that ${image} is a binfmt installer and that the runner allows --privileged`;
    return new Error(`QEMU install ran but ${missing.join(', ')} is still not registered with the F flag${saidPart}: ${fix}`);
}
/** Entries the build needs that are registered but unusable in containers (no F flag: a distro's qemu-user-binfmt). */
function staleEntries(view, needed) {
    const stale = view.entries.filter(e => needed.includes(e.name) && !usableEmulator(e));
    if (stale.length) {
        const what = stale
            .map(e => `${e.name}${e.interpreter ? ` (${e.interpreter}, flags "${e.flags}")` : ''}`)
            .join(', ');
        core/* warning */.$e(`Replacing ${what}: registered without the F flag (as Debian and Ubuntu's qemu-user-binfmt register them), so ` +
            'build containers cannot start the interpreter. The replacement registers a static QEMU with the F flag', { title: 'QEMU entries replaced' });
    }
    return stale;
}
/** Installs the emulators the plan lists as missing (replacing unusable entries), then checks the kernel has them. */
async function ensureEmulators(docker, plan, at) {
    const emulated = plan.platforms.filter(p => p.strategy === 'qemu').map(p => p.platform);
    const alreadyRegistered = at.view.entries
        .filter(usableEmulator)
        .map(e => e.name)
        .filter(n => n.startsWith('qemu-'));
    core/* info */.pq(`Registered emulators${at.view.remote ? " (the daemon's)" : ''}: ${alreadyRegistered.join(', ') || 'none'}`);
    if (plan.install.length === 0) {
        core/* info */.pq(emulated.length ? 'Every emulator needed is registered: nothing to install' : 'No platform needs QEMU');
        return { alreadyRegistered, installed: [], emulated };
    }
    const wanted = plan.platforms.filter(p => p.strategy === 'qemu' && plan.install.includes((0,model_platform/* emulatorFor */.jt)(p.platform).install));
    const stale = staleEntries(at.view, [...new Set(wanted.map(p => p.emulator))]);
    core/* info */.pq(`Installing QEMU for ${plan.install.join(', ')} with ${at.image}`);
    const change = { install: plan.install, uninstall: stale.map(e => e.name) };
    const run = await docker.run(binfmtArgs(at.image, change), { retry: (0,docker_retry/* networkRetry */.D1)(docker.budget) });
    const status = parseBinfmtStatus(run.stdout);
    const after = at.view.remote ? (status ? entriesFromStatus(status) : []) : readBinfmt(at.dir);
    const byName = new Map(after.map(e => [e.name, e]));
    const broken = wanted.filter(p => !usableEmulator(byName.get(p.emulator)));
    if (broken.length)
        throw installFailure(at.image, [...new Set(broken.map(p => p.emulator))], run.stderr, at.host);
    const installed = [...new Set(wanted.map(p => p.emulator))];
    core/* info */.pq(`Installed: ${installed.join(', ')}`);
    return { alreadyRegistered, installed, emulated };
}

// EXTERNAL MODULE: ./src/docker/info.ts
var info = __webpack_require__(49990);
;// CONCATENATED MODULE: ./src/modes/image-store.ts



/**
 * What the engine's image store allows, read once (`docker info`) and only where the build depends on it: the
 * engine's own builder (driver docker) and a multi-platform `load`. On the classic store (every ubuntu-24.04 runner)
 * the engine's builder builds one platform and exports no cache, and `load` keeps one platform per tag; buildx
 * would fail there only after the build. The containerd image store allows all three.
 */
async function fitImageStore(docker, config) {
    const engineBuilder = config.driver === 'docker' && !config.builder;
    const loadsSeveral = config.load && config.platforms.length > 1;
    if (!engineBuilder && !loadsSeveral)
        return config;
    if ((await (0,info/* readImageStore */.F7)(docker)) === 'containerd')
        return config;
    const fix = 'or turn on the containerd image store';
    const several = `${config.platforms.length} platforms (${config.platforms.join(', ')})`;
    if (loadsSeveral)
        throw new InputError('load', `Input load with ${several} needs the containerd image store, and this engine has the classic one (one platform per tag): push instead, load one platform, ${fix}`);
    if (config.platforms.length > 1)
        throw new InputError('driver', `Input driver docker builds one platform on the classic image store (this engine's), not ${several}: use driver: docker-container, ${fix}`);
    // an inline cache is part of the image, which the engine's builder writes
    const rawExport = config.cacheTo.some(spec => !/(^|,)type=inline(,|$)/.test(spec));
    if (rawExport || ['gha', 'registry', 'local'].includes(config.cache.requested))
        throw new InputError(rawExport ? 'cache-to' : 'cache', `Input driver docker exports no cache on the classic image store (this engine's; buildx: "Cache export is not supported for the docker driver"): use driver: docker-container, ${fix}`);
    if (config.cache.backend === 'none' || config.cache.backend === 'inline')
        return config;
    core/* info */.pq(`Cache: auto → none: driver docker exports no cache on the classic image store (inline would change the image); driver docker-container, or the containerd image store, would cache`);
    return { ...config, cache: { ...config.cache, backend: 'none' } };
}

;// CONCATENATED MODULE: ./src/docker/imagetools.ts



/** `docker buildx imagetools`: reading a manifest back as raw bytes, and creating an index from pushed manifests. */
/** argv that reads one reference's manifest as the registry holds it, byte for byte. */
function inspectRawArgs(ref) {
    return ['buildx', 'imagetools', 'inspect', '--raw', ref];
}
const LIST_TYPES = [
    'application/vnd.oci.image.index.v1+json',
    'application/vnd.docker.distribution.manifest.list.v2+json'
];
/**
 * Parses `imagetools inspect --raw REF`: an OCI index, a Docker manifest list, or a single image manifest.
 * The digest is the sha256 of the exact bytes, which is what the registry addresses them by.
 */
function parseRawManifest(raw) {
    let doc;
    try {
        doc = JSON.parse(raw);
    }
    catch {
        throw new Error(`imagetools inspect --raw did not print JSON: ${raw.slice(0, 80)}`);
    }
    const digest = `sha256:${(0,external_node_crypto_.createHash)('sha256').update(raw, 'utf8').digest('hex')}`;
    const mediaType = doc.mediaType ?? (doc.manifests ? LIST_TYPES[0] : 'application/vnd.oci.image.manifest.v1+json');
    const isList = LIST_TYPES.includes(mediaType) || Array.isArray(doc.manifests);
    const entries = (doc.manifests ?? []).map(d => ({
        digest: d.digest ?? '',
        mediaType: d.mediaType ?? '',
        platform: (0,model_platform/* platformOfDescriptor */.KZ)(d.platform ?? {}),
        attestation: d.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest'
    }));
    return { digest, mediaType, isList, entries };
}
/**
 * `imagetools inspect --raw`, by default retried through read-after-write lag (a just-pushed manifest can take a
 * moment); reads of what this step did not push pass `networkRetry`.
 */
async function readManifest(docker, ref, retry = (0,docker_retry/* readBackRetry */._s)(docker.budget)) {
    const { stdout } = await docker.run(inspectRawArgs(ref), { silent: true, retry });
    return parseRawManifest(stdout);
}
/** Annotations on a merged index: an unqualified `key=value` means the index itself. */
function indexAnnotation(annotation) {
    return /^[a-z-]+(\[[^\]]*\])?:/.test(annotation.split('=')[0]) ? annotation : `index:${annotation}`;
}
/** argv of `imagetools create`: every tag, the index annotations, then the sources by digest. */
function imagetoolsCreateArgs(tags, annotations, sources) {
    return [
        'buildx',
        'imagetools',
        'create',
        ...tags.flatMap(t => ['--tag', t]),
        ...annotations.flatMap(a => ['--annotation', indexAnnotation(a)]),
        ...sources
    ];
}
/** Pushes one index of `sources` under every tag. */
async function createIndex(docker, tags, annotations, sources) {
    await docker.run(imagetoolsCreateArgs(tags, annotations, sources), { retry: (0,docker_retry/* networkRetry */.D1)(docker.budget) });
}

;// CONCATENATED MODULE: ./src/model/dockerfile.ts
/**
 * Reads the parts of a Dockerfile that decide which platform each stage runs on and which base images it
 * pulls: global ARGs, FROM lines (with --platform, AS), RUN and COPY --from. Line continuations, comments,
 * parser directives and heredoc bodies are handled; everything else is skipped.
 */
/** Joins continuation lines, drops comments and heredoc bodies, and splits into instructions. */
function instructions(text) {
    const escape = /^#\s*escape\s*=\s*`/im.test(text.split('\n').slice(0, 5).join('\n')) ? '`' : '\\';
    const lines = text.split(/\r?\n/);
    const out = [];
    let current = '';
    let heredoc = [];
    for (const raw of lines) {
        if (heredoc.length) {
            if (raw.replace(/^\t+/, '').trim() === heredoc[0])
                heredoc.shift();
            continue;
        }
        const line = current ? raw : raw.trimStart();
        if (!current && (line.startsWith('#') || line.trim() === ''))
            continue;
        if (current && /^\s*#/.test(raw))
            continue; // comments inside a continuation are dropped
        if (line.trimEnd().endsWith(escape)) {
            current += line.trimEnd().slice(0, -1) + ' ';
            continue;
        }
        const full = (current + line).trim();
        current = '';
        const m = /^(\w+)\s*(.*)$/s.exec(full);
        if (!m)
            continue;
        out.push({ keyword: m[1].toUpperCase(), args: m[2] });
        heredoc = [...m[2].matchAll(/<<-?\s*["']?([A-Za-z_][A-Za-z0-9_]*)["']?/g)].map(h => h[1]);
    }
    return out;
}
/** Replaces `$VAR`, `${VAR}`, `${VAR:-default}` and `${VAR:+alt}`; undefined variables leave `undefined` in the result. */
function substitute(text, vars) {
    let unresolved = false;
    const value = text.replace(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g, (...m) => {
        const name = (m[1] ?? m[4]);
        const op = m[2];
        const word = m[3] ?? '';
        const v = vars[name];
        if (op?.endsWith('-'))
            return v === undefined || (op === ':-' && v === '') ? word : v;
        if (op?.endsWith('+'))
            return v === undefined || (op === ':+' && v === '') ? '' : word;
        if (v === undefined)
            unresolved = true;
        return v ?? '';
    });
    return unresolved ? undefined : value;
}
const unquote = (s) => s.replace(/^(["'])(.*)\1$/, '$2');
/** Parses `NAME[=default]` ARG lines. */
function readArgs(args) {
    return args
        .split(/\s+/)
        .filter(Boolean)
        .map(a => {
        const eq = a.indexOf('=');
        return eq < 0 ? [a, undefined] : [a.slice(0, eq), unquote(a.slice(eq + 1))];
    });
}
/** The stages of a Dockerfile, with build-args applied to the global ARGs. */
function parseStages(text, buildArgs = {}) {
    const global = {};
    const stages = [];
    const byName = new Map();
    const stageRef = (ref) => byName.get(ref.toLowerCase()) ?? (/^\d+$/.test(ref) && Number(ref) < stages.length ? Number(ref) : undefined);
    for (const { keyword, args } of instructions(text)) {
        if (keyword === 'ARG' && stages.length === 0) {
            for (const [name, def] of readArgs(args))
                global[name] = buildArgs[name] ?? def;
            continue;
        }
        if (keyword === 'FROM') {
            const flags = [...args.matchAll(/--(\w+)=(\S+)/g)].map(m => [m[1], m[2]]);
            const rest = args
                .replace(/--\w+=\S+\s*/g, '')
                .trim()
                .split(/\s+/);
            const baseText = rest[0] ?? '';
            const name = rest[1]?.toUpperCase() === 'AS' && rest[2] ? rest[2].toLowerCase() : '';
            const platformText = flags.find(([k]) => k === 'platform')?.[1] ?? '';
            const base = substitute(baseText, global) ?? '';
            const fromStage = stageRef(base);
            let platform = 'target';
            let fixedPlatform;
            if (/^\$\{?BUILDPLATFORM\}?$/.test(platformText))
                platform = 'build';
            else if (platformText && !/^\$\{?TARGETPLATFORM\}?$/.test(platformText)) {
                platform = 'fixed';
                fixedPlatform = substitute(platformText, global);
            }
            const stage = {
                index: stages.length,
                name,
                base,
                baseText,
                platform,
                fixedPlatform,
                fromStage,
                hasRun: false,
                uses: []
            };
            // a stage built on another stage runs where that one runs, unless it says otherwise
            if (fromStage !== undefined && !platformText) {
                stage.platform = stages[fromStage].platform;
                stage.fixedPlatform = stages[fromStage].fixedPlatform;
            }
            stages.push(stage);
            if (name)
                byName.set(name, stage.index);
            continue;
        }
        const stage = stages[stages.length - 1];
        if (!stage)
            continue;
        if (keyword === 'RUN')
            stage.hasRun = true;
        for (const m of args.matchAll(/--(?:from|mount=[^\s]*?from)=([^\s,]+)/g)) {
            const used = stageRef(m[1]);
            if (used !== undefined)
                stage.uses.push(used);
        }
    }
    return stages;
}
/** The stages a build of `target` (default: the last stage) really runs: it and everything it draws on. */
function reachableStages(stages, target = '') {
    const start = target ? stages.findIndex(s => s.name === target.toLowerCase()) : stages.length - 1;
    if (start < 0)
        return stages;
    const seen = new Set();
    const visit = (i) => {
        if (seen.has(i))
            return;
        seen.add(i);
        const s = stages[i];
        if (s.fromStage !== undefined)
            visit(s.fromStage);
        s.uses.forEach(visit);
    };
    visit(start);
    return stages.filter(s => seen.has(s.index));
}
/** External base images of the stages that run on the target platform (what must publish every platform). */
function targetBaseImages(stages) {
    const images = new Map();
    for (const s of stages) {
        if (s.platform !== 'target' || s.fromStage !== undefined || s.base.toLowerCase() === 'scratch')
            continue;
        const key = s.base || s.baseText;
        const entry = images.get(key) ?? { image: key, stages: [], unresolved: !s.base };
        entry.stages.push(s.name || String(s.index));
        images.set(key, entry);
    }
    return [...images.values()];
}
/** True when some stage that runs on the target platform executes a RUN step, which needs the platform's CPU. */
function runsOnTarget(stages) {
    return stages.some(s => s.platform === 'target' && s.hasRun);
}

;// CONCATENATED MODULE: ./src/model/table.ts
/** A plain-text table with aligned columns, for the log (the job summary gets HTML tables). */
function formatColumns(header, rows) {
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map(r => r[i].length)));
    const line = (cells) => cells
        .map((c, i) => c.padEnd(widths[i]))
        .join('  ')
        .trimEnd();
    return [line(header), ...rows.map(line)].join('\n');
}

;// CONCATENATED MODULE: ./src/modes/preflight.ts








/**
 * Before a long build: which stages run on the target platform, and does every external base image of those
 * stages publish every requested platform? A miss fails in seconds instead of inside the build.
 */
const PREFLIGHT_TIMEOUT_MS = 20_000;
/** `KEY=value` build-arg lines as a map. */
/** `KEY=value` build-arg lines as a map, as buildx reads them: a later key wins, a bare name reads the environment. */
function buildArgMap(lines, env) {
    const map = {};
    for (const line of lines) {
        const eq = line.indexOf('=');
        if (eq > 0)
            map[line.slice(0, eq)] = line.slice(eq + 1);
        else if (env[line] !== undefined)
            map[line] = env[line];
    }
    return map;
}
/** What the base gives for a platform as BuildKit picks it: the platform itself, or a variant it falls back to. */
function servedAs(b, p) {
    return (0,model_platform/* fallbackPlatforms */.zP)(p).find(q => b.published?.includes(q));
}
/** The base × platform table and the platforms each base lacks (no variant BuildKit would fall back to either). */
function missingPlatforms(bases, platforms) {
    return bases
        .filter(b => b.published)
        .map(b => ({ image: b.image, missing: platforms.filter(p => !servedAs(b, p)) }))
        .filter(m => m.missing.length);
}
function baseCell(b, p) {
    if (!b.published)
        return 'not checked';
    const as = servedAs(b, p);
    return !as ? 'MISSING' : as === p ? 'present' : `as ${as}`;
}
function formatBaseTable(bases, platforms) {
    const header = ['base image', ...platforms];
    const rows = bases.map(b => [b.image, ...platforms.map(p => baseCell(b, p))]);
    return formatColumns(header, rows);
}
function describeStage(s) {
    const name = s.name || `#${s.index}`;
    const from = s.fromStage !== undefined ? `stage ${s.base}` : s.base || s.baseText;
    if (s.platform === 'build')
        return `stage ${name} (FROM ${from}): --platform=$BUILDPLATFORM, runs natively (cross-compiling)`;
    if (s.platform === 'fixed')
        return `stage ${name} (FROM ${from}): fixed platform ${s.fixedPlatform ?? '?'}`;
    return `stage ${name} (FROM ${from}): runs on each target platform${s.hasRun ? ', with RUN steps' : ', no RUN step'}`;
}
/** Reads one base image's platform list; failures and timeouts become "not checked", never errors. */
async function inspectBase(docker, image) {
    let timer;
    const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer in ${PREFLIGHT_TIMEOUT_MS / 1000} s`)), PREFLIGHT_TIMEOUT_MS);
    });
    try {
        const manifest = await Promise.race([readManifest(docker, image, (0,docker_retry/* networkRetry */.D1)(docker.budget)), timeout]);
        if (!manifest.isList)
            return { notChecked: 'a single-platform image (no list to read platforms from)' };
        return { published: manifest.entries.filter(e => !e.attestation).map(e => e.platform) };
    }
    catch (e) {
        return { notChecked: e instanceof Error ? e.message.split('\n')[0] : String(e) };
    }
    finally {
        clearTimeout(timer);
    }
}
/** The local Dockerfile's text; undefined when there is none to read (remote context, stdin). */
/** Where the build reads its Dockerfile: the file input, else the context's Dockerfile. */
const dockerfilePath = (config) => config.file || external_node_path_.join(config.context, 'Dockerfile');
function readDockerfile(config) {
    try {
        return external_node_fs_.readFileSync(dockerfilePath(config), 'utf8');
    }
    catch {
        return undefined;
    }
}
/** The Dockerfile's stages as the build will run them (each logged). */
function readDockerfileStages(config, text) {
    const stages = reachableStages(parseStages(text, buildArgMap(config.buildArgs, process.env)), config.target);
    for (const s of stages)
        core/* info */.pq(describeStage(s));
    return { stages, targetRuns: runsOnTarget(stages), bases: targetBaseImages(stages) };
}
/** Reads every base image's platform list in parallel. Silent, so it can run beside other steps. */
function inspectBases(docker, report) {
    return Promise.all(report.bases.map(async (b) => b.unresolved
        ? { image: b.image, stages: b.stages, notChecked: 'its name depends on an ARG with no value' }
        : { image: b.image, stages: b.stages, ...(await inspectBase(docker, b.image)) }));
}
/** Logs the base × platform table and fails, naming each base and what it lacks, when one misses a platform. */
function checkBases(bases, platforms) {
    if (bases.length)
        core/* info */.pq(formatBaseTable(bases, platforms));
    for (const b of bases.filter(x => x.notChecked))
        core/* info */.pq(`${b.image}: not checked (${b.notChecked})`);
    const missing = missingPlatforms(bases, platforms);
    if (missing.length) {
        throw new Error(`Preflight: ${missing.map(m => `${m.image} does not publish ${m.missing.join(', ')}`).join('; ')}: drop the platform or pick a base that publishes it`);
    }
}

;// CONCATENATED MODULE: ./src/docker/container.ts
/** `docker run | rm`: the smoke run's containers. */
/** argv of the smoke run for one platform: a named, removed container of the pushed image by digest. */
function smokeArgs(name, platform, image, command) {
    return ['run', '--rm', '--quiet', '--name', name, '--pull', 'always', '--platform', platform, image, ...command];
}
/** argv that stops a smoke container that ran past its time. */
function smokeRemoveArgs(name) {
    return ['rm', '--force', name];
}

;// CONCATENATED MODULE: ./src/modes/smoke.ts



const tail = (text, lines = 5) => text.trim().split('\n').slice(-lines).join(' | ');
/** One platform's run: passed, failed with the command's output and the CLI's reason, or stopped at its time limit. */
async function smokeOne(docker, platform, image, command, timeoutSeconds) {
    const name = `xbuild-smoke-${process.pid}-${platform.replaceAll('/', '-')}`;
    const started = Date.now();
    let timer;
    const timeout = new Promise(resolve => {
        timer = setTimeout(() => resolve('timeout'), timeoutSeconds * 1000);
    });
    // the command's own output is stdout; on failure the CLI's last error line says why
    const run = docker.run(smokeArgs(name, platform, image, command), { silent: true }).then(r => ({ ok: true, output: r.stdout }), (e) => ({
        ok: false,
        output: e instanceof exec/* CommandError */.Qd
            ? `exit ${e.exitCode}: ${[e.stdout.trim(), (0,exec/* lastLine */.fM)(e.stderr)].filter(Boolean).join(' | ')}`
            : String(e)
    }));
    const outcome = await Promise.race([run, timeout]);
    clearTimeout(timer);
    const seconds = (Date.now() - started) / 1000;
    if (outcome !== 'timeout')
        return { platform, seconds, ...outcome };
    await docker.run(smokeRemoveArgs(name), { silent: true }).catch(() => undefined);
    return { platform, ok: false, seconds, output: `no exit within ${timeoutSeconds} s` };
}
/** Runs the command in each platform's image, one at a time; fails naming the first platform that did not pass. */
async function runSmoke(docker, targets, command, timeoutSeconds) {
    const results = [];
    for (const { platform, image } of targets) {
        const r = await smokeOne(docker, platform, image, command, timeoutSeconds);
        results.push(r);
        core/* info */.pq(`${platform.padEnd(16)} ${r.ok ? 'passed' : 'FAILED'} in ${r.seconds.toFixed(1)} s: ${tail(r.output, 1)}`);
    }
    const failed = results.find(r => !r.ok);
    if (failed) {
        throw new Error(`Smoke run failed on ${failed.platform} (${command.join(' ')}): ${tail(failed.output)}`);
    }
    return results;
}

;// CONCATENATED MODULE: ./src/modes/split.ts






/**
 * Build mode on a multi-node builder with a cache: one build per node, each its own cache export, then one
 * index. In a single multi-node build every node exports its cache to the same scope or ref and the last node to
 * finish replaces the others' (measured in the lab: after a prune only the last node's platforms hit). Built
 * apart, each node's export has a name of its own (its platform set) and every node hits next time.
 */
/** Index-level annotations go on the assembled index; the rest are already on each node's manifests. */
function indexAnnotations(annotations) {
    return annotations.filter(a => /^index(\[[^\]]*\])?:/.test(a));
}
/** The assembled index as build metadata: its digest, the tags, and each node build's own metadata. */
function indexMetadata(index, tags, builds) {
    return {
        digest: index.digest,
        imageId: '',
        mediaType: index.mediaType,
        imageNames: tags,
        buildRef: '',
        raw: { 'containerimage.digest': index.digest, 'image.name': tags.join(','), nodes: builds.map(b => b.metadata.raw) }
    };
}
/** Builds each group by digest in parallel, then tags one index of them all. */
async function runSplitBuild(docker, config, cache, groups, paths) {
    const started = Date.now();
    const repository = repositoryOf(config);
    core/* info */.pq(`One build per node, so each node's cache export keeps its own name: ${groups.map(g => `${g.node || 'node 0'} (${g.platforms.join(', ')})`).join('; ')}`);
    const builds = await Promise.all(groups.map((g, i) => runBuild(docker, config, {
        ...paths,
        metadataFile: external_node_path_.join(external_node_path_.dirname(paths.metadataFile), `metadata-${i + 1}.json`),
        cache: cacheSpecs(cache, {
            image: repository,
            target: config.target,
            variant: buildVariant(config.file, config.buildArgs, process.env),
            platforms: g.platforms,
            perExport: true
        })
    }, { part: { platforms: g.platforms, repository } })));
    const sources = builds.map(b => `${repository}@${b.metadata.digest}`);
    await createIndex(docker, config.tags, indexAnnotations(config.annotations), sources);
    const index = await readManifest(docker, config.tags[0]);
    const cacheUsage = new Map();
    const platformSeconds = new Map();
    builds.forEach((b, i) => {
        for (const [p, u] of b.cache)
            cacheUsage.set(p, u);
        for (const p of groups[i].platforms)
            platformSeconds.set(p, b.seconds);
    });
    const seconds = (Date.now() - started) / 1000;
    return { metadata: indexMetadata(index, config.tags, builds), seconds, cache: cacheUsage, platformSeconds };
}

;// CONCATENATED MODULE: ./src/modes/sign-lazy.ts
/**
 * The signing stage, loaded only by a step that signs: @sigstore's modules (sign, verify, tuf and their fetch stack)
 * are megabytes of JavaScript: loaded with the rest they added ~65 ms to the start of every main and
 * post step, signing or not (a plan-mode step: 196-232 ms before, 271-277 with them, 215-219 ms loaded so).
 */
async function signVerified(docker, config, verified, tempDir) {
    if (config.sign.method === 'none')
        return [];
    const { signStage } = await Promise.all(/* import() */[__webpack_require__.e(88), __webpack_require__.e(830), __webpack_require__.e(275), __webpack_require__.e(816), __webpack_require__.e(849)]).then(__webpack_require__.bind(__webpack_require__, 39849));
    return signStage(docker, config, verified, tempDir);
}

;// CONCATENATED MODULE: ./src/model/verification.ts

/** Compares one pushed manifest with what was asked for and built. Attestation manifests are not platforms. */
function checkManifest(ref, manifest, expected, builtDigest) {
    const found = new Map();
    // a bare image manifest is a valid result for one platform (a leg with provenance off); its digest is checked below
    if (!manifest.isList && expected.length === 1)
        found.set(expected[0], [manifest.digest]);
    for (const entry of manifest.entries) {
        if (entry.attestation)
            continue;
        found.set(entry.platform, [...(found.get(entry.platform) ?? []), entry.digest]);
    }
    return {
        ref,
        manifest,
        found,
        missing: expected.filter(p => !found.has(p)),
        unexpected: [...found.keys()].filter(p => !expected.includes(p)),
        duplicated: [...found.entries()].filter(([, d]) => d.length > 1).map(([p]) => p),
        digestMatches: !builtDigest || manifest.digest === builtDigest
    };
}
function checkPassed(c) {
    return ((c.manifest.isList || c.found.size === 1) &&
        !c.missing.length &&
        !c.unexpected.length &&
        !c.duplicated.length &&
        c.digestMatches);
}
const verification_short = (digest) => digest.replace(/^sha256:/, '').slice(0, 12);
/** The expected-vs-found table: one row per platform, one column per reference, then the list digest. */
function formatTable(expected, checks, builtDigest) {
    const platforms = [...new Set([...expected, ...checks.flatMap(c => [...c.found.keys()])])];
    const header = ['platform', 'expected', ...checks.map(c => c.ref)];
    const rows = platforms.map(p => [
        p,
        expected.includes(p) ? 'yes' : 'no',
        ...checks.map(c => {
            const digests = c.found.get(p);
            if (!digests)
                return c.manifest.isList ? 'MISSING' : 'not a list';
            return digests.length > 1 ? `DUPLICATE x${digests.length}` : verification_short(digests[0]);
        })
    ]);
    rows.push([
        'list digest',
        builtDigest ? verification_short(builtDigest) : '-',
        ...checks.map(c => `${verification_short(c.manifest.digest)}${c.digestMatches ? '' : ' (DIFFERS)'}`)
    ]);
    return formatColumns(header, rows);
}
/** One line saying what is wrong with each failed reference. */
function describeFailures(checks, builtDigest) {
    return checks
        .filter(c => !checkPassed(c))
        .map(c => {
        const parts = [];
        if (!c.manifest.isList)
            parts.push(`is a single-platform manifest (${c.manifest.mediaType}), not a list`);
        else {
            if (c.missing.length)
                parts.push(`lacks ${c.missing.join(', ')}`);
            if (c.unexpected.length)
                parts.push(`has unrequested ${c.unexpected.join(', ')}`);
            if (c.duplicated.length)
                parts.push(`lists ${c.duplicated.join(', ')} more than once`);
        }
        if (!c.digestMatches)
            parts.push(`points at ${c.manifest.digest}, not the built ${builtDigest}`);
        return `${c.ref} ${parts.join(', ')}`;
    })
        .join('; ');
}

;// CONCATENATED MODULE: ./src/modes/verify.ts






/** Reading pushed references back: the proof every build and merge ends with, and `mode: verify` on its own. */
/**
 * Reads every reference back from the registry and proves it lists each expected platform once and points at
 * `builtDigest`; with no built digest (verify mode, merge) the references must at least agree with the first.
 */
async function verifyPushed(docker, refs, expected, builtDigest) {
    const manifests = await Promise.all(refs.map(ref => readBack(docker, ref, builtDigest !== '')));
    const reference = builtDigest || manifests[0].digest;
    const checks = manifests.map((m, i) => checkManifest(refs[i], m, expected, reference));
    const table = formatTable(expected, checks, reference);
    core/* info */.pq(table);
    if (!checks.every(checkPassed)) {
        throw new Error(`Verify failed: ${describeFailures(checks, reference)}. The registry does not hold what ${builtDigest ? 'this step built' : 'was expected'}: ` +
            'another job may have pushed the same tag meanwhile; give each job its own tags, or re-run');
    }
    core/* info */.pq(`Verified ${refs.length} reference(s): ${expected.join(', ')} present once each, all at ${reference}`);
    return { checks, table };
}
/**
 * Reads one reference back. Credentials that may push but not pull (a push-only token) make the read fail after a
 * push that went through: said as such, with the way to skip the read-back.
 */
async function readBack(docker, ref, pushedHere) {
    try {
        return await readManifest(docker, ref);
    }
    catch (e) {
        if (!(pushedHere && e instanceof exec/* CommandError */.Qd && failures/* AUTH_FAILURE */.Y2.test((0,exec/* lastLine */.fM)(e.stderr))))
            throw e;
        throw new failures/* DiagnosedError */.xB('Verify could not read back', `Pushed, but ${ref} could not be read back to verify it: ${(0,exec/* lastLine */.fM)(e.stderr).replace(/^ERROR: /, '')}; give the step's credentials pull access, or set verify: false to skip the read-back`);
    }
}
/** verify mode: existing tags against the expected platforms (and digest), no build. */
async function runVerify(docker, config) {
    const result = await core/* group */.Os('Verify', () => verifyPushed(docker, config.tags, config.platforms, config.expectDigest));
    await reportVerify(result);
}

;// CONCATENATED MODULE: ./src/modes/build.ts






























/**
 * `mode: build` and `mode: platform` (one leg): read the Dockerfile, plan the platforms, then the cache, the
 * builder, the base check and QEMU, the build, the read-back, the handoff, the smoke run and the report. Each stage
 * is a log group of its own, in this order.
 */
/**
 * The plan, logged: how each platform is built, and one warning for all the platforms QEMU emulates (the runner
 * shows at most 10 warnings a step: one per platform would crowd out the ones that matter).
 */
function logPlan(plan) {
    for (const p of plan.platforms)
        core/* info */.pq(`${p.platform.padEnd(16)} ${servedBy(p)}`);
    for (const w of plan.warnings ?? [])
        core/* warning */.$e(w, { title: 'CPU features' });
    const qemu = plan.platforms.filter(p => p.strategy === 'qemu').map(p => p.platform);
    if (qemu.length) {
        const arches = [...new Set(qemu.map(model_platform/* archOf */.Qh))].join('/');
        core/* warning */.$e(`${qemu.join(', ')} ${qemu.length > 1 ? 'are' : 'is'} emulated with QEMU (RUN steps run ~10x slower): build natively with ${arches} nodes (input nodes) or runners (mode plan)`);
    }
    return plan;
}
/**
 * A leg is meant for a runner that builds it natively; on another (the docs' recipe runs every leg on one amd64
 * runner) it builds under QEMU, as build-push-action would, with a warning naming the native way.
 */
function warnLegEmulated(config, plan) {
    const qemu = plan.platforms.find(p => p.strategy === 'qemu');
    if (config.mode === 'platform' && config.qemu === 'auto' && qemu) {
        core/* warning */.$e(`This leg builds ${qemu.platform} under QEMU on a ${process.arch} runner: run it on a matching runner (mode plan maps them) to build it natively`);
    }
}
/** `call` evaluates a build method (check, outline, …) with buildx's --call, which buildx 0.15 brought. */
async function checkCallSupported(docker) {
    const version = await installedBuildx(docker);
    if ((0,versions/* versionAtLeast */.zy)(version, '0.15.0') === false) {
        throw new Error(`Input call needs buildx 0.15 or newer, and this runner has buildx ${version}: set buildx-version to ${versions/* PINNED_BUILDX */.MR} (or latest) to build with that release`);
    }
}
/** The Dockerfile's text and, with preflight, the stages the build runs. */
async function readStages(config) {
    const text = readDockerfile(config);
    if (config.preflight && text === undefined)
        core/* info */.pq('No local Dockerfile to read: preflight skipped');
    if (!config.preflight || text === undefined)
        return { text: text ?? '' };
    const report = await core/* group */.Os('Read the Dockerfile', () => Promise.resolve(readDockerfileStages(config, text)));
    if (!report.targetRuns)
        core/* info */.pq('No stage runs a RUN step on the target platform: non-native platforms build without QEMU');
    return { text, report };
}
/** The Dockerfile's path where the build reads a local one (the annotations point at its lines), else undefined. */
const localDockerfile = (config) => readDockerfile(config) === undefined ? undefined : dockerfilePath(config);
/** The build: one per node when a multi-node builder exports a cache, else one, reading the builder once it is up. */
async function buildStage(config, ready, cache, tempDir) {
    const { docker, name } = ready;
    const inspectOnce = (0,docker_builder/* builderOnce */.BC)(docker, name, ready.info);
    const paths = {
        builder: name,
        metadataFile: external_node_path_.join(tempDir, 'metadata.json'),
        secretFiles: writeSecretFiles(config.secrets, tempDir),
        cache: cache.specs,
        // the build's warnings (build checks) in the metadata file, for their annotations
        env: { ...cache.env, ...WARNINGS_ENV },
        builderId: (0,attestations/* provenanceBuilderId */.AD)(process.env),
        defaultProvenance: (0,attestations/* defaultProvenance */.Rm)(config, {
            env: process.env,
            repositoryPrivate: repositoryIsPrivate(process.env),
            buildkitOlderThan011: !config.builder && (0,versions/* buildkitImageOlderThan */.d7)(config.buildkitImage, '0.11.0')
        })
    };
    const groups = exportGroups(ready.plan);
    const build = await core/* group */.Os('Build', () => shouldSplit(config, cache.cache, groups)
        ? runSplitBuild(docker, config, cache.cache, groups, paths)
        : runBuild(docker, config, paths, {
            onBooted: () => void inspectOnce(),
            onFailedWarnings: warnings => annotateBuildWarnings(warnings, localDockerfile(config))
        }));
    return { build, builder: inspectOnce() };
}
async function readBackStage(docker, config, digest, grouped = true) {
    const pushed = pushes(config) && digest !== '';
    const refs = pushed ? refsToVerify(config, digest) : [];
    const readBack = { pushed, refs, platforms: config.platforms, platformDigests: new Map() };
    if (config.verify && pushed) {
        const verify = () => verifyPushed(docker, refs, config.platforms, digest);
        // bake reads its targets back side by side, in one group of its own
        const result = await (grouped ? core/* group */.Os('Verify', verify) : verify());
        readBack.platforms = [...result.checks[0].found.keys()];
        for (const [p, digests] of result.checks[0].found)
            readBack.platformDigests.set(p, digests[0]);
    }
    if (readBack.platformDigests.size === 0 && config.platforms.length === 1 && digest) {
        readBack.platformDigests.set(config.platforms[0], digest);
    }
    return readBack;
}
/** What the smoke run starts: each platform by its own manifest digest (read back by verify), else the build's. */
const smokeTargets = (config, readBack, digest) => config.platforms.map(platform => ({
    platform,
    image: `${repositoryOf(config)}@${readBack.platformDigests.get(platform) ?? digest}`
}));
/** Where node 0's container runs: the endpoint input of a docker-container builder, else ('') the current context. */
const daemonEndpoint = (config) => (config.driver === 'docker-container' ? config.endpoint : '');
/**
 * The plan of the platforms, on the daemon's emulators: read where the step runs when that is the daemon's kernel,
 * else asked of the daemon when some platform needs QEMU.
 */
async function planStage(docker, config, targetRuns) {
    // a remote or kubernetes builder serves every platform itself: its own emulators, none installed here
    const own = config.driver === 'remote' || config.driver === 'kubernetes';
    const nodes = own ? [{ name: config.driver, platforms: config.platforms }] : config.nodes;
    const host = (0,docker_context/* builderDaemonHost */.CL)(daemonEndpoint(config));
    // the kernel that runs the builds is measured where it is this step's own (i386 and the amd64 levels in doubt)
    const machine = { arch: process.arch, probe: localReadIsNotDaemons(host) ? undefined : probeHost() };
    const planOn = (entries, ns) => planPlatforms(config.platforms, machine, entries, config.qemu, ns, targetRuns);
    return core/* group */.Os('Plan platforms', async () => {
        const needsQemu = planOn([], nodes).platforms.some(p => p.strategy === 'qemu');
        const view = await readEmulators(docker, config.qemuImage, host, needsQemu);
        const replan = (ns) => logPlan(planOn(view.entries, ns));
        return { plan: replan(nodes), replan, view, host };
    });
}
/** The build mode's preflight: its one Dockerfile. */
async function buildPreflight(config) {
    const { text, report } = await readStages(config);
    const readBases = async (docker) => {
        const checks = report ? await inspectBases(docker, report) : [];
        return checks.length ? () => checkBases(checks, config.platforms) : undefined;
    };
    return { text, targetRuns: report?.targetRuns ?? true, readBases };
}
/** The builder ready for the build: planned, cached, created, its bases checked and its emulators installed. */
async function prepare(docker, given, preflight) {
    const config = await fitImageStore(docker, given);
    // the docker CLI pointed at node 0's daemon, whose kernel runs the emulators: the endpoint input's, where one is given
    const daemonEnv = (0,docker_context/* endpointEnv */.Np)(daemonEndpoint(config));
    const { plan, replan, view, host } = await planStage(docker.withEnv(daemonEnv), config, preflight.targetRuns);
    warnLegEmulated(config, plan);
    const tempDir = makeTempDir();
    // the base images are read from their registries while the builder is created; the build waits for both
    const bases = preflight.readBases(docker);
    const cache = await core/* group */.Os('Cache', () => prepareCache(docker, config, tempDir, preflight.text));
    if (config.call)
        await checkCallSupported(cache.docker);
    const ready = await core/* group */.Os('Set up builder', async () => checkBuilderForCache(config, cache.cache, await setUpBuilder(cache.docker, config, { tempDir, plan, dockerfile: preflight.text, replan, host })));
    const checkBasesNow = await bases;
    if (checkBasesNow)
        await core/* group */.Os('Check base images', () => Promise.resolve(checkBasesNow()));
    const qemu = await core/* group */.Os('Set up QEMU', () => ensureEmulators(ready.docker.withEnv(daemonEnv), ready.plan, { image: config.qemuImage, view, host }));
    return { config, tempDir, cache, ready, qemu };
}
/** A leg's record for the merge, as a workflow artifact of this run. */
async function handOff(config, digest, tempDir) {
    const record = {
        flavour: flavourOf(config.tags),
        image: repositoryOf(config),
        target: config.target,
        platform: config.platforms[0],
        digest
    };
    const attempt = Number(process.env.GITHUB_RUN_ATTEMPT || 1);
    await core/* group */.Os('Hand off to the merge', () => uploadRecord(record, tempDir, attempt));
}
async function runBuildMode(base, given) {
    const { config, tempDir, cache, ready, qemu } = await prepare(base, given, await buildPreflight(given));
    const { docker, plan } = ready;
    const { build, builder } = await buildStage(config, ready, cache, tempDir);
    setBuildOutputs(build.metadata);
    annotateBuildWarnings(parseBuildWarnings(build.metadata.raw), localDockerfile(config));
    if (cache.local)
        await core/* group */.Os('Save the local cache', () => saveLocalCache(cache.local));
    const readBack = await readBackStage(docker, config, build.metadata.digest);
    // what the read-back proved is signed: the verified digest (the input checks made sure the step pushes)
    const verified = { digest: build.metadata.digest, platformDigests: readBack.platformDigests.values() };
    const signed = readBack.pushed ? await signVerified(docker, config, verified, tempDir) : [];
    const report = await core/* group */.Os('Builder', async () => (0,docker_builder/* reportBuilder */.uV)(await builder));
    const smoke = config.smoke.length && readBack.pushed
        ? await core/* group */.Os('Smoke run', () => runSmoke(docker, smokeTargets(config, readBack, build.metadata.digest), config.smoke, config.smokeTimeout))
        : [];
    // the handoff goes last, after everything that can still fail the leg (a re-run attempt replaces it)
    if (config.mode === 'platform' && config.handoff === 'artifact' && readBack.pushed)
        await handOff(config, build.metadata.digest, tempDir);
    const summary = {
        ...readBack,
        plan,
        builder: report,
        metadata: build.metadata,
        buildSeconds: build.seconds,
        platformSeconds: build.platformSeconds,
        verified: config.verify && readBack.pushed,
        installed: qemu.installed,
        smoke,
        cache: build.cache,
        cacheBackend: cache.cache.backend,
        signed
    };
    setOutputs(summary);
    if (emulated(plan).length)
        core/* info */.pq(`Emulated with QEMU: ${emulated(plan).join(', ')}`);
    await writeSummary(summary);
}

;// CONCATENATED MODULE: ./src/modes/bake.ts



















/** Each target's Dockerfile (a file or `dockerfile-inline`) read, its stages logged, its bases checked per target. */
function bakePreflight(planned, enabled) {
    const read = planned.map(p => {
        const text = p.target.dockerfileInline ?? readDockerfile(p.config);
        if (!enabled || text === undefined)
            return { p, text: text ?? '' };
        core/* info */.pq(`target ${p.target.name} (${p.target.dockerfileInline ? 'dockerfile-inline' : dockerfilePath(p.config)}):`);
        return { p, text, report: readDockerfileStages(p.config, text) };
    });
    const readBases = async (docker) => {
        // each base image read once, however many targets build on it
        const bases = [...new Map(read.flatMap(r => r.report?.bases ?? []).map(b => [b.image, b])).values()];
        const all = await inspectBases(docker, { stages: [], targetRuns: true, bases });
        const checks = read.map(r => all.filter(c => r.report?.bases.some(b => b.image === c.image)));
        if (!checks.some(c => c.length))
            return undefined;
        return () => read.forEach((r, i) => {
            if (!checks[i].length)
                return;
            core/* info */.pq(`target ${r.p.target.name}:`);
            try {
                checkBases(checks[i], r.p.config.platforms);
            }
            catch (e) {
                throw new Error(`Target ${r.p.target.name}: ${e instanceof Error ? e.message : String(e)}`);
            }
        });
    };
    return {
        text: read.map(r => r.text).join('\n'),
        targetRuns: read.some(r => r.report?.targetRuns ?? true),
        readBases
    };
}
/** Where a leg pushes: the output spec the build mode gives a leg, and its names (none: a leg that only builds). */
function legOutput(c) {
    const [, spec] = outputArgs(c);
    const targets = pushTargets(c);
    return spec && targets ? { spec, refs: targets.refs } : undefined;
}
/** The generated overrides: each target's own cache scope (as a build step of that image and stage would have). */
function generatedSets(config, planned, cache) {
    const provenance = (0,attestations/* defaultProvenance */.Rm)(config, {
        env: process.env,
        repositoryPrivate: repositoryIsPrivate(process.env),
        buildkitOlderThan011: !config.builder && (0,versions/* buildkitImageOlderThan */.d7)(config.buildkitImage, '0.11.0')
    });
    const caches = planned.flatMap(({ target, config: c }) => cacheSets(target, cacheSpecs(cache.cache, {
        image: repositoryOf(c),
        target: target.name,
        variant: buildVariant(c.file, c.buildArgs, process.env),
        platforms: c.platforms,
        // a leg's export holds its one platform: named by it, so the legs never overwrite each other
        perExport: config.mode === 'platform'
    })));
    // a leg: its platform, and its output by digest (outputArgs gives ['--output', spec] where it pushes)
    const legs = config.mode === 'platform'
        ? planned.flatMap(({ target, config: c }) => legSets(target, c.platforms[0], legOutput(c)))
        : [];
    return [
        ...legs,
        ...caches,
        ...provenanceSets(planned.map(p => p.target), provenance)
    ];
}
/** The definition, read and logged: each target's platforms and tags. */
async function readDefinition(docker, config) {
    const host = (0,model_platform/* hostNativePlatforms */.At)(process.arch)[0];
    return core/* group */.Os('Read the bake definition', async () => {
        const targets = await printDefinition(docker, config);
        for (const t of targets)
            core/* info */.pq(`${t.name}: ${t.platforms.join(', ') || host} → ${t.tags.join(', ') || '(no tags)'}`);
        return targets.map(target => ({ target, config: targetConfig(config, target, host) }));
    });
}
async function runBakeMode(base, given) {
    const planned = legOf(await readDefinition(base, given), given);
    const union = [...new Set(planned.flatMap(p => p.config.platforms))];
    const all = { ...given, platforms: union, platformsGiven: true };
    const preflight = given.preflight
        ? await core/* group */.Os('Read the Dockerfiles', () => Promise.resolve(bakePreflight(planned, true)))
        : bakePreflight(planned, false);
    const { config, tempDir, cache, ready, qemu } = await prepare(base, all, preflight);
    const names = planned.map(p => p.target.name);
    const run = {
        builder: ready.name,
        metadataFile: external_node_path_.join(tempDir, 'bake-metadata.json'),
        sets: generatedSets(config, planned, cache),
        builderId: (0,attestations/* provenanceBuilderId */.AD)(process.env),
        env: { ...cache.env, ...WARNINGS_ENV }
    };
    const inspectOnce = (0,docker_builder/* builderOnce */.BC)(ready.docker, ready.name, ready.info);
    const result = await core/* group */.Os('Build', () => runBake(ready.docker, config, run, {
        names,
        onBooted: () => void inspectOnce(),
        onFailedWarnings: w => annotateBuildWarnings(w, undefined)
    }));
    setBakeBuildOutputs(result.raw, Object.fromEntries([...result.targets].map(([n, m]) => [n, m.digest])));
    annotateBuildWarnings(parseBuildWarnings(result.raw), undefined);
    const builder = await core/* group */.Os('Builder', async () => (0,docker_builder/* reportBuilder */.uV)(await inspectOnce()));
    const reports = await reportTargets(ready.docker, planned, result, {
        plan: ready.plan,
        builder,
        installed: qemu.installed
    });
    setBakeOutputs(reports, builder, ready.plan);
    // a leg hands its digest to the merge last, after everything that can still fail it
    const [leg] = reports;
    if (config.mode === 'platform' && leg.report.refs.length) {
        core/* setOutput */.uH('digest', leg.report.metadata.digest);
        if (config.handoff === 'artifact')
            await handOff({ ...planned[0].config, target: leg.name }, leg.report.metadata.digest, tempDir);
    }
    await writeBakeSummary(reports, qemu.installed);
}
/** Each target read back, smoke-run, and reported as a build step's run. */
async function reportTargets(docker, planned, result, common) {
    const metadataOf = (name) => result.targets.get(name) ?? { digest: '', imageId: '', mediaType: '', imageNames: [], buildRef: '', raw: {} };
    // every target read back side by side: one registry round trip of time, not one per target
    const readBacks = await core/* group */.Os('Verify', () => Promise.all(planned.map(p => readBackStage(docker, p.config, metadataOf(p.target.name).digest, false))));
    const reports = [];
    for (const [i, { target, config }] of planned.entries()) {
        const metadata = metadataOf(target.name);
        const readBack = readBacks[i];
        const smoke = config.smoke.length && readBack.pushed
            ? await core/* group */.Os(`Smoke run: ${target.name}`, () => runSmoke(docker, smokeTargets(config, readBack, metadata.digest), config.smoke, config.smokeTimeout))
            : [];
        const plan = { ...common.plan, platforms: common.plan.platforms.filter(p => config.platforms.includes(p.platform)) };
        reports.push({
            name: target.name,
            report: {
                ...readBack,
                plan,
                builder: common.builder,
                metadata,
                buildSeconds: result.seconds,
                verified: config.verify && readBack.pushed,
                installed: common.installed,
                smoke,
                cache: (0,docker_progress/* parseCacheUsage */.zN)(progressOf(result.progress, target.name), config.platforms),
                cacheBackend: config.cache.backend
            }
        });
    }
    return reports;
}

;// CONCATENATED MODULE: ./src/model/matrix.ts


/** `mode: plan`: the matrix of legs, one per platform, each on a runner that builds it natively where one exists. */
/** Runner labels by architecture; GitHub's hosted arm64 runners serve arm64, and 32-bit arm through QEMU. */
const DEFAULT_RUNNERS = {
    amd64: 'ubuntu-24.04',
    '386': 'ubuntu-24.04',
    arm64: 'ubuntu-24.04-arm',
    arm: 'ubuntu-24.04-arm'
};
/** The `plan` mode output: `{include: [...]}` for `strategy.matrix`, one leg per platform. */
function planMatrix(platforms, runnerMap) {
    return {
        include: platforms.map(platform => {
            const arch = (0,model_platform/* archOf */.Qh)(platform);
            const explicit = runnerMap[platform] ?? runnerMap[arch];
            const label = explicit ?? DEFAULT_RUNNERS[arch] ?? DEFAULT_RUNNERS.amd64;
            const runner = label.startsWith('[') ? JSON.parse(label) : label;
            // a runner the user mapped is taken as native; of the defaults only amd64, 386 and arm64 are
            const qemu = explicit === undefined && !['amd64', '386', 'arm64'].includes(arch);
            return { platform, 'platform-slug': platformSlug(platform), runner, qemu };
        })
    };
}

;// CONCATENATED MODULE: ./src/modes/merge.ts









/** `mode: merge`: the legs' digests into one index under every tag, refused unless every platform is there. */
/** Finds the legs: from the `digests` input, the legs' artifacts, or their handoff tags. Missing legs are left out. */
async function findLegs(docker, config, tempDir) {
    if (config.digests.length)
        return config.digests;
    if (config.handoff === 'artifact')
        return downloadRecords({ image: nameOf(config.tags[0]), target: config.target, flavour: flavourOf(config.tags) }, config.platforms, tempDir);
    const found = await Promise.all(config.platforms.map(async (platform) => {
        const tag = handoffTag(config.tags[0], platform);
        try {
            return [{ platform, digest: (await readManifest(docker, tag)).digest }];
        }
        catch (e) {
            if (e instanceof exec/* CommandError */.Qd && /not found|MANIFEST_UNKNOWN/i.test(e.stderr)) {
                core/* info */.pq(`${platform}: no leg at ${tag}`);
                return [];
            }
            throw e;
        }
    }));
    return found.flat();
}
/** Reads each leg by digest and checks it holds exactly its platform. */
async function resolveLegs(docker, entries, repository) {
    return Promise.all(entries.map(async ({ platform, digest }) => {
        const source = `${repository}@${digest}`;
        const manifestDigest = platformManifestDigest(await readManifest(docker, source), platform);
        if (!manifestDigest)
            throw new Error(`Merge refused: ${source} is not a single ${platform} image; check the leg's platform`);
        core/* info */.pq(`${platform.padEnd(16)} ${source}`);
        return { platform, digest, manifestDigest, source };
    }));
}
/** Refuses to publish when a platform is missing or doubled (unless allow-partial and nothing is doubled). */
function checkLegs(config, entries) {
    const completeness = checkCompleteness(config.platforms, entries);
    const problem = describeIncomplete(completeness);
    if (problem && !(config.allowPartial && completeness.sources.length && !completeness.duplicated.length)) {
        throw new Error(`Merge refused: ${problem}; no tag was created. Re-run the failed leg${completeness.missing.length ? ', or set allow-partial to publish without it' : ''}`);
    }
    if (problem)
        core/* warning */.$e(`Publishing a partial index (allow-partial): ${problem}`);
    return completeness.sources;
}
/** Verifies the index and that it lists each leg's manifest byte for byte. */
async function verifyIndex(docker, config, legs) {
    const result = await verifyPushed(docker, config.tags, legs.map(l => l.platform), '');
    const merged = result.checks[0].found;
    const changed = legs.filter(l => merged.get(l.platform)?.[0] !== l.manifestDigest);
    if (changed.length) {
        throw new Error(`Verify failed: the index lists ${changed.map(l => `${l.platform} at ${merged.get(l.platform)?.[0]}, not the leg's ${l.manifestDigest}`).join('; ')}`);
    }
    return result;
}
/** merge mode: every expected platform must have exactly one leg; then one index with all tags, verified. */
async function runMerge(docker, config, tempDir) {
    const repository = nameOf(config.tags[0]);
    const entries = await core/* group */.Os('Collect legs', () => findLegs(docker, config, tempDir));
    const sources = checkLegs(config, entries);
    const legs = await core/* group */.Os('Resolve legs', () => resolveLegs(docker, sources, repository));
    await core/* group */.Os('Create index', () => createIndex(docker, config.tags, config.annotations, legs.map(l => l.source)));
    const verify = await core/* group */.Os('Verify', () => verifyIndex(docker, config, legs));
    return { legs, platforms: legs.map(l => l.platform), verify };
}
/** merge mode as a step: the index made and verified, then signed where asked (its digest, with `all` the legs'), and reported. */
async function runMergeMode(docker, config) {
    const tempDir = makeTempDir();
    const merged = await runMerge(docker, config, tempDir);
    const verified = {
        digest: merged.verify.checks[0].manifest.digest,
        platformDigests: merged.legs.map(l => l.manifestDigest)
    };
    await reportMerge(merged, await signVerified(docker, config, verified, tempDir));
}

;// CONCATENATED MODULE: ./src/modes/bake-matrix.ts





/**
 * A bake definition across a matrix: `mode: plan` lists a leg per target × platform (on the runner-map's runners),
 * each leg is `mode: platform` with `targets` and `platforms` from its matrix entry (modes/bake.ts), and
 * `mode: merge` makes each target's index from its legs, all or nothing per target.
 */
/** `mode: plan` with a definition: the matrix `{include: [{target, platform, platform-slug, runner, qemu}]}`. */
async function runBakePlan(docker, config) {
    const planned = await readDefinition(docker, config);
    const include = planned.flatMap(({ target }) => {
        if (!target.platforms.length)
            throw new Error(`Target ${target.name} names no platforms: a matrix needs them (platforms in the definition, or set: *.platform=…)`);
        return planMatrix(target.platforms, config.runnerMap).include.map(leg => ({ target: target.name, ...leg }));
    });
    for (const leg of include)
        core/* info */.pq(`${leg.target.padEnd(16)} ${leg.platform.padEnd(16)} ${JSON.stringify(leg.runner)}${leg.qemu ? ' (QEMU)' : ''}`);
    core/* setOutput */.uH('matrix', JSON.stringify({ include }));
}
/**
 * `mode: merge` with a definition: per target, its legs (by handoff, the target's name in each record) into one
 * index under the target's tags, verified; a target whose legs are incomplete publishes nothing.
 */
async function runBakeMerge(docker, config, tempDir) {
    const planned = await readDefinition(docker, config);
    const merged = [];
    for (const { target, config: c } of planned) {
        core/* info */.pq(`target ${target.name}: ${target.platforms.join(', ')} → ${target.tags.join(', ')}`);
        const merge = await runMerge(docker, { ...c, mode: 'merge', target: target.name, annotations: config.annotations }, tempDir).catch((e) => {
            throw new Error(`Target ${target.name}: ${e instanceof Error ? e.message : String(e)}`);
        });
        merged.push({ name: target.name, merge });
    }
    await reportBakeMerge(merged);
}

;// CONCATENATED MODULE: ./src/modes/plan.ts



/** `mode: plan`: the matrix for the legs, one per platform with its runner; nothing runs. */
function runPlan(config) {
    const matrix = planMatrix(config.platforms, config.runnerMap);
    for (const leg of matrix.include)
        core/* info */.pq(`${leg.platform.padEnd(16)} ${JSON.stringify(leg.runner)}${leg.qemu ? ' (QEMU)' : ''}`);
    core/* setOutput */.uH('matrix', JSON.stringify(matrix));
    if (!(0,runtime/* onGithubCom */.M5)(process.env) && !Object.keys(config.runnerMap).length) {
        core/* warning */.$e(`The default runner labels (ubuntu-24.04, ubuntu-24.04-arm) are GitHub-hosted ones, which ${process.env.GITHUB_SERVER_URL} may not have: map the architectures to your runners with runner-map`);
    }
}

;// CONCATENATED MODULE: ./src/modes/setup.ts








/**
 * `mode: setup`: setup-qemu-action's and setup-buildx-action's job alone, for workflows that run their own
 * `docker buildx build` / `bake` commands in later steps. The build mode's stages in its order, but the emulators
 * go before the builder boots (BuildKit lists the platforms it can run when it starts, so an emulator registered
 * after the boot is missing from the builder's platforms), then the boot, `buildx use`, the outputs.
 */
async function runSetup(docker, config) {
    if (config.buildxVersion !== 'auto')
        core/* warning */.$e(`Input buildx-version installs buildx for this step only: in setup mode the later steps run the runner's buildx; install ${config.buildxVersion} in the job to run it there`);
    const daemonEnv = (0,docker_context/* endpointEnv */.Np)(daemonEndpoint(config));
    const { plan, replan, view, host } = await planStage(docker.withEnv(daemonEnv), config, true);
    const emulators = (p) => core/* group */.Os('Set up QEMU', () => ensureEmulators(docker.withEnv(daemonEnv), p, { image: config.qemuImage, view, host }));
    const qemu = await emulators(plan);
    const tempDir = makeTempDir();
    const ready = await core/* group */.Os('Set up builder', () => setUpBuilder(docker, config, { tempDir, plan, dockerfile: '', replan, host }));
    // a node that would not start (node-fallback: qemu) moved its platforms to QEMU: their emulators too
    if (ready.plan !== plan)
        qemu.installed.push(...(await emulators(ready.plan)).installed);
    const builder = await core/* group */.Os('Boot the builder', async () => (0,docker_builder/* reportBuilder */.uV)(await (0,docker_builder/* inspectBuilder */.IK)(ready.docker, ready.name, config.driver !== 'docker')));
    if (config.use) {
        await (0,docker_builder/* useBuilder */.nY)(ready.docker, ready.name);
        core/* info */.pq(`Builder ${ready.name} is the current builder: later docker buildx commands build on it`);
    }
    await reportSetup({ builder, installed: qemu.installed, use: config.use });
}

;// CONCATENATED MODULE: ./src/main.ts













/**
 * The main step: every input read and checked before anything runs, the secrets masked before the first command,
 * then the mode. The one Docker made here carries the retry budget and is passed to every stage.
 */
async function main() {
    (0,state/* saveState */.LZ)(state/* StateKey */.zv.IsPost, 'true');
    const config = readConfig(name => core/* getInput */.V4(name));
    for (const value of (0,secrets/* secretValues */.V)(config, process.env))
        core/* setSecret */.Pq(value);
    for (const warning of config.warnings)
        core/* warning */.$e(warning);
    (0,state/* saveState */.LZ)(state/* StateKey */.zv.Cleanup, String(config.cleanup));
    const docker = new cli/* Docker */.J({ retries: config.retries, backoffMs: config.retryBackoffMs });
    if (config.bake.given) {
        if (config.mode === 'plan')
            return runBakePlan(docker, config);
        if (config.mode === 'merge')
            return runBakeMerge(docker, config, makeTempDir());
        return runBakeMode(docker, config);
    }
    switch (config.mode) {
        case 'plan':
            return runPlan(config);
        case 'verify':
            return runVerify(docker, config);
        case 'setup':
            return runSetup(docker, config);
        case 'merge':
            return runMergeMode(docker, config);
        default:
            return runBuildMode(docker, config);
    }
}


/***/ }),

/***/ 63534:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AD: () => (/* binding */ provenanceBuilderId),
/* harmony export */   Rm: () => (/* binding */ defaultProvenance),
/* harmony export */   Vp: () => (/* binding */ runUrl),
/* harmony export */   dW: () => (/* binding */ withBuilderId),
/* harmony export */   r7: () => (/* binding */ attestArgs)
/* harmony export */ });
/* harmony import */ var _outputs_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(36099);

/**
 * Attestations as build-push-action asks for them: the provenance and sbom inputs first, then `attests` (whose
 * provenance and sbom entries those two inputs override), and with no provenance asked for, the provenance
 * build-push-action adds by default.
 */
const typeOf = (attest) => /(?:^|,)type=([^,]+)/.exec(attest)?.[1] ?? '';
/** True when nothing asks for provenance, so build-push-action's default applies. */
function provenanceUnasked(config) {
    return config.provenance === '' && !config.attests.some(a => typeOf(a) === 'provenance');
}
/** True when the result goes into the engine (load, or a docker output), where build-push-action adds none. */
function loaded(config) {
    return config.load || config.outputs.some(o => (0,_outputs_js__WEBPACK_IMPORTED_MODULE_0__/* .parseOutput */ .Fw)(o).type === 'docker');
}
/**
 * build-push-action's default provenance attributes, or '' where it adds none: mode=max with the run's URL as
 * builder id, or mode=min,inline-only=true when the event says the repository is private; none when the image is
 * loaded, when the builder's BuildKit is known to be older than 0.11, or when `call` evaluates instead of
 * building. The engine builder (driver docker) gets none here: on the classic image store buildx refuses any
 * attestation ("Attestation is not supported for the docker driver"), where the chain fails.
 */
function defaultProvenance(config, run) {
    if (!provenanceUnasked(config) || loaded(config) || config.driver === 'docker' || config.call)
        return '';
    if (run.buildkitOlderThan011)
        return '';
    const builderId = provenanceBuilderId(run.env);
    return ((run.repositoryPrivate ? 'mode=min,inline-only=true' : 'mode=max') + (builderId ? `,builder-id=${builderId}` : ''));
}
/** A run attempt's URL on its server: the builder id of BuildKit's provenance, the invocation of ours. */
const runUrl = (server, repository, runId, attempt) => `${server}/${repository}/actions/runs/${runId}/attempts/${attempt}`;
/** The run's URL, build-push-action's builder id of every provenance it passes ('' outside a workflow run). */
function provenanceBuilderId(env) {
    const { GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID, GITHUB_RUN_ATTEMPT } = env;
    if (!GITHUB_REPOSITORY || !GITHUB_RUN_ID)
        return '';
    return runUrl(GITHUB_SERVER_URL || 'https://github.com', GITHUB_REPOSITORY, GITHUB_RUN_ID, GITHUB_RUN_ATTEMPT || '1');
}
const hasBuilderId = (attrs) => attrs.split(',').some(f => f.split('=')[0].trim() === 'builder-id');
/**
 * The provenance input as build-push-action passes it: `true` becomes the builder id alone, attributes get it added
 * where they name none, `false` and empty stay.
 */
function withBuilderId(provenance, builderId) {
    if (!builderId || provenance === '' || provenance === 'false')
        return provenance;
    if (provenance === 'true')
        return `builder-id=${builderId}`;
    return hasBuilderId(provenance) ? provenance : `${provenance},builder-id=${builderId}`;
}
/** An `attests` entry: a provenance one gets the builder id where it names none. */
const attestWithBuilderId = (attest, builderId) => typeOf(attest) === 'provenance' && builderId && !hasBuilderId(attest) && !/(^|,)disabled=true(,|$)/.test(attest)
    ? `${attest},builder-id=${builderId}`
    : attest;
/** The attestation flags: `--provenance`, `--sbom` from their inputs, the default provenance, then `attests`. */
function attestArgs(config, byDefault, builderId = '') {
    const attests = config.attests.filter(a => !(typeOf(a) === 'provenance' && config.provenance) && !(typeOf(a) === 'sbom' && config.sbom));
    return [
        ...(config.provenance ? [`--provenance=${withBuilderId(config.provenance, builderId)}`] : []),
        ...(config.sbom ? [`--sbom=${config.sbom}`] : []),
        ...(byDefault ? ['--attest', `type=provenance,${byDefault}`] : []),
        ...attests.flatMap(a => ['--attest', attestWithBuilderId(a, builderId)])
    ];
}


/***/ }),

/***/ 36099:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D9: () => (/* binding */ pushedOutput),
/* harmony export */   Fw: () => (/* binding */ parseOutput),
/* harmony export */   JX: () => (/* binding */ pushLoadConflict)
/* harmony export */ });
/**
 * The `outputs` input as buildx reads each `--output`: CSV `key=value` fields (a field may be quoted whole, as
 * `"name=a,b"`), `type=registry` meaning an image pushed, and a bare path meaning a local directory.
 */
/** Splits one CSV line into fields, a double-quoted field whole (with `""` for a quote inside). */
function csvFields(text) {
    const fields = [];
    let field = '';
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (c === '"' && quoted && text[i + 1] === '"')
            field += text[++i];
        else if (c === '"')
            quoted = !quoted;
        else if (c === ',' && !quoted) {
            fields.push(field);
            field = '';
        }
        else
            field += c;
    }
    return [...fields, field];
}
function parseOutput(spec) {
    if (!spec.includes('='))
        return { type: 'local', attrs: { dest: spec } };
    const attrs = {};
    for (const field of csvFields(spec)) {
        const eq = field.indexOf('=');
        if (eq > 0)
            attrs[field.slice(0, eq).trim()] = field.slice(eq + 1).trim();
    }
    const type = attrs.type ?? 'local';
    delete attrs.type;
    // buildx: registry is shorthand for an image pushed
    return type === 'registry' ? { type: 'image', attrs: { ...attrs, push: 'true' } } : { type, attrs };
}
/**
 * What buildx does with `--push` or `--load` beside `--output`: push sets push=true on a first image output, load
 * needs a first docker output; any other first output cannot go with them (buildx refuses). '' when they fit.
 */
function pushLoadConflict(outputs, push, load) {
    if (!outputs.length || (!push && !load))
        return '';
    const first = parseOutput(outputs[0]).type;
    if (push && first !== 'image')
        return `push and a ${first} output cannot be used together`;
    if (load && first !== 'docker')
        return `load and a ${first} output cannot be used together`;
    return '';
}
/**
 * The names an image output pushes to and whether by digest; undefined when none. The names are its `name=`
 * (comma-separated), else the tags (buildx names the image after them: the docs' recipe gives the repository as
 * `tags` and an output without a name).
 */
function pushedOutput(outputs, push, tags = []) {
    const image = outputs.map(parseOutput).find(o => o.type === 'image');
    const names = image?.attrs.name ? image.attrs.name.split(',').map(n => n.trim()) : tags;
    if (!image || !(push || image.attrs.push === 'true') || !names.length)
        return undefined;
    const byDigest = image.attrs['push-by-digest'] === 'true';
    // by digest, a tag stands for its repository
    return { refs: byDigest ? [...new Set(names.map(n => n.replace(/:[^:/@]+$/, '')))] : names, byDigest };
}


/***/ }),

/***/ 3154:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   At: () => (/* binding */ hostNativePlatforms),
/* harmony export */   EM: () => (/* binding */ emulatorPlatforms),
/* harmony export */   FL: () => (/* binding */ normalizePlatform),
/* harmony export */   J7: () => (/* binding */ amd64Level),
/* harmony export */   KZ: () => (/* binding */ platformOfDescriptor),
/* harmony export */   Qh: () => (/* binding */ archOf),
/* harmony export */   VX: () => (/* binding */ parsePlatformList),
/* harmony export */   Wk: () => (/* binding */ PlatformError),
/* harmony export */   jt: () => (/* binding */ emulatorFor),
/* harmony export */   zP: () => (/* binding */ fallbackPlatforms)
/* harmony export */ });
const ARCHES = {
    amd64: { variants: ['v1', 'v2', 'v3', 'v4'], install: 'amd64', binfmt: 'qemu-x86_64' },
    '386': { variants: [], install: '386', binfmt: 'qemu-i386' },
    arm64: { variants: ['v8', 'v9'], install: 'arm64', binfmt: 'qemu-aarch64' },
    arm: { variants: ['v5', 'v6', 'v7', 'v8'], defaultVariant: 'v7', install: 'arm', binfmt: 'qemu-arm' },
    ppc64le: { variants: [], install: 'ppc64le', binfmt: 'qemu-ppc64le' },
    ppc64: { variants: [] },
    s390x: { variants: [], install: 's390x', binfmt: 'qemu-s390x' },
    riscv64: { variants: [], install: 'riscv64', binfmt: 'qemu-riscv64' },
    mips64le: { variants: [], install: 'mips64le', binfmt: 'qemu-mips64el' },
    mips64: { variants: [], install: 'mips64', binfmt: 'qemu-mips64' },
    loong64: { variants: [], install: 'loong64', binfmt: 'qemu-loongarch64' },
    wasm: { variants: [] }
};
const OSES = ['linux', 'windows', 'darwin', 'freebsd', 'netbsd', 'openbsd', 'wasip1', 'js'];
/** Spellings people use for an architecture, mapped to the OCI name (as containerd normalises them). */
const ARCH_ALIASES = {
    x86_64: { arch: 'amd64' },
    'x86-64': { arch: 'amd64' },
    i386: { arch: '386' },
    i686: { arch: '386' },
    x86: { arch: '386' },
    aarch64: { arch: 'arm64' },
    armhf: { arch: 'arm', variant: 'v7' },
    armel: { arch: 'arm', variant: 'v6' }
};
class PlatformError extends Error {
}
/** Parses `os/arch[/variant]` into its normal form, e.g. `linux/aarch64` → `linux/arm64`, `linux/arm` → `linux/arm/v7`. */
function normalizePlatform(text) {
    const raw = text.trim();
    const parts = raw.toLowerCase().split('/');
    if (parts.length < 2 || parts.length > 3 || parts.some(p => p === '')) {
        throw new PlatformError(`"${raw}" is not a platform: write os/arch[/variant], e.g. linux/arm64 or linux/arm/v7`);
    }
    const [os, archText, variantText] = parts;
    if (!OSES.includes(os)) {
        throw new PlatformError(`"${raw}" has an unknown OS "${os}": use one of ${OSES.join(', ')}`);
    }
    const alias = ARCH_ALIASES[archText];
    const arch = alias?.arch ?? archText;
    const info = ARCHES[arch];
    if (!info) {
        throw new PlatformError(`"${raw}" has an unknown architecture "${archText}": use one of ${Object.keys(ARCHES).join(', ')}`);
    }
    let variant = variantText ?? alias?.variant ?? info.defaultVariant;
    if (variant !== undefined && !info.variants.includes(variant)) {
        const allowed = info.variants.length ? `one of ${info.variants.join(', ')}` : 'no variant';
        throw new PlatformError(`"${raw}" has an unknown variant "${variant}" for ${arch}: ${arch} takes ${allowed}`);
    }
    // containerd's normal form drops the variants that add nothing
    if ((arch === 'arm64' && variant === 'v8') || (arch === 'amd64' && variant === 'v1'))
        variant = undefined;
    return variant ? `${os}/${arch}/${variant}` : `${os}/${arch}`;
}
/** Parses a platform list, refusing duplicates after normalisation (`linux/amd64` and `linux/x86_64` are one). */
function parsePlatformList(items) {
    const seen = new Map();
    for (const item of items) {
        const platform = normalizePlatform(item);
        const first = seen.get(platform);
        if (first !== undefined) {
            throw new PlatformError(`"${first}" and "${item.trim()}" are the same platform (${platform}): list it once`);
        }
        seen.set(platform, item.trim());
    }
    return [...seen.keys()];
}
/**
 * setup-qemu-action's `platforms`: `all` (its default, also for an empty list), architectures as the binfmt
 * image names them (`arm64`, `386`, `riscv64`) or platforms (`linux/arm64`), one platform each; `all` is every
 * architecture the binfmt image can emulate.
 */
function emulatorPlatforms(items) {
    const all = Object.keys(ARCHES)
        .filter(a => ARCHES[a].install)
        .map(a => normalizePlatform(`linux/${a}`));
    const expanded = items.length === 0 ? ['all'] : items;
    const platforms = expanded.flatMap(i => i.trim().toLowerCase() === 'all' ? all : [i.includes('/') ? i : `linux/${i}`]);
    return [...new Set(platforms.map(normalizePlatform))];
}
/** The architecture part of a platform: `linux/arm/v7` → `arm`. */
function archOf(platform) {
    return platform.split('/')[1];
}
/** The binfmt image's `--install` name and the binfmt_misc entry for a platform, if QEMU can emulate it. */
function emulatorFor(platform) {
    const info = ARCHES[archOf(platform)];
    return info?.install && info.binfmt ? { install: info.install, binfmt: info.binfmt } : undefined;
}
/** Builds a platform string from the `platform` object of an OCI descriptor. */
function platformOfDescriptor(p) {
    const text = [p.os ?? 'unknown', p.architecture ?? 'unknown', p.variant].filter(Boolean).join('/');
    try {
        return normalizePlatform(text);
    }
    catch {
        return text;
    }
}
/** The CPU flags (as /proc/cpuinfo spells them) each x86-64 level adds, from the x86-64 psABI. */
const AMD64_LEVELS = [
    ['cx16', 'lahf_lm', 'popcnt', 'pni', 'sse4_1', 'sse4_2', 'ssse3'],
    ['avx', 'avx2', 'bmi1', 'bmi2', 'f16c', 'fma', 'abm', 'movbe', 'xsave'],
    ['avx512f', 'avx512bw', 'avx512cd', 'avx512dq', 'avx512vl']
];
/** The x86-64 level (1-4) of a CPU from its flags: the highest level whose flags, and all below, it has. */
function amd64Level(flags) {
    const has = new Set(flags);
    let level = 1;
    for (const needed of AMD64_LEVELS) {
        if (!needed.every(f => has.has(f)))
            break;
        level++;
    }
    return level;
}
/**
 * The platforms a host runs without emulation, by Node's `process.arch` and, where it was measured, what its
 * kernel and CPU run: linux/386 only where an i386 binary ran (kernels built without IA32 emulation refuse it), the
 * amd64 variants up to the CPU's level (v3 needs AVX2). Unmeasured (a daemon elsewhere), an x64 host is assumed
 * to run i386 and up to v3, as most do.
 */
function hostNativePlatforms(nodeArch, probe) {
    switch (nodeArch) {
        case 'x64': {
            const level = probe?.amd64Level ?? 3;
            const variants = ['v2', 'v3', 'v4'].slice(0, level - 1).map(v => `linux/amd64/${v}`);
            return ['linux/amd64', ...variants, ...(probe?.runs386 === false ? [] : ['linux/386'])];
        }
        case 'arm64':
            // 32-bit arm is not assumed: many arm64 servers (GitHub's arm runners among them) lack AArch32
            return ['linux/arm64'];
        case 'ppc64':
            return ['linux/ppc64le'];
        case 's390x':
            return ['linux/s390x'];
        case 'riscv64':
            return ['linux/riscv64'];
        default:
            return [];
    }
}
/**
 * A platform and the ones containerd's matcher falls back to when an image lacks it, best first, as BuildKit picks
 * a base image's manifest: arm v8 → v7 → v6 → v5, amd64 v4 → v3 → v2 → v1, arm64 v9 → v8.
 */
function fallbackPlatforms(platform) {
    const [os, arch, variant] = platform.split('/');
    const order = {
        arm: ['v8', 'v7', 'v6', 'v5'],
        amd64: ['v4', 'v3', 'v2', undefined],
        arm64: ['v9', undefined]
    };
    const variants = order[arch];
    const from = variants?.indexOf(variant);
    if (!variants || from === undefined || from < 0)
        return [platform];
    return variants.slice(from).map(v => (v ? `${os}/${arch}/${v}` : `${os}/${arch}`));
}


/***/ }),

/***/ 86676:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F2: () => (/* binding */ parseReference),
/* harmony export */   Fv: () => (/* binding */ registryOf),
/* harmony export */   n3: () => (/* binding */ isDefaultRegistry),
/* harmony export */   rY: () => (/* binding */ isLocalRegistry),
/* harmony export */   z0: () => (/* binding */ ImageRefError)
/* harmony export */ });
/** Image references as Docker's distribution/reference grammar defines them (the subset tags and names use). */
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const DOMAIN_PART = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_PART}(?:\\.${DOMAIN_PART})*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?`;
const NAME = new RegExp(`^(?:${DOMAIN}/)?${COMPONENT}(?:/${COMPONENT})*$`);
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[0-9a-f]{32,}$/;
class ImageRefError extends Error {
}
/** Splits `name[:tag][@digest]`, checking each part; throws a ImageRefError saying what is wrong. */
function parseReference(text) {
    const ref = text.trim();
    if (/\s/.test(ref) || ref === '')
        throw new ImageRefError(`"${text}" is not an image reference: it is empty or holds spaces`);
    const [rest, digest] = ref.split('@', 2);
    const slash = rest.lastIndexOf('/');
    const colon = rest.lastIndexOf(':');
    const hasTag = colon > slash;
    const name = hasTag ? rest.slice(0, colon) : rest;
    const tag = hasTag ? rest.slice(colon + 1) : undefined;
    if (!NAME.test(name)) {
        throw new ImageRefError(`"${ref}" has an invalid name "${name}": repository names are lowercase letters, digits and . _ - separators`);
    }
    if (tag !== undefined && !TAG.test(tag)) {
        throw new ImageRefError(`"${ref}" has an invalid tag "${tag}": up to 128 of letters, digits, _ . - (not first)`);
    }
    if (digest !== undefined && !DIGEST.test(digest)) {
        throw new ImageRefError(`"${ref}" has an invalid digest "${digest}": expected algorithm:hex, e.g. sha256:…`);
    }
    return { name, tag, digest };
}
/** The registry host a reference points at (`localhost:5000` of `localhost:5000/a/b:1`), or '' for the default registry. */
function registryOf(name) {
    const first = name.split('/')[0];
    const isHost = name.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
    return isHost ? first : '';
}
/** True when a name lives on this machine, where a containerised BuildKit needs the host network to reach it. */
function isLocalRegistry(name) {
    const host = registryOf(name).replace(/:\d+$/, '');
    return host === 'localhost' || host.startsWith('127.') || host === '[::1]';
}
/**
 * Whether a reference's registry host is the engine's default one: no host, or the host of its index address or a
 * parent domain of it (a reference may name the short form of the default registry's domain).
 */
function isDefaultRegistry(host, index) {
    if (!host)
        return true;
    const indexHost = index ? new URL(index).host : '';
    return indexHost === host || indexHost.endsWith(`.${host}`);
}


/***/ }),

/***/ 12997:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BL: () => (/* binding */ hasArtifactRuntime),
/* harmony export */   M5: () => (/* binding */ onGithubCom),
/* harmony export */   PI: () => (/* binding */ cacheServiceMode),
/* harmony export */   R2: () => (/* binding */ ghaApiVersion),
/* harmony export */   R_: () => (/* binding */ runnerDiscardedWithJob),
/* harmony export */   SZ: () => (/* binding */ cacheModeWrites),
/* harmony export */   Vd: () => (/* binding */ serverUrl),
/* harmony export */   fb: () => (/* binding */ hasCacheRuntime),
/* harmony export */   q1: () => (/* binding */ ghaRuntimeEnv),
/* harmony export */   z8: () => (/* binding */ cacheModeReads)
/* harmony export */ });
/** What the Actions runtime offers this step, read from its variables: the cache service and the results service. */
/** The GitHub server the run is on (`GITHUB_SERVER_URL`, github.com outside a run), without a trailing slash. */
const serverUrl = (env) => (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '');
/** The Actions cache API this runner offers: 1 (`ACTIONS_CACHE_URL`) or 2 (the results service). */
function ghaApiVersion(env) {
    if (/^(1|true)$/i.test(env.ACTIONS_CACHE_SERVICE_V2 ?? ''))
        return 2;
    return !env.ACTIONS_CACHE_URL && env.ACTIONS_RESULTS_URL ? 2 : 1;
}
/**
 * What the job may do with the Actions cache (`ACTIONS_CACHE_MODE`, set by the runner from the workflow's
 * cache-mode): `read` restores and never saves, `write-only` saves and never restores, `none` neither; unset (or
 * `write`) both.
 */
function cacheServiceMode(env) {
    const mode = (env.ACTIONS_CACHE_MODE ?? '').trim().toLowerCase();
    return mode === 'read' || mode === 'write-only' || mode === 'none' ? mode : 'read-write';
}
/** Whether the job may restore from the Actions cache in this mode (not write-only, not none). */
function cacheModeReads(mode = 'read-write') {
    return mode === 'read-write' || mode === 'read';
}
/** Whether the job may save to the Actions cache in this mode (not read, not none). */
function cacheModeWrites(mode = 'read-write') {
    return mode === 'read-write' || mode === 'write-only';
}
/** True where the Actions cache service can be reached: a runtime token and a cache or results URL. */
function hasCacheRuntime(env) {
    return !!env.ACTIONS_RUNTIME_TOKEN && !!(env.ACTIONS_CACHE_URL || env.ACTIONS_RESULTS_URL);
}
/** The variables buildx reads the gha cache service from, passed to it explicitly (never in argv). */
function ghaRuntimeEnv(env) {
    const names = ['ACTIONS_RUNTIME_TOKEN', 'ACTIONS_CACHE_URL', 'ACTIONS_RESULTS_URL', 'ACTIONS_CACHE_SERVICE_V2'];
    return Object.fromEntries(names.filter(n => env[n]).map(n => [n, env[n]]));
}
/** True where the runner provides the Actions results service (artifacts and cache v2). */
function hasArtifactRuntime(env) {
    return !!env.ACTIONS_RUNTIME_TOKEN && !!env.ACTIONS_RESULTS_URL;
}
/** True on github.com (or a GitHub Enterprise Cloud data-residency host, *.ghe.com), false on a GHES server. */
function onGithubCom(env) {
    const host = /^https?:\/\/([^/:]+)/.exec(env.GITHUB_SERVER_URL ?? 'https://github.com')?.[1] ?? '';
    return host === 'github.com' || host.endsWith('.ghe.com');
}
/**
 * A GitHub-hosted runner (RUNNER_ENVIRONMENT, set by the runner: github-hosted or self-hosted): a fresh machine for
 * each job, discarded with it, so what the job left on its own docker daemon goes with it.
 */
function runnerDiscardedWithJob(env) {
    return env.RUNNER_ENVIRONMENT === 'github-hosted';
}


/***/ }),

/***/ 15780:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   V: () => (/* binding */ secretValues),
/* harmony export */   d: () => (/* binding */ maskable)
/* harmony export */ });
/**
 * What to give the runner to mask for these values: each whole, and a value over several lines line by line too,
 * since the runner masks one log line at a time (lines under 4 characters, like a PEM's padding, are left out).
 */
function maskable(values) {
    const whole = values.filter((v) => !!v && v.trim() !== '');
    const lines = whole.flatMap(v => (v.includes('\n') ? v.split('\n').filter(l => l.trim().length >= 4) : []));
    return [...new Set([...whole, ...lines])];
}
/** Every value the logs must never show: value secrets, the values behind secret-envs and the ssh key. */
function secretValues(config, env) {
    const values = config.secrets.map(spec => spec.kind === 'value' ? spec.value : spec.kind === 'env' ? env[spec.env] : '');
    return maskable([...values, config.sshPrivateKey, config.sign.key]);
}


/***/ }),

/***/ 62212:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Jz: () => (/* binding */ OLDEST_BUILDX),
/* harmony export */   MR: () => (/* binding */ PINNED_BUILDX),
/* harmony export */   Qn: () => (/* binding */ chooseBuildx),
/* harmony export */   Zo: () => (/* binding */ requiredVersions),
/* harmony export */   d7: () => (/* binding */ buildkitImageOlderThan),
/* harmony export */   iX: () => (/* binding */ checkBuildkitFor),
/* harmony export */   ot: () => (/* binding */ parseVersion),
/* harmony export */   r6: () => (/* binding */ checkNodesBuildkitFor),
/* harmony export */   xb: () => (/* binding */ fallbackCache),
/* harmony export */   zy: () => (/* binding */ versionAtLeast)
/* harmony export */ });
/** Tool versions and the gates on them: what the gha cache API v2 needs of buildx and BuildKit, and what to do. */
/** `0.13.1+ds1`, `v0.36.0`, `v0.13-debian-docker.io-26.1.5` → [major, minor, patch]; undefined when none. */
function parseVersion(text) {
    const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?(?:[-+~][\w.+~-]*)?$/.exec(text.trim());
    return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : undefined;
}
/** True when `version` is at least `min`; an unreadable version counts as unknown (undefined). */
function versionAtLeast(version, min) {
    const v = parseVersion(version);
    const m = parseVersion(min);
    if (!v)
        return undefined;
    for (let i = 0; i < 3; i++)
        if (v[i] !== m[i])
            return v[i] > m[i];
    return true;
}
/** The minimum tool versions a cache needs: the gha API v2 needs buildx 0.21 and BuildKit 0.20. */
function requiredVersions(cache) {
    return cache.backend === 'gha' && cache.ghaApi === 2 ? { buildx: '0.21.0', buildkit: '0.20.0' } : undefined;
}
/** The release installed when the installed buildx is too old (tested against the gha cache API v2). */
const PINNED_BUILDX = '0.36.0';
/** The oldest buildx the action is tested with (Debian's, beside dockerd 26.1: the lab's oldest profile). */
const OLDEST_BUILDX = '0.13.0';
/**
 * What to do about buildx, from the installed version, `buildx-version` and what the cache needs. An explicit
 * version is installed unless it is the installed one; auto keeps the installed one when it is new enough and
 * installs the pinned release when `cache: gha` asked for more. (An auto-chosen gha cache falls back instead: see
 * fallbackCache.)
 */
function chooseBuildx(installed, wanted, cache) {
    if (wanted !== 'auto')
        return installed === wanted ? { action: 'use-installed' } : { action: 'install', version: wanted };
    const needs = requiredVersions(cache);
    if (!needs || versionAtLeast(installed, needs.buildx) !== false)
        return { action: 'use-installed' };
    return { action: 'install', version: PINNED_BUILDX };
}
/** A BuildKit version known to be older than `min`; an unreadable one, or Debian's v0.0.0, is unknown, not old. */
function olderBuildkit(version, min) {
    return !/^v?0\.0\.0\b/.test(version) && versionAtLeast(version, min) === false;
}
/** True when a BuildKit image's version tag is known to be older than `min` (a tag like latest is unknown). */
function buildkitImageOlderThan(buildkitImage, min) {
    return olderBuildkit(/:(v?[\d.]+)(?:@|$)/.exec(buildkitImage)?.[1] ?? '', min);
}
/** When the gha cache API v2 needs a newer BuildKit than a pinned buildkit-image: the versions and the fix. */
function checkBuildkitFor(cache, buildkitImage) {
    const needs = requiredVersions(cache);
    if (!needs || !buildkitImageOlderThan(buildkitImage, needs.buildkit))
        return '';
    return `The GitHub cache service v2 needs BuildKit ${needs.buildkit} or newer, and buildkit-image is ${buildkitImage}: set buildkit-image to moby/buildkit:v0.29.0 (the default) or use cache: registry`;
}
/**
 * For a builder the action did not create (driver docker, input builder): its nodes whose BuildKit is too old for
 * the gha cache API v2, as the versions and the fix. Debian-built engines report v0.0.0: unknown, not too old.
 */
function checkNodesBuildkitFor(cache, info) {
    const needs = requiredVersions(cache);
    if (!needs)
        return '';
    const old = info.nodes.filter(n => olderBuildkit(n.buildkitVersion, needs.buildkit));
    if (!old.length)
        return '';
    const which = old.map(n => `${n.name} runs BuildKit ${n.buildkitVersion}`).join(', ');
    return `The GitHub cache service v2 needs BuildKit ${needs.buildkit} or newer, and on builder ${info.name} ${which}: update that engine or builder, use driver docker-container (it runs buildkit-image), or use cache: registry`;
}
/** An auto-chosen gha cache on a buildx too old for the runner's cache API: none (nothing goes to a registry unasked). */
function fallbackCache(cache, installed) {
    const needs = requiredVersions(cache);
    if (cache.requested !== 'auto' || !needs || versionAtLeast(installed, needs.buildx) !== false)
        return undefined;
    return { ...cache, backend: 'none' };
}


/***/ }),

/***/ 86661:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   b: () => (/* binding */ post)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(33838);
/* harmony import */ var _docker_builder_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(99683);
/* harmony import */ var _docker_cli_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(81670);
/* harmony import */ var _docker_context_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(25835);
/* harmony import */ var _model_runtime_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(12997);
/* harmony import */ var _runner_state_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(6003);







/** The docker main used: with the ssh wrapper first on PATH and the step's own docker config, where main had them. */
function dockerOfMain() {
    const env = {};
    const sshBin = (0,_runner_state_js__WEBPACK_IMPORTED_MODULE_5__/* .loadState */ .C7)(_runner_state_js__WEBPACK_IMPORTED_MODULE_5__/* .StateKey */ .zv.SshBin);
    if (sshBin)
        env.PATH = `${sshBin}:${process.env.PATH ?? ''}`;
    // the builder was made by the buildx this step installed, under its own docker config
    const dockerConfig = (0,_runner_state_js__WEBPACK_IMPORTED_MODULE_5__/* .loadState */ .C7)(_runner_state_js__WEBPACK_IMPORTED_MODULE_5__/* .StateKey */ .zv.DockerConfig);
    if (dockerConfig)
        env.DOCKER_CONFIG = dockerConfig;
    return new _docker_cli_js__WEBPACK_IMPORTED_MODULE_3__/* .Docker */ .J({ retries: 0, backoffMs: 1000 }, env);
}
async function removeOwnBuilder(docker) {
    const builder = (0,_runner_state_js__WEBPACK_IMPORTED_MODULE_5__/* .loadState */ .C7)(_runner_state_js__WEBPACK_IMPORTED_MODULE_5__/* .StateKey */ .zv.Builder);
    if (!builder)
        return;
    if ((0,_runner_state_js__WEBPACK_IMPORTED_MODULE_5__/* .loadState */ .C7)(_runner_state_js__WEBPACK_IMPORTED_MODULE_5__/* .StateKey */ .zv.Cleanup) === 'false') {
        _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .info */ .pq(`Keeping builder ${builder} (cleanup: false)`);
        return;
    }
    // `buildx rm` is the post step's only docker call and ~0.17 s of it (dockerd 28.5, buildx 0.29): on a machine that
    // is discarded with the job it removes nothing that would outlive the job
    if ((0,_runner_state_js__WEBPACK_IMPORTED_MODULE_5__/* .loadState */ .C7)(_runner_state_js__WEBPACK_IMPORTED_MODULE_5__/* .StateKey */ .zv.BuilderOnRunner) === 'true' && (0,_model_runtime_js__WEBPACK_IMPORTED_MODULE_6__/* .runnerDiscardedWithJob */ .R_)(process.env)) {
        _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .info */ .pq(`Builder ${builder} goes with this GitHub-hosted runner's machine at the end of the job: not removed`);
        return;
    }
    try {
        await (0,_docker_builder_js__WEBPACK_IMPORTED_MODULE_2__/* .removeBuilder */ .iq)(docker, builder);
        _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .info */ .pq(`Removed builder ${builder}`);
    }
    catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        if (!/no builder .* found/.test(message))
            _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .warning */ .$e(`Could not remove builder ${builder}: ${message}`);
    }
}
/** Removes what main created: the builder (unless cleanup is false), docker contexts and temp dirs. Only warns. */
async function post() {
    const docker = dockerOfMain();
    await removeOwnBuilder(docker);
    for (const context of JSON.parse((0,_runner_state_js__WEBPACK_IMPORTED_MODULE_5__/* .loadState */ .C7)(_runner_state_js__WEBPACK_IMPORTED_MODULE_5__/* .StateKey */ .zv.Contexts) || '[]')) {
        await docker
            .run((0,_docker_context_js__WEBPACK_IMPORTED_MODULE_4__/* .contextRemoveArgs */ .TX)(context), { silent: true })
            .catch((e) => _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .warning */ .$e(`Could not remove docker context ${context}: ${e.message}`));
    }
    for (const dir of [(0,_runner_state_js__WEBPACK_IMPORTED_MODULE_5__/* .loadState */ .C7)(_runner_state_js__WEBPACK_IMPORTED_MODULE_5__/* .StateKey */ .zv.TempDir), (0,_runner_state_js__WEBPACK_IMPORTED_MODULE_5__/* .loadState */ .C7)(_runner_state_js__WEBPACK_IMPORTED_MODULE_5__/* .StateKey */ .zv.CacheDir)].filter(Boolean)) {
        try {
            node_fs__WEBPACK_IMPORTED_MODULE_0__.rmSync(dir, { recursive: true, force: true });
        }
        catch (e) {
            _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .warning */ .$e(`Could not remove ${dir}: ${e instanceof Error ? e.message : String(e)}`);
        }
    }
}


/***/ }),

/***/ 79786:
/***/ ((module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
__webpack_require__.r(__webpack_exports__);
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33838);
/* harmony import */ var _docker_failures_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76873);
/* harmony import */ var _main_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(15238);
/* harmony import */ var _post_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(86661);
/* harmony import */ var _runner_state_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6003);





/** One bundle serves both steps: the runner calls it again for post, with the state main saved. */
const postStep = (0,_runner_state_js__WEBPACK_IMPORTED_MODULE_4__/* .isPost */ .tl)();
try {
    await (postStep ? (0,_post_js__WEBPACK_IMPORTED_MODULE_3__/* .post */ .b)() : (0,_main_js__WEBPACK_IMPORTED_MODULE_2__/* .main */ .i)());
}
catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    // a failed cleanup must not turn a green build red
    if (postStep)
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(message);
    else if (e instanceof _docker_failures_js__WEBPACK_IMPORTED_MODULE_1__/* .DiagnosedError */ .xB) {
        // one annotation, titled with what went wrong
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .error */ .z3(message, { title: e.title });
        process.exitCode = 1;
    }
    else
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setFailed */ .C1(message);
}
// a read abandoned at its time limit (a stalled registry) must not hold the step open until it ends
if (!postStep)
    process.exit();

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 6003:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C7: () => (/* binding */ loadState),
/* harmony export */   LZ: () => (/* binding */ saveState),
/* harmony export */   tl: () => (/* binding */ isPost),
/* harmony export */   zv: () => (/* binding */ StateKey)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33838);

/** What main hands to post, through the runner's GITHUB_STATE. Never a secret. */
var StateKey;
(function (StateKey) {
    StateKey["IsPost"] = "isPost";
    StateKey["Builder"] = "builder";
    /** 'true' when the builder runs only on the runner's own daemon (see post: a GitHub-hosted machine takes it). */
    StateKey["BuilderOnRunner"] = "builderOnRunner";
    StateKey["TempDir"] = "tempDir";
    StateKey["Cleanup"] = "cleanup";
    /** Docker contexts made for tcp:// nodes with TLS, JSON list. */
    StateKey["Contexts"] = "contexts";
    /** The ssh wrapper's dir, put first on PATH again for the post step's `buildx rm`. */
    StateKey["SshBin"] = "sshBin";
    /** The step's own docker config dir when a pinned buildx was installed for it. */
    StateKey["DockerConfig"] = "dockerConfig";
    /** The local cache dir (cache: local), removed in post. */
    StateKey["CacheDir"] = "cacheDir";
})(StateKey || (StateKey = {}));
const saveState = (key, value) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .saveState */ .LZ(key, value);
const loadState = (key) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getState */ .Gu(key);
const isPost = () => loadState(StateKey.IsPost) === 'true';


/***/ })

};
