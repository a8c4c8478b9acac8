import type {Platform} from './types.js';

/** What the action knows of each architecture: its variants and the QEMU emulator that runs it. */
interface ArchInfo {
  variants: string[];
  defaultVariant?: string;
  /** `--install` name of the binfmt image (e.g. `arm64`) and the binfmt_misc entry it registers. */
  install?: string;
  binfmt?: string;
}

const ARCHES: Record<string, ArchInfo> = {
  amd64: {variants: ['v1', 'v2', 'v3', 'v4'], install: 'amd64', binfmt: 'qemu-x86_64'},
  '386': {variants: [], install: '386', binfmt: 'qemu-i386'},
  arm64: {variants: ['v8', 'v9'], install: 'arm64', binfmt: 'qemu-aarch64'},
  arm: {variants: ['v5', 'v6', 'v7', 'v8'], defaultVariant: 'v7', install: 'arm', binfmt: 'qemu-arm'},
  ppc64le: {variants: [], install: 'ppc64le', binfmt: 'qemu-ppc64le'},
  ppc64: {variants: []},
  s390x: {variants: [], install: 's390x', binfmt: 'qemu-s390x'},
  riscv64: {variants: [], install: 'riscv64', binfmt: 'qemu-riscv64'},
  mips64le: {variants: [], install: 'mips64le', binfmt: 'qemu-mips64el'},
  mips64: {variants: [], install: 'mips64', binfmt: 'qemu-mips64'},
  loong64: {variants: [], install: 'loong64', binfmt: 'qemu-loongarch64'},
  wasm: {variants: []}
};

const OSES = ['linux', 'windows', 'darwin', 'freebsd', 'netbsd', 'openbsd', 'wasip1', 'js'];

/** Spellings people use for an architecture, mapped to the OCI name (as containerd normalises them). */
const ARCH_ALIASES: Record<string, {arch: string; variant?: string}> = {
  x86_64: {arch: 'amd64'},
  'x86-64': {arch: 'amd64'},
  i386: {arch: '386'},
  i686: {arch: '386'},
  x86: {arch: '386'},
  aarch64: {arch: 'arm64'},
  armhf: {arch: 'arm', variant: 'v7'},
  armel: {arch: 'arm', variant: 'v6'}
};

export class PlatformError extends Error {}

/** Parses `os/arch[/variant]` into its normal form, e.g. `linux/aarch64` → `linux/arm64`, `linux/arm` → `linux/arm/v7`. */
export function normalizePlatform(text: string): Platform {
  const raw = text.trim();
  const parts = raw.toLowerCase().split('/');
  if (parts.length < 2 || parts.length > 3 || parts.some(p => p === '')) {
    throw new PlatformError(`"${raw}" is not a platform: write os/arch[/variant], e.g. linux/arm64 or linux/arm/v7`);
  }
  const [os, archText, variantText] = parts;
  if (!OSES.includes(os)) {
    throw new PlatformError(`"${raw}" has an unknown OS "${os}": use one of ${OSES.join(', ')}`);
  }
  const alias = ARCH_ALIASES[archText];
  const arch = alias?.arch ?? archText;
  const info = ARCHES[arch];
  if (!info) {
    throw new PlatformError(
      `"${raw}" has an unknown architecture "${archText}": use one of ${Object.keys(ARCHES).join(', ')}`
    );
  }
  let variant: string | undefined = variantText ?? alias?.variant ?? info.defaultVariant;
  if (variant !== undefined && !info.variants.includes(variant)) {
    const allowed = info.variants.length ? `one of ${info.variants.join(', ')}` : 'no variant';
    throw new PlatformError(`"${raw}" has an unknown variant "${variant}" for ${arch}: ${arch} takes ${allowed}`);
  }
  // containerd's normal form drops the variants that add nothing
  if ((arch === 'arm64' && variant === 'v8') || (arch === 'amd64' && variant === 'v1')) variant = undefined;
  return variant ? `${os}/${arch}/${variant}` : `${os}/${arch}`;
}

/** Parses a platform list, refusing duplicates after normalisation (`linux/amd64` and `linux/x86_64` are one). */
export function parsePlatformList(items: string[]): Platform[] {
  const seen = new Map<Platform, string>();
  for (const item of items) {
    const platform = normalizePlatform(item);
    const first = seen.get(platform);
    if (first !== undefined) {
      throw new PlatformError(`"${first}" and "${item.trim()}" are the same platform (${platform}): list it once`);
    }
    seen.set(platform, item.trim());
  }
  return [...seen.keys()];
}

/**
 * setup-qemu-action's `platforms`: `all` (its default, also for an empty list), architectures as the binfmt
 * image names them (`arm64`, `386`, `riscv64`) or platforms (`linux/arm64`), one platform each; `all` is every
 * architecture the binfmt image can emulate.
 */
