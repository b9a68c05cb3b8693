import type { TrialRecord, TuneConfig } from '../../src/tune/index.ts';

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : v > 0 ? 'inf' : '-inf') : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * trials.csv: one row per trial (index order): trial, status, every parameter (full names), every
 * objective (full names), duration_ms, error.
 * @example trialsCsv(tune, trials) // 'trial,status,component.trajectory.arg.angle,...\n0,completed,45.2,...'
 */
export function trialsCsv(tune: TuneConfig, trials: readonly TrialRecord[]): string {
  const header = ['trial', 'status', ...tune.parameters.map((p) => p.fullName), ...tune.objectives.map((o) => o.fullName), 'duration_ms', 'error'];
  const rows = [...trials]
    .sort((a, b) => a.index - b.index)
    .map((t) => [t.index, t.status, ...tune.parameters.map((p) => t.config[p.fullName]), ...tune.objectives.map((_, i) => t.values?.[i]), t.durationMs === undefined ? '' : Math.round(t.durationMs), t.error?.message ?? ''].map(cell).join(','));
  return `${[header.join(','), ...rows].join('\n')}\n`;
}
