import { useSyncExternalStore } from 'react';

const QUERY = '(max-width: 768px)';

const subscribe = (onChange: () => void) => {
  const mql = window.matchMedia(QUERY);
  mql.addEventListener('change', onChange);
  return () => mql.removeEventListener('change', onChange);
};

/** True on phone-sized screens (≤ 768 px wide). */
export const useIsMobile = (): boolean => useSyncExternalStore(subscribe, () => window.matchMedia(QUERY).matches);
