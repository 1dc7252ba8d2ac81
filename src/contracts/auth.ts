// Contracts of sign-in, the current actor, sessions and passwords.
import { z } from 'zod';
import { isoDate, uuid } from './common.ts';
import { organizationKind, positionKind } from './organizations.ts';

export const loginBody = z.object({
  identifier: z.string().trim().min(1, { error: 'form.login_identifier_required' }).max(120),
  password: z.string().min(1, { error: 'form.password_required' }).max(200),
});

export const roleKinds = [
  'member',
  'cell_leadership',
  'committee',
  'board_officer',
  'follower',
  'system_admin',
] as const;
export const roleKind = z.enum(roleKinds);
export type RoleKind = z.infer<typeof roleKind>;

export const actorRole = z.object({
  role: roleKind,
  organizationId: uuid.nullable(),
  organizationName: z.string().nullable(),
  organizationKind: organizationKind.nullable(),
  position: positionKind.nullable(),
});
export type ActorRole = z.infer<typeof actorRole>;

export const meResponse = z.object({
  account: z.object({
    id: uuid,
    displayName: z.string(),
    isSystemAdmin: z.boolean(),
    mustChangePassword: z.boolean(),
  }),
  member: z
    .object({
      id: uuid,
      fullName: z.string(),
      status: z.enum(['probationary', 'full']),
      organizationId: uuid.nullable(),
      organizationName: z.string().nullable(),
    })
    .nullable(),
  roles: z.array(actorRole),
});
export type MeResponse = z.infer<typeof meResponse>;

export const sessionItem = z.object({
  id: z.string().describe('a short public handle of the session, not its token'),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  userAgent: z.string().nullable(),
  ip: z.string().nullable(),
  isCurrent: z.boolean(),
});
export const sessionListResponse = z.object({ sessions: z.array(sessionItem) });

export const passwordRule = z
  .string()
  .min(8, { error: 'form.password_min_length' })
  .max(200)
  .refine((p) => /[A-Za-z]/.test(p) && /\d/.test(p), { error: 'form.password_letters_digits' });

export const changePasswordBody = z.object({ currentPassword: z.string().min(1), newPassword: passwordRule });
export const resetPasswordBody = z.object({ newPassword: passwordRule });

export const healthResponse = z.object({
  status: z.literal('ok'),
  database: z.enum(['pglite', 'postgresql']),
  version: z.string(),
});

export const dateString = isoDate;

export const assignRoleBody = z.object({
  memberId: uuid.describe('the member whose account receives the role (an account is created if missing)'),
  role: z.enum(['board_officer', 'follower']),
  organizationId: uuid,
  validFrom: isoDate,
});

export const roleAssignmentItem = z.object({
  id: uuid,
  role: z.enum(['board_officer', 'follower']),
  memberId: uuid.nullable(),
  memberName: z.string(),
  organizationId: uuid,
  organizationName: z.string(),
  validFrom: isoDate,
  validTo: isoDate.nullable(),
});
export const roleAssignmentList = z.object({ items: z.array(roleAssignmentItem) });
export const endRoleBody = z.object({ validTo: isoDate });
