import type {Docker} from '../docker/cli.js';
import type {SignResult, Verified} from '../model/results.js';
import type {Config} from '../model/types.js';

/**
 * The signing stage, loaded only by a step that signs: @sigstore's modules (sign, verify, tuf and their fetch stack)
 * are megabytes of JavaScript: loaded with the rest they added ~65 ms to the start of every main and
 * post step, signing or not (a plan-mode step: 196-232 ms before, 271-277 with them, 215-219 ms loaded so).
 */
export async function signVerified(
  docker: Docker,
  config: Config,
  verified: Verified,
  tempDir: string
): Promise<SignResult[]> {
  if (config.sign.method === 'none') return [];
  const {signStage} = await import('./sign.js');
  return signStage(docker, config, verified, tempDir);
}
