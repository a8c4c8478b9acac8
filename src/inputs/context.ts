import * as path from 'node:path';
import {serverUrl} from '../model/runtime.js';
import type {InputEnv} from './env.js';

/**
 * The build context. build-push-action's default is the Git context of the commit, so a job with no checkout
 * builds; this action's default stays `.` where the workspace holds a checkout (or a Dockerfile at hand), and is the
 * Git context, `<server>/<owner>/<repo>.git#<ref>`, only where there is none. `{{ defaultContext }}` (and
 * `{{ defaultContext }}:subdir`) resolve as build-push-action resolves them.
 */
export function resolveContext(context: string, file: string, inputEnv: InputEnv): string {
  const {GITHUB_WORKSPACE, GITHUB_REPOSITORY, GITHUB_REF, GITHUB_SHA} = inputEnv.env;
  const git = `${serverUrl(inputEnv.env)}/${GITHUB_REPOSITORY}.git#${GITHUB_REF || GITHUB_SHA || ''}`;
  // `{{ defaultContext }}` names the commit's Git context, `{{ defaultContext }}:subdir` a folder of it
  const named = /^\{\{ *defaultContext *\}\}(?::(.+))?$/.exec(context);
  if (named && GITHUB_REPOSITORY) return named[1] ? `${git}:${named[1]}` : git.replace(/#$/, '');
  if (context !== '.' || file || !GITHUB_WORKSPACE || !GITHUB_REPOSITORY) return context;
  if (inputEnv.exists(path.join(GITHUB_WORKSPACE, '.git')) || inputEnv.exists('Dockerfile')) return context;
  return git.replace(/#$/, '');
}
