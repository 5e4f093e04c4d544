import { create } from 'zustand';

export type Theme = 'dark' | 'light';

const KEY = 'sluice.theme';

function initialTheme(): Theme {
  const saved = typeof localStorage === 'undefined' ? null : localStorage.getItem(KEY);
  if (saved === 'dark' || saved === 'light') return saved;
  return typeof matchMedia !== 'undefined' && matchMedia('(prefers-color-scheme: light)').matches ? 'light' : 'dark';
}

interface ThemeStore {
  readonly theme: Theme;
  toggle(): void;
}

/** The colour theme; the root element's data-theme picks the CSS variables (styles.css). */
export const useTheme = create<ThemeStore>((set, get) => ({
  theme: initialTheme(),
  toggle: () => {
    const theme: Theme = get().theme === 'dark' ? 'light' : 'dark';
    localStorage.setItem(KEY, theme);
    set({ theme });
  },
}));

export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
}
