import type {BakeInputs, CacheConfig, Handoff, Mode} from '../model/types.js';
import {resolveContext} from './context.js';
import type {InputEnv, Reader} from './env.js';
import {InputError} from './errors.js';
import {parseList} from './list.js';

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
export function bakes(read: Reader, mode: Mode): boolean {
  if (mode === 'bake') return true;
  const given = read.get('files') || read.get('targets') || read.get('source');
  return !!given && (mode === 'plan' || mode === 'platform' || mode === 'merge');
}

export function readBakeInputs(read: Reader, baking: boolean, inputEnv: InputEnv): BakeInputs {
  const none: BakeInputs = {given: false, source: '', files: [], workdir: '.', targets: [], set: []};
  if (!baking) return none;
  const given = read.get('source');
  const workdir = read.get('workdir') || '.';
  if (!inputEnv.isDirectory(workdir))
    throw new InputError('workdir', `Input workdir: ${workdir} is not a directory; check out the repository first`);
  const files = parseList('files', read.raw('files'), true);
  const gitContext = resolveContext('.', '', {...inputEnv, exists: () => false});
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
export function checkBakeInputs(
  read: Reader,
  mode: Mode,
  c: {platforms: string[]; load: boolean; outputs: string[]; handoff: Handoff; cache: CacheConfig}
): void {
  const refused = mode === 'platform' ? ['tags'] : ['platforms', 'tags'];
  for (const name of refused.filter(n => read.get(n as 'tags'))) {
    throw new InputError(
      name,
      `Input ${name} is for the build modes: with a bake definition the definition names them; override with set: *.${name === 'tags' ? 'tags' : 'platform'}=…`
    );
  }
  if (mode === 'platform' && (c.platforms.length !== 1 || c.load || c.outputs.length))
    throw new InputError(
      'platforms',
      'A bake leg (mode platform) builds one platform of one target, pushed by digest: set platforms: ${{ matrix.platform }} and targets: ${{ matrix.target }}, no load or outputs'
    );
  if (mode === 'merge' && c.handoff === 'none')
    throw new InputError(
      'handoff',
      "A bake merge finds each target's legs by their handoff: set handoff artifact or registry"
    );
  if (c.cache.backend === 'local' || c.cache.backend === 'inline')
    throw new InputError(
      'cache',
      `Input cache: ${c.cache.backend} is not available with a bake definition: use gha (auto, where the Actions cache service is), registry with cache-ref, or the targets' own cache-from/cache-to`
    );
}
