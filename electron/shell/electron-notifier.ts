// Native notifications through Electron. Each shown notification is kept referenced until it is
// closed or clicked: a collected Notification silently loses its click handler.
import { Notification } from 'electron';
import type { DesktopNotification, NotifierPort } from './desktop-notifications.js';

const MAX_LIVE = 50;

export class ElectronNotifier implements NotifierPort {
  private readonly live = new Set<Notification>();

  constructor(private readonly icon: string) {}

  show(notification: DesktopNotification): void {
    if (!Notification.isSupported()) return;
    const note = new Notification({ title: notification.title, body: notification.body, icon: this.icon });
    const forget = () => void this.live.delete(note);
    note.on('click', () => {
      forget();
      notification.onClick?.();
    });
    note.on('close', forget);
    note.on('failed', forget);
    this.live.add(note);
    if (this.live.size > MAX_LIVE) this.live.delete(this.live.values().next().value!);
    note.show();
  }
}
