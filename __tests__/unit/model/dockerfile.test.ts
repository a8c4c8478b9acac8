import {describe, expect, it} from '@jest/globals';
import {
  instructions,
  parseStages,
  reachableStages,
  runsOnTarget,
  substitute,
  targetBaseImages
} from '../../../src/model/dockerfile.js';
/** [what the Dockerfile shows, its text, build-args, target, expected: target base images, RUN on target, stage summary] */
const CASES: [string, string, Record<string, string>, string, string[], boolean, string[]][] = [
  ['single stage', 'FROM alpine:3.20\nRUN apk add curl\n', {}, '', ['alpine:3.20'], true, ['0:target:alpine:3.20']],
  ['scratch only', 'FROM scratch\nCOPY app /app\n', {}, '', [], false, ['0:target:scratch']],
  [
    'Go-style cross-compile',
    'FROM --platform=$BUILDPLATFORM golang:1.24 AS build\nARG TARGETOS TARGETARCH\nRUN GOOS=$TARGETOS go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\n',
    {},
    '',
    [],
    false,
    ['0:build:golang:1.24', '1:target:scratch']
  ],
  [
    'cross-compile into a distro base',
    'FROM --platform=${BUILDPLATFORM} golang AS b\nRUN go build\nFROM alpine:3.20\nCOPY --from=b /x /x\n',
    {},
    '',
    ['alpine:3.20'],
    false,
    ['0:build:golang', '1:target:alpine:3.20']
  ],
  [
    'global ARG default',
    'ARG BASE=debian:12\nFROM ${BASE}\nRUN true\n',
    {},
    '',
    ['debian:12'],
    true,
    ['0:target:debian:12']
  ],
  [
    'build-arg overrides ARG',
    'ARG BASE=debian:12\nFROM $BASE\n',
    {BASE: 'ubuntu:24.04'},
    '',
    ['ubuntu:24.04'],
    false,
    ['0:target:ubuntu:24.04']
  ],
  ['ARG with no value: not resolvable', 'ARG BASE\nFROM ${BASE}\n', {}, '', ['${BASE}'], false, ['0:target:']],
  ['${VAR:-default}', 'ARG V\nFROM node:${V:-22}-slim\n', {}, '', ['node:22-slim'], false, ['0:target:node:22-slim']],
  [
    'tag and digest',
    `FROM busybox:1.37@sha256:${'a'.repeat(64)}\n`,
    {},
    '',
    [`busybox:1.37@sha256:${'a'.repeat(64)}`],
    false,
    [`0:target:busybox:1.37@sha256:${'a'.repeat(64)}`]
  ],
  [
    'stage built on a stage',
    'FROM alpine AS base\nRUN apk add x\nFROM base AS final\nRUN true\n',
    {},
    '',
    ['alpine'],
    true,
    ['0:target:alpine', '1:target:base']
  ],
  [
    'comments, blank lines and continuations',
    '# syntax=docker/dockerfile:1\n\n# a comment\nFROM \\\n  alpine:3.20 \\\n  AS x\nRUN echo a \\\n  # inside\n  && echo b\n',
    {},
    '',
    ['alpine:3.20'],
    true,
    ['0:target:alpine:3.20']
  ],
  [
    'heredoc bodies are not instructions',
    'FROM alpine\nRUN <<EOF\nFROM evil:1\nEOF\nCOPY <<-END /f\n\tFROM nope\n\tEND\n',
    {},
    '',
    ['alpine'],
    true,
    ['0:target:alpine']
  ],
  [
    'fixed platform stage',
    'FROM --platform=linux/amd64 tool:1 AS t\nRUN gen\nFROM alpine\nCOPY --from=t /o /o\n',
    {},
    '',
    ['alpine'],
    false,
    ['0:fixed:tool:1', '1:target:alpine']
  ],
  [
    '--platform=$TARGETPLATFORM is the target',
    'FROM --platform=$TARGETPLATFORM alpine\nRUN true\n',
    {},
    '',
    ['alpine'],
    true,
    ['0:target:alpine']
  ],
  [
    'unused stage is not reached',
    'FROM ubuntu AS unused\nRUN true\nFROM alpine AS app\nCOPY x /x\n',
    {},
    '',
    ['alpine'],
    false,
    ['1:target:alpine']
  ],
  [
    'target picks an earlier stage',
    'FROM alpine AS test\nRUN make test\nFROM scratch AS release\nCOPY --from=test /x /x\n',
    {},
    'test',
    ['alpine'],
    true,
    ['0:target:alpine']
  ],
  [
    'COPY --from an index and RUN --mount=from',
    'FROM alpine AS a\nFROM debian AS b\nFROM scratch\nCOPY --from=0 /x /x\nRUN --mount=type=bind,from=b,target=/b true\n',
    {},
    '',
    ['alpine', 'debian'],
    true,
    ['0:target:alpine', '1:target:debian', '2:target:scratch']
  ],
  ['lowercase keywords and AS', 'from alpine as Build\nrun true\n', {}, '', ['alpine'], true, ['0:target:alpine']]
];

describe('parseStages on Dockerfiles', () => {
  it.each(CASES)('%s', (_what, text, args, target, bases, targetRun, summary) => {
    const stages = reachableStages(parseStages(text, args), target);
    expect(stages.map(s => `${s.index}:${s.platform}:${s.base}`)).toEqual(summary);
    expect(targetBaseImages(stages).map(b => b.image)).toEqual(bases);
    expect(runsOnTarget(stages)).toBe(targetRun);
  });

  it('marks bases whose name needs an ARG with no value as unresolved', () => {
    expect(targetBaseImages(parseStages('ARG B\nFROM $B\n'))).toEqual([{image: '$B', stages: ['0'], unresolved: true}]);
  });
  it('keeps the stage name and the escape directive', () => {
    const stages = parseStages('# escape=`\nFROM alpine AS Build\nRUN echo a `\n  b\n');
    expect(stages[0]).toMatchObject({name: 'build', hasRun: true});
    expect(instructions('# escape=`\nFROM a\nRUN x `\n y\n').map(i => i.args)).toEqual(['a', 'x   y']);
  });
  it('substitutes variables the way the Dockerfile frontend does', () => {
    expect(substitute('${A:-x}-${B:+y}-$C', {A: '', B: 'set', C: 'c'})).toBe('x-y-c');
    expect(substitute('${A-x}', {A: ''})).toBe('');
    expect(substitute('$MISSING', {})).toBeUndefined();
  });
});
