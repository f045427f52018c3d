// The reporting screens' pure logic: sessions filters in the address bar and as API input, and the
// compliance chart's bars.
import { describe, expect, it } from 'vitest';
import { bars, complianceFromQuery, complianceToQuery, compliantShare } from '../../renderer/src/logic/compliance-view.js';
import { emptyFilters, fromQuery, listInput, matchesFilters, toInstant, toQuery } from '../../renderer/src/logic/session-query.js';
import { session } from './support/fixtures.js';

describe('sessions filters in the address bar', () => {
  it('round-trips filters and sort, leaving defaults out of the address', () => {
    const filters = { ...emptyFilters(), status: ['incomplete' as const, 'failed' as const], tenantId: 't1', trigger: 'scheduled' as const, from: '2026-03-01', to: '2026-03-07' };
    const query = toQuery(filters, 'computer');
    expect(query).toEqual({ status: 'failed,incomplete', tenant: 't1', trigger: 'scheduled', from: '2026-03-01', to: '2026-03-07', sort: 'computer' });
    expect(fromQuery(query)).toEqual({ filters: { ...filters, status: ['failed', 'incomplete'] }, sort: 'computer' });
    expect(toQuery(emptyFilters(), '-createdAt')).toEqual({});
  });

  it('ignores what it does not understand instead of guessing', () => {
    const { filters, sort } = fromQuery({ status: ['failed', 'exploded'], trigger: 'sometimes', from: 'yesterday', sort: 'size' });
    expect(filters).toEqual({ ...emptyFilters(), status: ['failed'] });
    expect(sort).toBe('-createdAt');
  });

  it('turns a day range into the instants the API takes: from local midnight to the next midnight', () => {
    const input = listInput({ ...emptyFilters(), from: '2026-03-01', to: '2026-03-01' }, '-createdAt', 25, null);
    expect(input.from).toBe(new Date(2026, 2, 1).toISOString());
    expect(input.to).toBe(new Date(2026, 2, 2).toISOString());
    expect(toInstant('2026-03-02T01:00:00.000Z')).toBe('2026-03-02T01:00:00.000Z');
    expect(listInput(emptyFilters(), 'status', 50, 'c1')).toEqual({ limit: 50, sort: 'status', cursor: 'c1' });
  });

  it('tells whether a live session belongs on the filtered list', () => {
    const s = session('c1', 't1', { status: 'failed', trigger: 'manual', createdAt: '2026-03-01T10:00:00.000Z' });
    expect(matchesFilters(s, { ...emptyFilters(), status: ['failed'], tenantId: 't1' })).toBe(true);
    expect(matchesFilters(s, { ...emptyFilters(), status: ['completed'] })).toBe(false);
    expect(matchesFilters(s, { ...emptyFilters(), from: '2026-03-02T00:00:00.000Z' })).toBe(false);
  });
});

describe('compliance view', () => {
  it('keeps its filters in the address bar', () => {
    expect(complianceToQuery({ tenantId: 't', deploymentId: null, state: 'non-compliant' })).toEqual({ tenant: 't', state: 'non-compliant' });
    expect(complianceFromQuery({ tenant: 't', state: 'broken' })).toEqual({ tenantId: 't', deploymentId: null, state: null });
  });

  it('draws each bar in proportion, without empty segments', () => {
    const [bar] = bars([{ id: 'd1', compliant: 3, nonCompliant: 1, unknown: 0 }], (id) => `Deployment ${id}`);
    expect(bar).toEqual({
      id: 'd1',
      label: 'Deployment d1',
      total: 4,
      segments: [
        { state: 'compliant', count: 3, percent: 75 },
        { state: 'non-compliant', count: 1, percent: 25 },
      ],
    });
    expect(compliantShare({ compliant: 2, nonCompliant: 1, unknown: 0 })).toBe('66 %');
    expect(compliantShare({ compliant: 0, nonCompliant: 0, unknown: 0 })).toBe('—');
  });
});
