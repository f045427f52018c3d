// The OS-update providers' output parsing, against recorded outputs (tests/fixtures).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aptUpdates, isSecurityOrigin, parseAptSimulation } from '../../agent/os-updates/apt-output.js';
import { parseWuaInstall, parseWuaRebootPending, parseWuaScan } from '../../agent/os-updates/windows-update-output.js';
import { selectUpdates } from '../../shared/engine/os-updates.js';
import { WUA_INSTALL_SCRIPT, WUA_SCAN_SCRIPT } from '../../agent/os-updates/windows-update-scripts.js';

const fixture = (...path: string[]) => readFileSync(join(import.meta.dirname, '..', 'fixtures', ...path), 'utf8');

describe('apt-get -s output', () => {
  it('reads every Inst line of a Debian bookworm simulation, upgrades and new packages, and tells security updates by origin', () => {
    const packages = parseAptSimulation(fixture('apt', 'debian-bookworm-dist-upgrade.txt'));
    expect(packages.map((p) => p.name)).toEqual(['libgcrypt20-dev', 'libgcrypt20', 'liblzma5', 'libpam-modules-bin', 'libext2fs2', 'e2fsprogs', 'openssl', 'linux-image-6.1.0-41-amd64']);
    expect(packages[0]).toEqual({ name: 'libgcrypt20-dev', fromVersion: '1.10.1-3', toVersion: '1.10.1-3+deb12u1', origins: ['Debian:12.15/oldstable', 'Debian-Security:12/oldstable-security'], arch: 'amd64' });
    expect(packages[3]).toMatchObject({ name: 'libpam-modules-bin', toVersion: '1.5.2-6+deb12u2', origins: ['Debian:12.15/oldstable'], arch: 'amd64' });
    expect(packages[7]).toMatchObject({ name: 'linux-image-6.1.0-41-amd64', fromVersion: null, toVersion: '6.1.158-1' });
    const updates = aptUpdates(packages);
    expect(updates.filter((u) => u.category === 'security').map((u) => u.id)).toEqual(['libgcrypt20-dev', 'libgcrypt20', 'liblzma5', 'openssl', 'linux-image-6.1.0-41-amd64']);
    expect(updates.filter((u) => u.category === 'other').map((u) => u.id)).toEqual(['libpam-modules-bin', 'libext2fs2', 'e2fsprogs']);
    expect(updates[6]).toMatchObject({ title: 'openssl 3.0.19-1~deb12u2 → 3.0.22-1~deb12u2', kb: null, releaseDate: null });
    expect(updates[7]!.title).toBe('linux-image-6.1.0-41-amd64 6.1.158-1 (new)');
  });

  it('reads an Ubuntu simulation, where a package can come from -updates and -security at once', () => {
    const updates = aptUpdates(parseAptSimulation(fixture('apt', 'ubuntu-jammy-dist-upgrade.txt')));
    expect(updates.map((u) => [u.id, u.category, u.toVersion])).toEqual([
      ['libc6', 'security', '2.35-0ubuntu3.4'],
      ['libc-bin', 'security', '2.35-0ubuntu3.4'],
      ['tzdata', 'other', '2024a-0ubuntu0.22.04'],
      ['snapd', 'other', '2.61.3+22.04'],
    ]);
  });

  it('recognises security origins and nothing else', () => {
    expect(isSecurityOrigin('Debian-Security:12/stable-security')).toBe(true);
    expect(isSecurityOrigin('Debian:12.5/bookworm-security')).toBe(true);
    expect(isSecurityOrigin('Ubuntu:22.04/jammy-security')).toBe(true);
    expect(isSecurityOrigin('Ubuntu:22.04/jammy-updates')).toBe(false);
    expect(isSecurityOrigin('Debian:12.5/stable')).toBe(false);
    expect(isSecurityOrigin('packages.microsoft.com/stable')).toBe(false);
    expect(parseAptSimulation('0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n')).toEqual([]);
  });
});

