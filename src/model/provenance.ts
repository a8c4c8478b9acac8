import {runUrl} from './attestations.js';

/**
 * The SLSA v1 provenance of a verified digest (`attest: provenance`), in GitHub's workflow build type, field for
 * field what actions/attest-build-provenance writes, so a policy written for its attestations reads ours: the
 * workflow that ran (repository, path, ref), the commit built, the builder (the workflow file that ran the job, the
 * certificate's identity) and the run. Keyless, every field comes from the OIDC token the certificate was issued
 * for; with a key, from the runner's GITHUB_* variables (the same values, unsigned by GitHub).
 */

export const PROVENANCE_PREDICATE = 'https://slsa.dev/provenance/v1';
const GITHUB_BUILD_TYPE = 'https://actions.github.io/buildtypes/workflow/v1';

/** The token claims a provenance reads, each a GitHub OIDC claim name. */
export type BuildClaims = Record<string, string>;

/** The same claims from the runner's variables, for a key-signed provenance (no token). */
export function claimsFromEnv(env: Record<string, string | undefined>): BuildClaims {
  const pairs: [string, string | undefined][] = [
    ['repository', env.GITHUB_REPOSITORY],
    ['ref', env.GITHUB_REF],
    ['sha', env.GITHUB_SHA],
    ['workflow_ref', env.GITHUB_WORKFLOW_REF],
    // a job's own workflow file is in the token only; a reusable workflow's runs under its caller's ref here
    ['job_workflow_ref', env.GITHUB_WORKFLOW_REF],
    ['event_name', env.GITHUB_EVENT_NAME],
    ['repository_id', env.GITHUB_REPOSITORY_ID],
    ['repository_owner_id', env.GITHUB_REPOSITORY_OWNER_ID],
    ['runner_environment', env.RUNNER_ENVIRONMENT],
    ['run_id', env.GITHUB_RUN_ID],
    ['run_attempt', env.GITHUB_RUN_ATTEMPT]
  ];
  return Object.fromEntries(pairs.filter((p): p is [string, string] => !!p[1]));
}

/** The predicate: what ran, on what, by whom; `startedOn` when the step began, `finishedOn` now (ISO 8601). */
export function provenancePredicate(
  claims: BuildClaims,
  server: string,
  times: {startedOn: string; finishedOn: string}
): object {
  const base = server.replace(/\/+$/, '');
  const repository = claims.repository ?? '';
  // owner/repo/.github/workflows/release.yml@refs/tags/v1 → .github/workflows/release.yml
  const workflowPath = (claims.workflow_ref ?? '').replace(`${repository}/`, '').split('@')[0];
  return {
    buildDefinition: {
      buildType: GITHUB_BUILD_TYPE,
      externalParameters: {
        workflow: {ref: claims.ref ?? '', repository: `${base}/${repository}`, path: workflowPath}
      },
      internalParameters: {
        github: {
          event_name: claims.event_name ?? '',
          repository_id: claims.repository_id ?? '',
          repository_owner_id: claims.repository_owner_id ?? '',
          runner_environment: claims.runner_environment ?? ''
        }
      },
      resolvedDependencies: [
        {uri: `git+${base}/${repository}@${claims.ref ?? ''}`, digest: {gitCommit: claims.sha ?? ''}}
      ]
    },
    runDetails: {
      builder: {id: `${base}/${claims.job_workflow_ref ?? ''}`},
      metadata: {
        invocationId: runUrl(base, repository, claims.run_id ?? '', claims.run_attempt ?? ''),
        startedOn: times.startedOn,
        finishedOn: times.finishedOn
      }
    }
  };
}
