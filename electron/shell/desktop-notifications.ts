// Native notifications, behind a port so the logic that decides what to show is tested with a fake.
import type { Subscription } from './subscription.js';

export interface DesktopNotification {
  title: string;
  body: string;
  onClick?: () => void;
}

export interface NotifierPort {
  show(notification: DesktopNotification): void;
}

/** Runs `fn` once after `ms`; disposing cancels it. Production: setTimeout. */
export type Schedule = (fn: () => void, ms: number) => Subscription;