describe('Windows Update Agent output', () => {
  it('reads a scan: classification by category id, KB numbers, severity, release dates', () => {
    const scan = parseWuaScan(fixture('windows-update', 'scan-typical.txt'));
    expect(scan.rebootRequired).toBe(false);
    expect(scan.updates.map((u) => [u.kb, u.category])).toEqual([
      ['KB5034123', 'security'],
      ['KB5034685', 'security'],
      ['KB2267602', 'definition'],
      [null, 'driver'],
      ['KB5027397', 'feature'],
      ['KB890830', 'other'],
    ]);
    expect(scan.updates[0]).toEqual({
      id: '7d4f35c6-5e55-4b3f-9d8c-1c2e4a2b0f11',
      title: '2024-01 Cumulative Update for Windows 11 Version 23H2 for x64-based Systems (KB5034123)',
      category: 'security',
      kb: 'KB5034123',
      releaseDate: '2024-01-09T00:00:00.000Z',
      severity: 'Critical',
      fromVersion: null,
      toVersion: null,
    });
    expect(scan.updates[2]!.severity).toBeNull();
  });

  it('feeds the category and deferral filter', () => {
    const { updates } = parseWuaScan(fixture('windows-update', 'scan-typical.txt'));
    const chosen = selectUpdates(updates, { categories: ['security', 'definition', 'feature'], deferralDays: { feature: 30 } }, Date.parse('2024-01-20T00:00:00Z'));
    expect(chosen.filter((u) => u.selected).map((u) => u.kb)).toEqual(['KB5034123', 'KB5034685', 'KB2267602']);
    expect(chosen.find((u) => u.kb === 'KB5027397')!.heldBack).toBe('deferred 30 days after release, until 2024-02-04');
  });

  it("accepts Windows PowerShell 5.1's quirks: wrapped arrays, bare one-element lists, \\/Date()\\/ and localized names", () => {
    const scan = parseWuaScan(fixture('windows-update', 'scan-ps51-quirks.txt'));
    expect(scan.updates).toEqual([
      expect.objectContaining({ id: 'aa11bb22-cc33-4d44-8e55-ff6677889900', kb: 'KB5034763', category: 'security', releaseDate: '2024-02-13T00:00:00.000Z', severity: null }),
    ]);
  });

  it('reads an empty result with a restart pending', () => {
    expect(parseWuaScan(fixture('windows-update', 'scan-nothing-pending-restart.txt'))).toEqual({ updates: [], rebootRequired: true });
  });

  it('turns a failed search into an error that names the HRESULT', () => {
    expect(() => parseWuaScan(fixture('windows-update', 'scan-no-connection.txt'), '', 1)).toThrow('Windows Update Agent: Exception from HRESULT: 0x8024402C (0x8024402C)');
    expect(() => parseWuaScan('', 'powershell.exe : The term is not recognized', 1)).toThrow('printed no result (exit code 1): powershell.exe : The term is not recognized');
    expect(() => parseWuaScan('STEWARD-RESULT:{"ResultCode":4,"RebootRequired":false,"Updates":[]}')).toThrow('Windows Update search failed');
  });

  it('reads an install: per update result codes and HRESULTs, and the restart flag', () => {
    expect(parseWuaInstall(fixture('windows-update', 'install-partial.txt'))).toEqual({
      installed: ['7d4f35c6-5e55-4b3f-9d8c-1c2e4a2b0f11'],
      failed: [{ id: '2a9c4e1b-77f0-4c1e-8d6a-5f3b9e0c4d22', reason: 'failed (0x80240022)' }],
      rebootRequired: true,
    });
    expect(parseWuaRebootPending(fixture('windows-update', 'reboot-pending.txt'))).toBe(true);
  });

  it('keeps inputs out of the script text: the install reads update ids from the environment and checks their form', () => {
    expect(WUA_INSTALL_SCRIPT).toContain('$env:STEWARD_UPDATE_IDS');
    expect(WUA_INSTALL_SCRIPT).toMatch(/-match '\^\[0-9a-fA-F\]\{8\}/);
    expect(WUA_SCAN_SCRIPT).toContain('Microsoft.Update.Session');
    expect(WUA_SCAN_SCRIPT).toContain('IsInstalled=0 and IsHidden=0');
  });
});
