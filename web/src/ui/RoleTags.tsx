import { Tag } from 'antd';
import { useT, type Translate } from '../i18n/index.tsx';

const ROLE_COLORS: Record<string, string> = { admin: 'red', customer: 'green', accountant: 'gold', clearing: 'gold' };

export const roleLabel = (t: Translate, role: string): string => t.maybe(`role.${role}`) ?? role;

export function RoleTags({ roles }: { roles: string[] }) {
  const t = useT();
  return (
    <span className="tag-list">
      {roles.map((r) => (
        <Tag key={r} color={ROLE_COLORS[r] ?? 'blue'}>
          {roleLabel(t, r)}
        </Tag>
      ))}
    </span>
  );
}