export function emulatorPlatforms(items: string[]): Platform[] {
  const all = Object.keys(ARCHES)
    .filter(a => ARCHES[a].install)
    .map(a => normalizePlatform(`linux/${a}`));
  const expanded = items.length === 0 ? ['all'] : items;
  const platforms = expanded.flatMap(i =>
    i.trim().toLowerCase() === 'all' ? all : [i.includes('/') ? i : `linux/${i}`]
  );
  return [...new Set(platforms.map(normalizePlatform))];
}

/** The architecture part of a platform: `linux/arm/v7` → `arm`. */
export function archOf(platform: Platform): string {
  return platform.split('/')[1];
}

/** The binfmt image's `--install` name and the binfmt_misc entry for a platform, if QEMU can emulate it. */
export function emulatorFor(platform: Platform): {install: string; binfmt: string} | undefined {
  const info = ARCHES[archOf(platform)];
  return info?.install && info.binfmt ? {install: info.install, binfmt: info.binfmt} : undefined;
}

/** Builds a platform string from the `platform` object of an OCI descriptor. */
export function platformOfDescriptor(p: {os?: string; architecture?: string; variant?: string}): Platform {
  const text = [p.os ?? 'unknown', p.architecture ?? 'unknown', p.variant].filter(Boolean).join('/');
  try {
    return normalizePlatform(text);
  } catch {
    return text;
  }
}

/** What was measured of the machine that runs the builds: whether an i386 binary runs, the CPU's x86-64 level. */
export interface HostProbe {
  /** Unset where the probe could not run a binary at all (a noexec temp dir): then assumed, as unmeasured. */
  runs386?: boolean;
  /** 1 to 4: the x86-64 micro-architecture level the CPU implements (v1 = baseline amd64). */
  amd64Level: number;
}

/** The CPU flags (as /proc/cpuinfo spells them) each x86-64 level adds, from the x86-64 psABI. */
const AMD64_LEVELS: string[][] = [
  ['cx16', 'lahf_lm', 'popcnt', 'pni', 'sse4_1', 'sse4_2', 'ssse3'],
  ['avx', 'avx2', 'bmi1', 'bmi2', 'f16c', 'fma', 'abm', 'movbe', 'xsave'],
  ['avx512f', 'avx512bw', 'avx512cd', 'avx512dq', 'avx512vl']
];

/** The x86-64 level (1-4) of a CPU from its flags: the highest level whose flags, and all below, it has. */
export function amd64Level(flags: string[]): number {
  const has = new Set(flags);
  let level = 1;
  for (const needed of AMD64_LEVELS) {
    if (!needed.every(f => has.has(f))) break;
    level++;
  }
  return level;
}

/**
 * The platforms a host runs without emulation, by Node's `process.arch` and, where it was measured, what its
 * kernel and CPU run: linux/386 only where an i386 binary ran (kernels built without IA32 emulation refuse it), the
 * amd64 variants up to the CPU's level (v3 needs AVX2). Unmeasured (a daemon elsewhere), an x64 host is assumed
 * to run i386 and up to v3, as most do.
 */
export function hostNativePlatforms(nodeArch: string, probe?: HostProbe): Platform[] {
  switch (nodeArch) {
    case 'x64': {
      const level = probe?.amd64Level ?? 3;
      const variants = ['v2', 'v3', 'v4'].slice(0, level - 1).map(v => `linux/amd64/${v}`);
      return ['linux/amd64', ...variants, ...(probe?.runs386 === false ? [] : ['linux/386'])];
    }
    case 'arm64':
      // 32-bit arm is not assumed: many arm64 servers (GitHub's arm runners among them) lack AArch32
      return ['linux/arm64'];
    case 'ppc64':
      return ['linux/ppc64le'];
    case 's390x':
      return ['linux/s390x'];
    case 'riscv64':
      return ['linux/riscv64'];
    default:
      return [];
  }
}

/**
 * A platform and the ones containerd's matcher falls back to when an image lacks it, best first, as BuildKit picks
 * a base image's manifest: arm v8 → v7 → v6 → v5, amd64 v4 → v3 → v2 → v1, arm64 v9 → v8.
 */
export function fallbackPlatforms(platform: Platform): Platform[] {
  const [os, arch, variant] = platform.split('/');
  const order: Record<string, (string | undefined)[]> = {
    arm: ['v8', 'v7', 'v6', 'v5'],
    amd64: ['v4', 'v3', 'v2', undefined],
    arm64: ['v9', undefined]
  };
  const variants = order[arch];
  const from = variants?.indexOf(variant);
  if (!variants || from === undefined || from < 0) return [platform];
  return variants.slice(from).map(v => (v ? `${os}/${arch}/${v}` : `${os}/${arch}`));
}
