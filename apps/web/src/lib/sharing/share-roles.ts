import { shareRoles, type ShareRole } from '@threatloom/domain';

/** Share roles, most powerful first, as pickers list them. */
export const shareRoleChoices: readonly ShareRole[] = [...shareRoles].reverse();

const labels: Record<ShareRole, string> = {
  editor: 'Editor',
  auditor: 'Auditor',
  viewer: 'Viewer',
};

const descriptions: Record<ShareRole, string> = {
  editor: 'a vendor: its editors and admins edit the models',
  auditor: 'a regulator: reads, sees the full history and attests reviews',
  viewer: 'reads the models',
};

/** A share role as people read it. */
export function shareRoleLabel(role: string): string {
  return labels[role as ShareRole] ?? role;
}

/** What a share lets the other organisation do, in a few words. */
export function shareRoleDescription(role: ShareRole): string {
  return descriptions[role];
}
