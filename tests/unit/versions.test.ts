import { describe, expect, it } from 'vitest';
import { compareVersions, highestVersion } from '../../shared/engine/versions.js';

describe('compareVersions', () => {
  it.each([
    ['10.0.19045.3803', '10.0.19045.371', 1],
    ['2.0.0-rc.1', '2.0.0', -1],
    ['2.0.0-alpha', '2.0.0-alpha.1', -1],
    ['2.0.0-alpha.1', '2.0.0-alpha.beta', -1],
    ['2.0.0-beta.2', '2.0.0-beta.11', -1],
    ['1.2', '1.2.0', 0],
    ['1.10', '1.9', 1],
    ['v1.2.3', '1.2.3', 0],
    ['1.2.3+build.5', '1.2.3', 0],
    ['23.01', '22.01', 1],
    ['7.0.0', '7.0.0.1', -1],
    ['1.0a', '1.0b', -1],
    ['1.0', '1.0a', -1],
    ['99999999999999999999.1', '99999999999999999998.9', 1],
    ['10.0.19045.3803', '10.0.19046.1', -1],
    ['10.0.22631.2861', '10.0.19045.3803', 1],
    ['2.0.0-rc.1', '1.9.9', 1],
    ['2.0.0-rc.1+build.7', '2.0.0-rc.1', 0],
    ['124.0.6367.91', '124.0.6367.118', -1],
    ['8.5.2_1', '8.5.2_0', 1],
    ['2024.01', '2023.12', 1],
  ])('%s vs %s → %i', (a, b, expected) => {
    expect(compareVersions(a, b)).toBe(expected);
    expect(compareVersions(b, a)).toBe(-expected || 0);
  });

  it('finds the highest version', () => {
    expect(highestVersion(['1.9', '1.10', '1.10-rc.1'])).toBe('1.10');
    expect(highestVersion([])).toBeNull();
  });
});
