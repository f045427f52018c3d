// Entity ids: UUID v7, created where the entity is created so offline consoles never collide.
import { v7 } from 'uuid';

export function newId(): string {
  return v7();
}
