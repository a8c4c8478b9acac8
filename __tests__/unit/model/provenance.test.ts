import {describe, expect, it} from '@jest/globals';
import {claimsFromEnv, provenancePredicate} from '../../../src/model/provenance.js';

/** A GitHub OIDC token's claims for a tag push that runs a reusable release workflow of another repository. */
const claims = {
  repository: 'acme/app',
  ref: 'refs/tags/v1.2.3',
  sha: '4b825dc642cb6eb9a060e54bf8d69288fbee4904',
  workflow_ref: 'acme/app/.github/workflows/ci.yml@refs/tags/v1.2.3',
  job_workflow_ref: 'org/xbuild-action/.github/workflows/release.yml@refs/tags/v1',
  event_name: 'push',
  repository_id: '101',
  repository_owner_id: '7',
  runner_environment: 'github-hosted',
  run_id: '9001',
  run_attempt: '2'
};
const times = {startedOn: '2026-12-03T10:00:00.000Z', finishedOn: '2026-12-03T10:01:30.000Z'};

describe('the SLSA v1 provenance of a verified digest', () => {
  it("writes GitHub's workflow build type as attest-build-provenance does: the caller's workflow, the commit, the builder", () => {
    expect(provenancePredicate(claims, 'https://github.com/', times)).toEqual({
      buildDefinition: {
        buildType: 'https://actions.github.io/buildtypes/workflow/v1',
        externalParameters: {
          workflow: {
            ref: 'refs/tags/v1.2.3',
            repository: 'https://github.com/acme/app',
            path: '.github/workflows/ci.yml'
          }
        },
        internalParameters: {
          github: {
            event_name: 'push',
            repository_id: '101',
            repository_owner_id: '7',
            runner_environment: 'github-hosted'
          }
        },
        resolvedDependencies: [
          {
            uri: 'git+https://github.com/acme/app@refs/tags/v1.2.3',
            digest: {gitCommit: '4b825dc642cb6eb9a060e54bf8d69288fbee4904'}
          }
        ]
      },
      runDetails: {
        // the builder is the workflow file that ran the job: the certificate's identity
        builder: {id: 'https://github.com/org/xbuild-action/.github/workflows/release.yml@refs/tags/v1'},
        metadata: {
          invocationId: 'https://github.com/acme/app/actions/runs/9001/attempts/2',
          startedOn: times.startedOn,
          finishedOn: times.finishedOn
        }
      }
    });
  });
  it("reads the same claims from the runner's variables for a key-signed provenance, leaving out what is not set", () => {
    const env = {
      GITHUB_REPOSITORY: 'acme/app',
      GITHUB_REF: 'refs/heads/main',
      GITHUB_SHA: 'abc',
      GITHUB_WORKFLOW_REF: 'acme/app/.github/workflows/release.yml@refs/heads/main',
      GITHUB_EVENT_NAME: 'workflow_dispatch',
      GITHUB_RUN_ID: '5',
      GITHUB_RUN_ATTEMPT: '1',
      RUNNER_ENVIRONMENT: 'self-hosted',
      HOME: '/root'
    };
    expect(claimsFromEnv(env)).toEqual({
      repository: 'acme/app',
      ref: 'refs/heads/main',
      sha: 'abc',
      workflow_ref: 'acme/app/.github/workflows/release.yml@refs/heads/main',
      job_workflow_ref: 'acme/app/.github/workflows/release.yml@refs/heads/main',
      event_name: 'workflow_dispatch',
      runner_environment: 'self-hosted',
      run_id: '5',
      run_attempt: '1'
    });
    const predicate = provenancePredicate(claimsFromEnv(env), 'https://ghe.example', times) as {
      runDetails: {builder: {id: string}};
      buildDefinition: {externalParameters: {workflow: {path: string}}};
    };
    expect(predicate.runDetails.builder.id).toBe(
      'https://ghe.example/acme/app/.github/workflows/release.yml@refs/heads/main'
    );
    expect(predicate.buildDefinition.externalParameters.workflow.path).toBe('.github/workflows/release.yml');
  });
});
