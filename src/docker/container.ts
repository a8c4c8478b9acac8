import type {Platform} from '../model/types.js';

/** `docker run | rm`: the smoke run's containers. */

/** argv of the smoke run for one platform: a named, removed container of the pushed image by digest. */
export function smokeArgs(name: string, platform: Platform, image: string, command: string[]): string[] {
  return ['run', '--rm', '--quiet', '--name', name, '--pull', 'always', '--platform', platform, image, ...command];
}

/** argv that stops a smoke container that ran past its time. */
export function smokeRemoveArgs(name: string): string[] {
  return ['rm', '--force', name];
}
