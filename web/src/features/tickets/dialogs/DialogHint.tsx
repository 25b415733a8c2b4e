import { Typography } from 'antd';
import type { ReactNode } from 'react';

export function DialogHint({ children }: { children: ReactNode }) {
  return children ? <Typography.Paragraph type="secondary">{children}</Typography.Paragraph> : null;
}
