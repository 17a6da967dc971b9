import { isAbsolute, join } from 'node:path';

/**
 * Radio settings, read from the environment once and validated (same rules as libs/config; kept beside the radio
 * code until it joins AppConfig). Defaults work on a developer machine with no settings.
 */
export interface RadioConfig {
  /** Where synthesised audio files are kept (RADIO_AUDIO_DIR; relative paths are taken from the working directory). */
  audioDir: string;
  /** Turn text-to-speech off entirely (RADIO_TTS_ENABLED=false): scripts go out without audio. */
  ttsEnabled: boolean;
  /** espeak-ng and lame executables (names on PATH or paths). */
  espeakBin: string;
  lameBin: string;
  soxiBin: string;
  /** espeak-ng speaking rate in words a minute (its -s option). */
  speechRate: number;
  /** How often the worker looks for scripts without audio. */
  audioScanIntervalMs: number;
  /** Audio files no row names any more are deleted this long after their last write (RADIO_AUDIO_KEEP_SUPERSEDED_SECONDS). */
  keepSupersededSeconds: number;
  /** A slot with no broadcast report this long after its time is marked missed. */
  missedGraceSeconds: number;
  /** How far back the missed-slot step looks (bounds its work after downtime). */
  missedLookbackHours: number;
  /** The missed-slot step runs at most this often, whatever the lifecycle tick. */
  missedCheckIntervalMs: number;
  /** How long a cancelled campaign's script stays in feeds as withdrawn. */
  withdrawnRetentionDays: number;
  /** Largest recording an operator may upload (RADIO_UPLOAD_MAX_BYTES). */
  uploadMaxBytes: number;
  /** Longest recording accepted, whatever the slots (RADIO_UPLOAD_MAX_SECONDS). */
  uploadMaxSeconds: number;
}

export class RadioConfigError extends Error {}

export const RADIO_CONFIG = Symbol('RADIO_CONFIG');

type Env = Record<string, string | undefined>;

export function loadRadioConfig(env: Env = process.env): RadioConfig {
  const problems: string[] = [];
  const str = (name: string, fallback: string) => (env[name] === undefined || env[name] === '' ? fallback : env[name]!);
  const int = (name: string, fallback: number, min: number, max: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
      return fallback;
    }
    return n;
  };
  const bool = (name: string, fallback: boolean) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
    if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
    problems.push(`${name} must be true or false (got "${raw}")`);
    return fallback;
  };
  const dir = str('RADIO_AUDIO_DIR', join('tmp', 'radio-audio'));
  const config: RadioConfig = {
    audioDir: isAbsolute(dir) ? dir : join(process.cwd(), dir),
    ttsEnabled: bool('RADIO_TTS_ENABLED', true),
    espeakBin: str('RADIO_ESPEAK_BIN', 'espeak-ng'),
    lameBin: str('RADIO_LAME_BIN', 'lame'),
    soxiBin: str('RADIO_SOXI_BIN', 'soxi'),
    speechRate: int('RADIO_SPEECH_RATE', 140, 80, 450),
    audioScanIntervalMs: int('RADIO_AUDIO_SCAN_MS', 3000, 100, 3600_000),
    keepSupersededSeconds: int('RADIO_AUDIO_KEEP_SUPERSEDED_SECONDS', 3600, 0, 90 * 86400),
    missedGraceSeconds: int('RADIO_MISSED_GRACE_SECONDS', 1800, 0, 7 * 86400),
    missedLookbackHours: int('RADIO_MISSED_LOOKBACK_HOURS', 72, 1, 24 * 60),
    missedCheckIntervalMs: int('RADIO_MISSED_CHECK_MS', 30_000, 0, 3600_000),
    withdrawnRetentionDays: int('RADIO_WITHDRAWN_RETENTION_DAYS', 7, 1, 365),
    uploadMaxBytes: int('RADIO_UPLOAD_MAX_BYTES', 50 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    uploadMaxSeconds: int('RADIO_UPLOAD_MAX_SECONDS', 1800, 1, 4 * 3600),
  };
  if (problems.length) throw new RadioConfigError(`Invalid radio configuration:\n  - ${problems.join('\n  - ')}`);
  return config;
}

let cached: RadioConfig | null = null;

/** The process-wide radio settings (loaded on first use). */
export function radioConfig(): RadioConfig {
  cached ??= loadRadioConfig();
  return cached;
}
