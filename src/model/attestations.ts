import {parseOutput} from './outputs.js';
import type {Config} from './types.js';

/**
 * Attestations as build-push-action asks for them: the provenance and sbom inputs first, then `attests` (whose
 * provenance and sbom entries those two inputs override), and with no provenance asked for, the provenance
 * build-push-action adds by default.
 */

const typeOf = (attest: string): string => /(?:^|,)type=([^,]+)/.exec(attest)?.[1] ?? '';

/** True when nothing asks for provenance, so build-push-action's default applies. */
function provenanceUnasked(config: Pick<Config, 'provenance' | 'attests'>): boolean {
  return config.provenance === '' && !config.attests.some(a => typeOf(a) === 'provenance');
}

/** True when the result goes into the engine (load, or a docker output), where build-push-action adds none. */
function loaded(config: Pick<Config, 'load' | 'outputs'>): boolean {
  return config.load || config.outputs.some(o => parseOutput(o).type === 'docker');
}

/**
 * build-push-action's default provenance attributes, or '' where it adds none: mode=max with the run's URL as
 * builder id, or mode=min,inline-only=true when the event says the repository is private; none when the image is
 * loaded, when the builder's BuildKit is known to be older than 0.11, or when `call` evaluates instead of
 * building. The engine builder (driver docker) gets none here: on the classic image store buildx refuses any
 * attestation ("Attestation is not supported for the docker driver"), where the chain fails.
 */
export function defaultProvenance(
  config: Pick<Config, 'provenance' | 'attests' | 'load' | 'outputs' | 'driver' | 'call'>,
  run: {env: Record<string, string | undefined>; repositoryPrivate: boolean; buildkitOlderThan011: boolean}
): string {
  if (!provenanceUnasked(config) || loaded(config) || config.driver === 'docker' || config.call) return '';
  if (run.buildkitOlderThan011) return '';
  const builderId = provenanceBuilderId(run.env);
  return (
    (run.repositoryPrivate ? 'mode=min,inline-only=true' : 'mode=max') + (builderId ? `,builder-id=${builderId}` : '')
  );
}

/** A run attempt's URL on its server: the builder id of BuildKit's provenance, the invocation of ours. */
export const runUrl = (server: string, repository: string, runId: string, attempt: string): string =>
  `${server}/${repository}/actions/runs/${runId}/attempts/${attempt}`;

/** The run's URL, build-push-action's builder id of every provenance it passes ('' outside a workflow run). */
export function provenanceBuilderId(env: Record<string, string | undefined>): string {
  const {GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID, GITHUB_RUN_ATTEMPT} = env;
  if (!GITHUB_REPOSITORY || !GITHUB_RUN_ID) return '';
  return runUrl(GITHUB_SERVER_URL || 'https://github.com', GITHUB_REPOSITORY, GITHUB_RUN_ID, GITHUB_RUN_ATTEMPT || '1');
}

const hasBuilderId = (attrs: string): boolean => attrs.split(',').some(f => f.split('=')[0].trim() === 'builder-id');

/**
 * The provenance input as build-push-action passes it: `true` becomes the builder id alone, attributes get it added
 * where they name none, `false` and empty stay.
 */
export function withBuilderId(provenance: string, builderId: string): string {
  if (!builderId || provenance === '' || provenance === 'false') return provenance;
  if (provenance === 'true') return `builder-id=${builderId}`;
  return hasBuilderId(provenance) ? provenance : `${provenance},builder-id=${builderId}`;
}

/** An `attests` entry: a provenance one gets the builder id where it names none. */
const attestWithBuilderId = (attest: string, builderId: string): string =>
  typeOf(attest) === 'provenance' && builderId && !hasBuilderId(attest) && !/(^|,)disabled=true(,|$)/.test(attest)
    ? `${attest},builder-id=${builderId}`
    : attest;

/** The attestation flags: `--provenance`, `--sbom` from their inputs, the default provenance, then `attests`. */
export function attestArgs(
  config: Pick<Config, 'provenance' | 'sbom' | 'attests'>,
  byDefault: string,
  builderId = ''
): string[] {
  const attests = config.attests.filter(
    a => !(typeOf(a) === 'provenance' && config.provenance) && !(typeOf(a) === 'sbom' && config.sbom)
  );
  return [
    ...(config.provenance ? [`--provenance=${withBuilderId(config.provenance, builderId)}`] : []),
    ...(config.sbom ? [`--sbom=${config.sbom}`] : []),
    ...(byDefault ? ['--attest', `type=provenance,${byDefault}`] : []),
    ...attests.flatMap(a => ['--attest', attestWithBuilderId(a, builderId)])
  ];
}
