import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

// Ant Design asks for media queries (responsive grid); the DOM under test answers "no match".
if (!window.matchMedia) {
  window.matchMedia = (query: string) =>
    ({ matches: false, media: query, onchange: null, addListener() {}, removeListener() {}, addEventListener() {}, removeEventListener() {}, dispatchEvent: () => false }) as MediaQueryList;
}
afterEach(() => cleanup());
