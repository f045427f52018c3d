// What every OS-update provider does: scan (read-only), install chosen updates, tell whether a
// restart is pending. Chosen by platform in providers.ts.
import type { OsUpdate, UpdateProvider } from '../../shared/model/os-updates.js';
import type { OutputSink } from '../process-runner.js';

export interface ProviderScan {
  updates: OsUpdate[];
  rebootRequired: boolean;
}

export interface ProviderInstall {
  /** Ids the provider reports installed. */
  installed: string[];
  failed: { id: string; reason: string }[];
  rebootRequired: boolean;
}

/** A provider failure with a message for the technician (the scan or install did not run). */
export class ProviderError extends Error {
  override readonly name = 'ProviderError';
}

export interface OsUpdateProvider {
  readonly name: UpdateProvider;
  scan(timeoutSeconds: number, onOutput?: OutputSink): Promise<ProviderScan>;
  /** Runs before the scan that precedes an install (apt refreshes its lists); returns a warning or null. */
  prepareInstall(timeoutSeconds: number, onOutput?: OutputSink): Promise<string | null>;
  /** Installs these ids (from a scan just before); `chosen` has the full records for titles. */
  install(chosen: readonly OsUpdate[], timeoutSeconds: number, onOutput?: OutputSink): Promise<ProviderInstall>;
  rebootPending(): Promise<boolean>;
}
