// The software library: items with detection and per-version scripts.
import type { ApiParsedInput } from '../../../shared/api/contract.js';
import type { SoftwareVersionInput } from '../../../shared/api/software.js';
import { SoftwareVersion, type Software } from '../../../shared/model/software.js';
import { compareVersions } from '../../../shared/engine/versions.js';
import { newId } from '../../../shared/ids.js';
import { conflict, invalid, notFound } from '../errors.js';
import type { EntityCollection } from '../store/entity-collection.js';
import type { Deployment } from '../../../shared/model/deployment.js';
import { isoNow, type Clock } from '../ports.js';

function toVersion(input: SoftwareVersionInput, field = ''): SoftwareVersion {
  const version = SoftwareVersion.parse(input);
  if (version.upgradeStrategy === 'upgrade-script' && version.upgradeScript === null) {
    throw invalid(`${field}upgradeScript`, 'is required when upgradeStrategy is upgrade-script');
  }
  return version;
}

function checkDistinct(versions: SoftwareVersion[], field: string): void {
  for (let i = 0; i < versions.length; i++) {
    for (let j = i + 1; j < versions.length; j++) {
      if (compareVersions(versions[i]!.version, versions[j]!.version) === 0) {
        throw invalid(field, `version ${versions[j]!.version} is listed twice`);
      }
    }
  }
}

export class SoftwareService {
  constructor(
    private readonly software: EntityCollection<Software>,
    private readonly deployments: EntityCollection<Deployment>,
    private readonly clock: Clock,
  ) {}

  list(): Software[] {
    return this.software.all().sort((a, b) => a.name.localeCompare(b.name));
  }

  get(id: string): Software {
    const item = this.software.get(id);
    if (!item) throw notFound('software', id);
    return item;
  }

  create(input: ApiParsedInput<'software.create'>): Software {
    const versions = input.versions.map((v, i) => toVersion(v, `versions.${i}.`));
    checkDistinct(versions, 'versions');
    const now = isoNow(this.clock);
    return this.software.put({
      id: newId(),
      name: input.name,
      vendor: input.vendor ?? '',
      platforms: input.platforms ?? [],
      detectScript: input.detectScript,
      versions,
      createdAt: now,
      updatedAt: now,
    });
  }

  update(input: ApiParsedInput<'software.update'>): Software {
    const current = this.get(input.id);
    const versions = input.versions ? input.versions.map((v, i) => toVersion(v, `versions.${i}.`)) : current.versions;
    checkDistinct(versions, 'versions');
    return this.software.put({
      ...current,
      name: input.name ?? current.name,
      vendor: input.vendor ?? current.vendor,
      platforms: input.platforms ?? current.platforms,
      detectScript: input.detectScript ?? current.detectScript,
      versions,
      updatedAt: isoNow(this.clock),
    });
  }

  addVersion(input: ApiParsedInput<'software.addVersion'>): Software {
    const { softwareId, ...version } = input;
    const current = this.software.get(softwareId);
    if (!current) throw notFound('software', softwareId, 'softwareId');
    if (current.versions.some((v) => compareVersions(v.version, version.version) === 0)) {
      throw invalid('version', `${current.name} already has version ${version.version}`);
    }
    return this.software.put({ ...current, versions: [...current.versions, toVersion(version)], updatedAt: isoNow(this.clock) });
  }

  /** Changes one version's fields (its scripts, release date, options…); the version string stays. */
  updateVersion(input: ApiParsedInput<'software.updateVersion'>): Software {
    const { softwareId, version, ...patch } = input;
    const current = this.software.get(softwareId);
    if (!current) throw notFound('software', softwareId, 'softwareId');
    const index = current.versions.findIndex((v) => compareVersions(v.version, version) === 0);
    if (index < 0) throw invalid('version', `${current.name} has no version ${version}`);
    const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    const updated = toVersion({ ...current.versions[index]!, ...defined });
    const versions = current.versions.map((v, i) => (i === index ? updated : v));
    return this.software.put({ ...current, versions, updatedAt: isoNow(this.clock) });
  }

  removeVersion(softwareId: string, version: string): Software {
    const current = this.software.get(softwareId);
    if (!current) throw notFound('software', softwareId, 'softwareId');
    const remaining = current.versions.filter((v) => compareVersions(v.version, version) !== 0);
    if (remaining.length === current.versions.length) throw invalid('version', `${current.name} has no version ${version}`);
    const pinnedBy = this.deployments.all().find((d) => d.softwareId === softwareId && d.version !== null && d.version !== 'latest' && compareVersions(d.version, version) === 0);
    if (pinnedBy) throw conflict(`deployment "${pinnedBy.name}" pins version ${version}; change it first`);
    return this.software.put({ ...current, versions: remaining, updatedAt: isoNow(this.clock) });
  }

  delete(id: string): void {
    this.get(id);
    const usedBy = this.deployments.all().find((d) => d.softwareId === id);
    if (usedBy) throw conflict(`deployment "${usedBy.name}" uses this software; delete it first`);
    this.software.delete(id);
  }
}
