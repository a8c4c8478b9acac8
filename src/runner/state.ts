import * as core from '@actions/core';

/** What main hands to post, through the runner's GITHUB_STATE. Never a secret. */
export enum StateKey {
  IsPost = 'isPost',
  Builder = 'builder',
  /** 'true' when the builder runs only on the runner's own daemon (see post: a GitHub-hosted machine takes it). */
  BuilderOnRunner = 'builderOnRunner',
  TempDir = 'tempDir',
  Cleanup = 'cleanup',
  /** Docker contexts made for tcp:// nodes with TLS, JSON list. */
  Contexts = 'contexts',
  /** The ssh wrapper's dir, put first on PATH again for the post step's `buildx rm`. */
  SshBin = 'sshBin',
  /** The step's own docker config dir when a pinned buildx was installed for it. */
  DockerConfig = 'dockerConfig',
  /** The local cache dir (cache: local), removed in post. */
  CacheDir = 'cacheDir'
}

export const saveState = (key: StateKey, value: string): void => core.saveState(key, value);
export const loadState = (key: StateKey): string => core.getState(key);
export const isPost = (): boolean => loadState(StateKey.IsPost) === 'true';
