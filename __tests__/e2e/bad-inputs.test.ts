import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {describe, expect, it} from '@jest/globals';
import {runAction} from './harness.js';

/**
 * Bad inputs across every mode, each run through dist/index.js as the runner runs it: the step must fail with
 * one error that names the input, shows the bad value and says the fix, and no command may have run (the docker
 * shim logs every call). Needs no lab: nothing reaches docker.
 */
const WS = fs.mkdtempSync(path.join(os.tmpdir(), 'xbuild-ws-'));
fs.writeFileSync(path.join(WS, 'Dockerfile'), 'FROM scratch\n');
const BASE = {platforms: 'linux/amd64', context: WS, tags: 'localhost:5000/e2e/bad:1', push: 'true'};

/** [case, inputs over BASE (null drops one), the input named, the bad value shown, the fix, extra env] */
type Case = [string, Record<string, string | null>, string, string, string, Record<string, string>?];
// prettier-ignore
const CORPUS: Case[] = [
  ["mode", {"mode": "deploy"}, "mode", "deploy", "one of build, platform, merge, verify, plan"],
  ["leg platforms empty", {"mode": "platform", "platforms": " ", "handoff": "registry"}, "platforms", "", "e.g. linux/amd64,linux/arm64"],
  ["platform typo", {"platforms": "linux/amd64,linx/arm64"}, "platforms", "linx/arm64", "use one of linux"],
  ["platform variant", {"platforms": "linux/arm/v9"}, "platforms", "linux/arm/v9", "arm takes one of v5, v6, v7, v8"],
  ["platform dup", {"platforms": "linux/amd64,linux/x86_64"}, "platforms", "linux/x86_64", "list it once"],
  ["tag upper", {"tags": "localhost:5000/Owner/app:1"}, "tags", "Owner", "lowercase letters"],
  ["tag space", {"tags": "localhost:5000/app:1 2"}, "tags", "app:1 2", "holds spaces"],
  ["tag char", {"tags": "localhost:5000/app:-x"}, "tags", "-x", "(not first)"],
  ["tag dup", {"tags": "localhost:5000/app:1\nlocalhost:5000/app:1"}, "tags", "localhost:5000/app:1", "list each once"],
  ["tag digest", {"tags": "localhost:5000/app@sha256:0123456789012345678901234567890123456789012345678901234567890123"}, "tags", "@sha256:", "the digest comes from the build"],
  ["image with tag", {"tags": null, "images": "localhost:5000/app:1"}, "images", "localhost:5000/app:1", "put tagged refs in tags"],
  ["push no name", {"tags": null}, "push", "", "set tags"],
  ["outputs+push", {"outputs": "type=local,dest=out"}, "outputs", "push and a local output", "use an image output"],
  ["tags+images", {"images": "localhost:5000/app"}, "images", "", "use tags to push tagged refs, or images"],
  ["images no push", {"tags": null, "images": "localhost:5000/app", "push": "false"}, "images", "", "set push to true"],
  ["build-arg", {"build-args": "=NONAME"}, "build-args", "=NONAME", "one KEY=value per line"],
  ["build-arg space", {"build-args": "MY ARG"}, "build-args", "MY ARG", "one KEY=value per line"],
  ["ssh no agent", {"ssh": "default"}, "ssh", "default", "start an agent in an earlier step", {"SSH_AUTH_SOCK": ""}],
  ["ssh key pasted", {"ssh": "\"git=-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\""}, "ssh", "holds a key itself (not shown)", "write the key to a file"],
  ["build-arg open quote", {"build-args": "\"A=line 1\nline 2"}, "build-args", "quoted entry has no closing quote", "end it with \""],
  ["label", {"labels": "=x"}, "labels", "=x", "one KEY=value per line"],
  ["annotation", {"annotations": "everywhere:k=v"}, "annotations", "everywhere:k=v", "level: index, manifest"],
  ["secret syntax", {"secrets": "TOKEN"}, "secrets", "(value not shown)", "ID=value"],
  ["secret file", {"secret-files": "KEY=/nonexistent/key"}, "secret-files", "/nonexistent/key", "write the file in an earlier step"],
  ["secret env", {"secret-envs": "T=NOT_SET_ANYWHERE"}, "secret-envs", "NOT_SET_ANYWHERE", "set it in the step's env"],
  ["secret dup", {"secrets": "A=1\nA=2"}, "secrets", "id A", "keep one"],
  ["provenance", {"provenance": "mode=full"}, "provenance", "mode=full", "min or max"],
  ["sbom", {"sbom": "yes please"}, "sbom", "yes please", "true, false or key=value"],
  ["bool", {"push": "yes"}, "push", "yes", "true or false"],
  ["driver", {"driver": "podman"}, "driver", "podman", "docker-container, docker, remote, kubernetes"],
  ["remote endpoint", {"driver": "remote", "endpoint": "buildkitd:1234"}, "endpoint", "buildkitd:1234", "e.g. tcp://buildkitd:1234"],
  ["buildkit image twice", {"buildkit-image": "moby/buildkit:v0.20.0", "driver-opts": "image=moby/buildkit:v0.21.0"}, "buildkit-image", "image=moby/buildkit:v0.21.0", "name the BuildKit image once"],
  ["binfmt image", {"qemu-image": "tonistiigi/binfmt:-1"}, "qemu-image", "-1", "(not first)"],
  ["qemu", {"qemu": "maybe"}, "qemu", "maybe", "auto, true, false"],
  ["context missing", {"context": "/tmp/nope-ctx"}, "context", "/tmp/nope-ctx", "check out the repository first"],
  ["file missing", {"file": "/tmp/ws/Nope.Dockerfile"}, "file", "Nope.Dockerfile", "path from the working directory"],
  ["context no Dockerfile", {"context": "/etc"}, "file", "No Dockerfile in /etc", "set the file input", {GITHUB_WORKSPACE: WS}],
  ["buildkitd-flags with builder", {"builder": "mine", "buildkitd-flags": "--debug"}, "builder", "buildkitd-flags", "drop builder"],
  ["cache", {"cache": "s3"}, "cache", "s3", "auto, gha, registry, local, inline, none"],
  ["cache-mode", {"cache-mode": "all"}, "cache-mode", "all", "max or min"],
  ["cache-scope", {"cache-scope": "my scope"}, "cache-scope", "my scope", "letters, digits and . _ -"],
  ["cache-ref digest", {"cache": "registry", "cache-ref": "localhost:5000/app@sha256:0123456789012345678901234567890123456789012345678901234567890123"}, "cache-ref", "@sha256:", "give a tag"],
  ["cache gha", {"cache": "gha"}, "cache", "gha", "use cache: registry"],
  ["cache inline max", {"cache": "inline", "cache-mode": "max"}, "cache", "inline", "drop cache-mode"],
  ["buildx-version", {"buildx-version": "newest"}, "buildx-version", "newest", "such as 0.36.0"],
  ["buildx-url", {"buildx-url": "ftp://mirror/buildx"}, "buildx-url", "ftp://mirror/buildx", "http(s) URL"],
  ["retries", {"retries": "11"}, "retries", "11", "from 0 to 10"],
  ["retry-backoff", {"retry-backoff": "0"}, "retry-backoff", "\"0\"", "above 0 and at most 60"],
  ["nodes yaml", {"nodes": "- endpoint: [unclosed"}, "nodes", "not YAML", "list of \"- endpoint: …\" items"],
  ["nodes scheme", {"nodes": "- endpoint: ftp://x\n  platforms: linux/arm64"}, "nodes", "ftp://x", "ssh://user@host, tcp://host:port, unix:///path"],
  ["nodes no platforms", {"nodes": "- endpoint: unix:///tmp/lab/node2.sock"}, "nodes", "unix:///tmp/lab/node2.sock", "needs platforms"],
  ["ssh no key", {"nodes": "- endpoint: ssh://root@host\n  platforms: linux/arm64"}, "nodes", "ssh://root@host", "pin the host key"],
  ["smoke-timeout", {"smoke-timeout": "0"}, "smoke-timeout", "\"0\"", "whole number of seconds"],
  ["smoke no push", {"smoke": "app --version", "push": "false", "tags": null}, "smoke", "", "set push with tags or images"],
  ["platform leg two", {"mode": "platform", "platforms": "linux/amd64,linux/arm64", "handoff": "registry"}, "platform", "not 2", "use mode plan for the matrix"],
  ["merge no tags", {"mode": "merge", "tags": null, "platforms": "linux/amd64,linux/arm64"}, "merge", "", "Mode merge needs tags"],
  ["merge digest length", {"mode": "merge", "platforms": "linux/amd64", "digests": "linux/amd64=sha256:abc123"}, "digests", "sha256:abc123", "64 lowercase hex digits"],
  ["verify no tags", {"mode": "verify", "tags": null}, "verify", "", "Mode verify needs tags"],
  ["verify digest", {"mode": "verify", "digest": "sha256:XYZ"}, "digest", "sha256:XYZ", "64 lowercase hex digits"],
  ["runner-map", {"mode": "plan", "runner-map": "arm64"}, "runner-map", "arm64", "arch=runner-label"],
  ["handoff", {"handoff": "ftp"}, "handoff", "ftp", "auto, artifact, registry, none"],
  ["handoff artifact", {"mode": "platform", "handoff": "artifact"}, "handoff", "artifact", "use handoff registry"],
  ["node-fallback", {"node-fallback": "retry"}, "node-fallback", "retry", "fail, qemu"]
];

describe('the bad-input corpus: rejected before any command runs', () => {
  it('holds at least 40 cases, over every mode', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(40);
    const modes = new Set(CORPUS.map(([, over]) => over.mode ?? 'build'));
    for (const mode of ['build', 'platform', 'merge', 'verify', 'plan']) expect(modes).toContain(mode);
    expect(modes).toContain('deploy'); // and one that does not exist
  });
  // one object per case: a test function with more parameters than a row has values would be taken for done-style
  it.each(CORPUS.map(c => ({name: c[0], c})))('$name', async ({c: [, over, input, value, fix, env]}) => {
    const inputs = Object.fromEntries(
      Object.entries({...BASE, ...over}).filter((e): e is [string, string] => e[1] !== null)
    );
    const run = await runAction(inputs, {env: env ?? {}});
    expect(run.main.code).toBe(1);
    expect(run.dockerCalls).toEqual([]);
    const errors = run.main.log.split('\n').filter(l => l.startsWith('::error'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(input);
    expect(errors[0]).toContain(value);
    expect(errors[0]).toContain(fix);
  });
});
