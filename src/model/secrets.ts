import type {Config} from './types.js';

/**
 * What to give the runner to mask for these values: each whole, and a value over several lines line by line too,
 * since the runner masks one log line at a time (lines under 4 characters, like a PEM's padding, are left out).
 */
export function maskable(values: (string | undefined)[]): string[] {
  const whole = values.filter((v): v is string => !!v && v.trim() !== '');
  const lines = whole.flatMap(v => (v.includes('\n') ? v.split('\n').filter(l => l.trim().length >= 4) : []));
  return [...new Set([...whole, ...lines])];
}

/** Every value the logs must never show: value secrets, the values behind secret-envs and the ssh key. */
export function secretValues(config: Config, env: Record<string, string | undefined>): string[] {
  const values = config.secrets.map(spec =>
    spec.kind === 'value' ? spec.value : spec.kind === 'env' ? env[spec.env] : ''
  );
  return maskable([...values, config.sshPrivateKey, config.sign.key]);
}
