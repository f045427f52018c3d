// Web permissions (camera, notifications, geolocation, devices…): refused. The one exception is a
// plain clipboard write from the app's own main frame, so "copy the agent command" works.
import type { Session } from 'electron';
import type { Logger } from '../core/ports.js';
import { isAppUrl } from './app-origin.js';

export interface PermissionQuery {
  permission: string;
  /** The URL (or origin) of the frame asking. */
  requestingUrl: string;
  isMainFrame: boolean;
}

export function permissionAllowed(query: PermissionQuery): boolean {
  return query.permission === 'clipboard-sanitized-write' && query.isMainFrame && isAppUrl(query.requestingUrl);
}

/** Installs the request, check and device handlers on a session. */
export function installPermissionGuards(session: Session, logger: Logger): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const allowed = permissionAllowed({ permission, requestingUrl: details.requestingUrl, isMainFrame: details.isMainFrame });
    if (!allowed) logger.warn('permission request refused', { permission });
    callback(allowed);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    permissionAllowed({ permission, requestingUrl: details.requestingUrl ?? requestingOrigin, isMainFrame: details.isMainFrame }),
  );
  session.setDevicePermissionHandler(() => false);
}
