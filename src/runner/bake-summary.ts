import * as core from '@actions/core';
import type {BuilderInfo, Plan, Platform} from '../model/types.js';
import {emulated, nodesJson, platformHeader, platformRows, summaryWanted, type RunReport} from './summary.js';

/** bake mode's outputs and job summary: bake-action's `metadata`, each target's digest, one row per target × platform. */

export interface BakeTargetReport {
  name: string;
  report: RunReport;
}

/** bake-action's `metadata` and the `digests` its users ask for, set as soon as the bake is done. */
export function setBakeBuildOutputs(raw: Record<string, unknown>, digests: Record<string, string>): void {
  core.setOutput('metadata', JSON.stringify(raw, null, 2));
  core.setOutput('digests', JSON.stringify(digests));
}

/** The outputs of the whole step: the builder's (as setup-buildx-action's), the platforms read back, the emulated. */
export function setBakeOutputs(targets: BakeTargetReport[], builder: BuilderInfo, plan: Plan): void {
  const platforms: Platform[] = [...new Set(targets.flatMap(t => t.report.platforms))];
  core.setOutput('platforms', platforms.join(','));
  core.setOutput('builder', builder.name);
  core.setOutput('name', builder.name);
  core.setOutput('driver', builder.driver);
  core.setOutput('nodes', nodesJson(builder));
  core.setOutput('emulated', emulated(plan).join(','));
}

export async function writeBakeSummary(targets: BakeTargetReport[], installed: string[]): Promise<void> {
  if (!summaryWanted() || !targets.length) return;
  const first = targets[0].report;
  const rows = targets.flatMap(t => platformRows(t.report).map(row => [t.name, ...row]));
  core.summary
    .addHeading('xbuild: bake', 3)
    .addTable([[{data: 'Target', header: true}, ...platformHeader(first)], ...rows])
    .addRaw(
      `<p>builder <code>${first.builder.name}</code>${installed.length ? ` · installed QEMU: ${installed.join(', ')}` : ''}</p>`
    );
  const lines = targets.map(
    t =>
      `<code>${t.name}</code>: <code>${t.report.metadata.digest || '-'}</code> ${t.report.verified ? 'verified' : 'not verified'}${t.report.refs.length ? ` as ${t.report.refs.map(r => `<code>${r}</code>`).join(', ')}` : ''}`
  );
  await core.summary.addList(lines).write();
}
