// README's permission matrix, generated from the contract: every role-gated channel and the roles PRODUCT.md's table
// gives it by default, the channels open to every signed-in user or to everyone, and what exists for nobody.
import { contract } from '@shared/contract';
import type { AnyChannel } from '@shared/contract/channel';
import { isOverridable, NOBODY_PERMISSIONS } from '@shared/domain/permissions';
import { ROLE_LABELS, ROLES, type Role } from '@shared/domain/roles';

export const MATRIX_START = '<!-- permission-matrix:start (generated from the contract by test/unit/permission-matrix.test.ts; UPDATE_README=1 rewrites it) -->';
export const MATRIX_END = '<!-- permission-matrix:end -->';

export function permissionMatrixMarkdown(): string {
  const entries = Object.entries(contract).map(([name, def]) => [name, def as AnyChannel] as const);
  const gated = entries.filter(([, d]) => Array.isArray(d.access)).sort(([a], [b]) => a.localeCompare(b));
  const open = (access: 'public' | 'signedIn') =>
    entries
      .filter(([, d]) => d.access === access)
      .map(([n]) => `\`${n}\``)
      .sort()
      .join(', ');
  const lines = [
    MATRIX_START,
    '',
    `| channel | kind | ${ROLES.map((r) => ROLE_LABELS[r]).join(' | ')} |`,
    `| --- | --- | ${ROLES.map(() => ':---:').join(' | ')} |`,
    ...gated.map(([name, d]) => {
      const roles = d.access as readonly Role[];
      return `| \`${name}\` | ${d.kind}${isOverridable(name, roles) ? '' : ' · fixed'} | ${ROLES.map((r) => (roles.includes(r) ? '✓' : '')).join(' | ')} |`;
    }),
    '',
    `Every signed-in user: ${open('signedIn')}.`,
    '',
    `Everyone, before sign-in: ${open('public')}.`,
    '',
    'Nobody, and no administrator can grant it:',
    '',
    ...NOBODY_PERMISSIONS.map((p) => `- ${p.label} (\`${p.key}\`): ${p.why}`),
    '',
    MATRIX_END,
  ];
  return lines.join('\n');
}
