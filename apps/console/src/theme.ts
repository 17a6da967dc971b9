import type { ThemeConfig } from 'antd';

/**
 * Ant Design's look with colours that keep WCAG 2.1 AA contrast (4.5:1 for text) on white and on the tags' light
 * backgrounds: its default grey for secondary text, placeholders and descriptions' labels, and the text of its
 * coloured tags (green, gold, orange…), fall below it. The accessibility audit in the console's browser tests
 * (axe-core) holds every page to this.
 */
export const THEME: ThemeConfig = {
  // Ant Design's styles come from its static stylesheet (imported in main.tsx), not generated in the browser on each
  // first render; the tokens below still reach it as CSS variables.
  zeroRuntime: true,
  token: {
    colorPrimary: '#b91c1c',
    colorSuccess: '#237804',
    colorWarning: '#ad4e00',
    colorError: '#b91c1c',
    colorInfo: '#0958d9',
    colorLink: '#0958d9',
    colorTextSecondary: 'rgba(0, 0, 0, 0.66)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.58)',
    // Also the "no data" of an empty table; disabled controls still read as such by their grey background.
    colorTextDisabled: 'rgba(0, 0, 0, 0.58)',
    // Seeds of the preset palettes two shades darker than Ant's, so that a tag's text keeps 4.5:1 on its tint.
    green: '#237804',
    gold: '#ad6800',
    orange: '#ad4e00',
    cyan: '#006d75',
    blue: '#0958d9',
    red: '#a8071a',
    volcano: '#ad2102',
    purple: '#531dab',
    fontFamily: "'Liberation Sans', Arial, 'Helvetica Neue', sans-serif",
    borderRadius: 6,
  },
};

/**
 * The same look without Ant Design's motion (dialogs, menus and pop-ups appear at once, nothing zooms or slides), for
 * someone whose system asks for reduced motion.
 */
export const STILL_THEME: ThemeConfig = { ...THEME, token: { ...THEME.token, motion: false } };
