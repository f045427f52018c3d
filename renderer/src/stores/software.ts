// The software library: read from the replica, saved through the Console API.
import { defineStore } from 'pinia';
import { computed } from 'vue';
import type { Software } from '../../../shared/model/software.js';
import { highestVersion } from '../../../shared/engine/versions.js';
import { byName } from '../logic/by-name.js';
import { createInput, updateInput, type SoftwareDraft } from '../logic/software-draft.js';
import { useConsoleStore } from './console.js';

export const useSoftwareStore = defineStore('software', () => {
  const core = useConsoleStore();

  const list = computed<Software[]>(() => byName(core.entities('software').values()));
  const byId = (id: string): Software | undefined => core.entities('software').get(id);
  const latestOf = (s: Software): string | null => highestVersion(s.versions.map((v) => v.version));

  async function save(draft: SoftwareDraft): Promise<Software> {
    const saved = draft.id ? await core.call('software.update', updateInput({ ...draft, id: draft.id })) : await core.call('software.create', createInput(draft));
    await core.remember('software', saved);
    return saved;
  }

  async function remove(id: string): Promise<void> {
    await core.call('software.delete', { id });
    await core.catchUp();
  }

  return { list, byId, latestOf, save, remove };
});
