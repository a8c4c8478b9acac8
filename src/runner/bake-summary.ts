import * as core from '@actions/core';
import type {MergeResult} from '../model/results.js';
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

/** A bake merge's outputs (`digests`: target → index digest) and summary: a row per target and leg. */
export async function reportBakeMerge(merged: {name: string; merge: MergeResult}[]): Promise<void> {
  const digestOf = (m: MergeResult): string => m.verify.checks[0].manifest.digest;
  core.setOutput('digests', JSON.stringify(Object.fromEntries(merged.map(t => [t.name, digestOf(t.merge)]))));
  core.setOutput('platforms', [...new Set(merged.flatMap(t => t.merge.platforms))].join(','));
  if (!summaryWanted()) return;
  const header = ['Target', 'Platform', 'Leg', 'Manifest digest'].map(data => ({data, header: true}));
  const rows = merged.flatMap(t => t.merge.legs.map(l => [t.name, l.platform, l.source, l.manifestDigest]));
  await core.summary
    .addHeading('xbuild: merged bake targets', 3)
    .addTable([header, ...rows])
    .addList(merged.map(t => `<code>${t.name}</code>: index <code>${digestOf(t.merge)}</code>, verified`))
    .write();
}
