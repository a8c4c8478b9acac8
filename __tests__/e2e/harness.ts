/** Lab helpers for the e2e tests; the runner-like launcher itself is scripts/run-action.mjs. */
import {execFileSync} from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {REAL_DOCKER, type ActionRun} from '../../scripts/run-action.mjs';
import {imageStoreArgs, parseImageStore, type ImageStore} from '../../src/docker/info.js';

export {runAction, runJob, type ActionRun} from '../../scripts/run-action.mjs';
import {REG, REGISTRY, registryManifest} from './registry.js';

/** Fails with the tail of the main step's log when it did not succeed, so a red run in CI says why. */
export function expectMainOk(run: ActionRun): void {
  if (run.main.code !== 0) {
    const tail = run.main.log.split('\n').slice(-40).join('\n');
    throw new Error(`main step exited ${run.main.code}; its log ends:\n${tail}`);
  }
}

export const LAB_BUILDKIT = 'moby/buildkit:buildx-stable-1';
export const LAB_BINFMT = `${REG}/lab/binfmt:qemu-debian`;

export const uid = (): string => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

/** The inputs of a tagged push of `dockerfile` for `platforms` to `tag`, on the lab's BuildKit image. */
export function labPush(platforms: string, dockerfile: string, tag: string): Record<string, string> {
  return {platforms, context: context(dockerfile), tags: tag, push: 'true', 'buildkit-image': LAB_BUILDKIT};
}

/** A build context with this Dockerfile. */
export function context(dockerfile: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xbuild-ctx-'));
  fs.writeFileSync(path.join(dir, 'Dockerfile'), dockerfile);
  return dir;
}

export function docker(args: string[], env: NodeJS.ProcessEnv = process.env): string {
  return execFileSync(REAL_DOCKER, args, {encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env}).trim();
}

/** An environment whose `ssh` uses the lab's key and pinned host key (to clean up after ssh:// node tests). */
export function labSshEnv(): NodeJS.ProcessEnv {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xbuild-labssh-'));
  const wrapper =
    '#!/bin/sh\nexec /usr/bin/ssh -i /tmp/lab/ssh/id_ed25519 -o UserKnownHostsFile=/tmp/lab/ssh/known_hosts "$@"\n';
  fs.writeFileSync(path.join(dir, 'ssh'), wrapper, {mode: 0o700});
  return {...process.env, PATH: `${dir}:${process.env.PATH ?? ''}`};
}

/** The lab engine's image store, read as the action reads it: the profile decides (runner: classic). */
export function labImageStore(): ImageStore {
  return parseImageStore(docker(imageStoreArgs()));
}

/** Throws, naming the fix, when the lab is not up: e2e tests never skip. */
export async function requireLab(): Promise<void> {
  const res = await fetch(`http://${REGISTRY}/v2/`).catch(() => undefined);
  if (!res?.ok) throw new Error(`the lab's registry does not answer on ${REGISTRY}: run scripts/lab.sh up`);
  docker(['image', 'inspect', LAB_BUILDKIT, '--format', '{{.Id}}']);
}

/** Leftovers of a builder: its buildx entry, container and state volume. */
export function builderLeftovers(name: string): string[] {
  if (!name) throw new Error('builderLeftovers needs a builder name');
  const builders = docker(['buildx', 'ls', '--format', '{{.Name}}'])
    .split('\n')
    .filter(n => n === name);
  const containers = docker(['ps', '-a', '--filter', `name=buildx_buildkit_${name}`, '--format', '{{.Names}}']).split(
    '\n'
  );
  const volumes = docker(['volume', 'ls', '--filter', `name=buildx_buildkit_${name}`, '--format', '{{.Name}}']).split(
    '\n'
  );
  return [...builders, ...containers, ...volumes].filter(Boolean);
}

/** A base image of the lab's busybox for these architectures only (amd64 and arm64: one that lacks the rest). */
export async function baseOf(name: string, arches: string[] = ['amd64', 'arm64']): Promise<string> {
  const busybox = await registryManifest('busybox', 'latest');
  const pick = (arch: string): string => busybox.body.manifests!.find(m => m.platform?.architecture === arch)!.digest;
  const base = `${REG}/e2e/${name}-${uid()}:1`;
  docker(['buildx', 'imagetools', 'create', '-t', base, ...arches.map(a => `${REG}/busybox@${pick(a)}`)]);
  return base;
}
