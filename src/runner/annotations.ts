import * as path from 'node:path';
import * as core from '@actions/core';
import type {BuildWarning} from '../docker/warnings.js';

/**
 * The build's warnings as annotations on the Dockerfile's lines, as build-push-action makes them, unless the job
 * turned them off (DOCKER_BUILD_CHECKS_ANNOTATIONS=false, as it reads it: then they are log lines). The file is the
 * Dockerfile's path in the workspace, where the build read a local one; a Git context's has no place to point at.
 */
export function annotateBuildWarnings(
  warnings: BuildWarning[],
  dockerfile: string | undefined,
  env: Record<string, string | undefined> = process.env
): void {
  const annotate = env.DOCKER_BUILD_CHECKS_ANNOTATIONS?.toLowerCase() !== 'false';
  const workspace = env.GITHUB_WORKSPACE || process.cwd();
  const file = dockerfile && path.relative(workspace, path.resolve(workspace, dockerfile));
  for (const w of warnings) {
    const message = `${w.detail || w.short}${w.url ? ` (${w.url})` : ''}`;
    if (!annotate) {
      core.info(`Build warning: ${w.short}${w.url ? ` (${w.url})` : ''}`);
      continue;
    }
    // a warning about the Dockerfile (BuildKit names it by its file name, a failed build's listing does not) points
    // at its lines in the workspace
    const ours = file && !file.startsWith('..') && (!w.file || path.basename(w.file) === path.basename(file));
    const at = ours && w.startLine ? {file, startLine: w.startLine, endLine: w.endLine} : {};
    core.warning(message, {title: w.short, ...at});
  }
}
