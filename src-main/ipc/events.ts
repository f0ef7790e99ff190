// Push events to every window (Electron webContents or harness event streams).
import type { EventName, Events } from '@shared/contract';

type Listener = <K extends EventName>(name: K, payload: Events[K]) => void;

export class EventHub {
  private readonly listeners = new Set<Listener>();

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<K extends EventName>(name: K, payload: Events[K]): void {
    for (const l of this.listeners) l(name, payload);
  }
}
