// The demo's sample catalogue (resources/sample-catalogue.json): its schema, and how it becomes
// tenants, software and deployments through the Console API.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { ApiClient } from '../shared/api/client.js';
import { SoftwareVersionInput } from '../shared/api/software.js';
import { Script } from '../shared/model/common.js';
import { Platform } from '../shared/model/computer.js';
import { DesiredState, DesiredVersion } from '../shared/model/deployment.js';

export const Catalogue = z.strictObject({
  about: z.string().optional(),
  tenants: z.array(z.strictObject({ name: z.string().min(1), computers: z.array(z.string().regex(/^[a-z0-9-]+$/)).min(1) })).min(1),
  preinstalled: z.array(z.strictObject({ computer: z.string(), path: z.string().regex(/^[a-z0-9-]+\/[a-z0-9.-]+$/), content: z.string() })).default([]),
  software: z.array(z.strictObject({ name: z.string().min(1), vendor: z.string().optional(), platforms: z.array(Platform).optional(), detectScript: Script, versions: z.array(SoftwareVersionInput) })),
  deployments: z.array(
    z.strictObject({
      name: z.string().min(1),
      software: z.string(),
      version: DesiredVersion,
      desiredState: DesiredState,
      target: z.discriminatedUnion('kind', [
        z.strictObject({ kind: z.literal('all') }),
        z.strictObject({ kind: z.literal('tenant'), name: z.string() }),
        z.strictObject({ kind: z.literal('computer'), name: z.string() }),
      ]),
    }),
  ),
});
export type Catalogue = z.infer<typeof Catalogue>;

export function loadCatalogue(file: string): Catalogue {
  const parsed = Catalogue.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

export interface CreatedLibrary {
  tenants: Map<string, string>;
  software: Map<string, string>;
}

export async function createTenantsAndSoftware(api: ApiClient, catalogue: Catalogue): Promise<CreatedLibrary> {
  const tenants = new Map<string, string>();
  for (const t of catalogue.tenants) tenants.set(t.name, (await api.call('tenants.create', { name: t.name })).id);
  const software = new Map<string, string>();
  for (const s of catalogue.software) software.set(s.name, (await api.call('software.create', s)).id);
  return { tenants, software };
}

/** Deployments come last: a computer target needs the computer enrolled first. */
export async function createDeployments(api: ApiClient, catalogue: Catalogue, library: CreatedLibrary, computers: Map<string, string>): Promise<void> {
  const need = (map: Map<string, string>, name: string, what: string) => {
    const id = map.get(name);
    if (!id) throw new Error(`sample catalogue: deployment names unknown ${what} "${name}"`);
    return id;
  };
  for (const d of catalogue.deployments) {
    const target = d.target.kind === 'all' ? { kind: 'all' as const } : { kind: d.target.kind, id: need(d.target.kind === 'tenant' ? library.tenants : computers, d.target.name, d.target.kind) };
    await api.call('deployments.create', { name: d.name, softwareId: need(library.software, d.software, 'software'), version: d.version, desiredState: d.desiredState, targets: [target], enabled: true });
  }
}
