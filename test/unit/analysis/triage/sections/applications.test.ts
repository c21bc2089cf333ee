import { describe, expect, it } from 'vitest';
import { applicationsSection } from '../../../../../scripts/lib/analysis/triage/sections/applications.js';
import { traceAt, triageOver } from '../../../../support/builders.js';

const app = (name: string) => ({ tags: { 'mlflow.traceName': name } });

describe('applications section: the main application', () => {
  it('is the root name most traces with a duration carry', () => {
    const infos = [traceAt(1, 0, app('chat')), traceAt(2, 1, app('batch')), traceAt(3, 2, app('chat'))];
    expect(triageOver([applicationsSection], infos).result()).toEqual({ mainApp: 'chat' });
  });

  it('is null when no trace is tagged with its root name (OTLP ingest)', () => {
    expect(triageOver([applicationsSection], [traceAt(1, 0)]).result()).toEqual({ mainApp: null });
  });
});
