import type {Config} from './types.js';

/**
 * Every value the logs must never show: value secrets, the values behind secret-envs and the ssh key. A value over
 * several lines is given line by line too, since the runner masks one log line at a time.
 */
export function secretValues(config: Config, env: Record<string, string | undefined>): string[] {
  const values = config.secrets.map(spec =>
    spec.kind === 'value' ? spec.value : spec.kind === 'env' ? env[spec.env] : ''
  );
  values.push(config.sshPrivateKey);
  const whole = values.filter((v): v is string => !!v && v.trim() !== '');
  const lines = whole.flatMap(v => (v.includes('\n') ? v.split('\n').filter(l => l.trim().length >= 4) : []));
  return [...new Set([...whole, ...lines])];
}
