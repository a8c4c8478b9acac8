import type {BakeInputs, CacheConfig, Mode} from '../model/types.js';
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

export function readBakeInputs(read: Reader, mode: Mode, inputEnv: InputEnv): BakeInputs {
  const none: BakeInputs = {source: '', files: [], workdir: '.', targets: [], set: []};
  if (mode !== 'bake') return none;
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
    source: source === '.' ? '' : source,
    files,
    workdir,
    targets: parseList('targets', read.raw('targets'), true),
    // newlines only: a platform list in one override holds commas
    set: parseList('set', read.raw('set'), false)
  };
}

/** What bake mode refuses of the build inputs, before anything runs: what the definition itself says. */
export function checkBakeInputs(read: Reader, cache: CacheConfig): void {
  for (const name of ['platforms', 'tags'] as const) {
    if (read.get(name))
      throw new InputError(
        name,
        `Input ${name} is for the build modes: in bake mode the definition names them; override with set: *.${name === 'tags' ? 'tags' : 'platform'}=…`
      );
  }
  if (cache.backend === 'local' || cache.backend === 'inline')
    throw new InputError(
      'cache',
      `Input cache: ${cache.backend} is not available in bake mode: use gha (auto, where the Actions cache service is), registry with cache-ref, or the targets' own cache-from/cache-to`
    );
}
