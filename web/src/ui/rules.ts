import type { FormRule as Rule } from 'antd';
import type { Translate } from '../i18n/index.tsx';

const lowerFirst = (t: Translate, s: string) => s.charAt(0).toLocaleLowerCase(t.lang) + s.slice(1);

/** "Vui lòng nhập tên đăng nhập": a required text field (blank counts as empty). */
export const requiredRule = (t: Translate, label: string): Rule => ({
  required: true,
  whitespace: true,
  message: t('common.required', { field: lowerFirst(t, label) }),
});

/** "Vui lòng chọn vai trò": a required picker; `multiple` for multi-selects (an empty list counts as empty). */
export const requiredChoiceRule = (t: Translate, label: string, multiple = false): Rule => ({
  required: true,
  ...(multiple ? { type: 'array' as const, min: 1 } : {}),
  message: t('common.requiredChoice', { field: lowerFirst(t, label) }),
});

/** Same policy as the server: at least 8 characters with letters and digits (empty is left to `required`). */
export const passwordRule = (t: Translate): Rule => ({
  pattern: /^(?=.*\p{L})(?=.*\d).{8,}$/u,
  message: t('auth.passwordWeak'),
});

/** "Vui lòng nhập số lượng": a required number or other non-text value. */
export const requiredValueRule = (t: Translate, label: string): Rule => ({
  required: true,
  message: t('common.required', { field: lowerFirst(t, label) }),
});
