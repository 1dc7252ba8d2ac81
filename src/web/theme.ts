// The Mantine theme: a deep red primary colour, large type and touch targets for elderly members.
import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  createTheme,
  mergeThemeOverrides,
  type MantineColorsTuple,
  Notification,
} from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

// Shade 7 (#b3131b) is the brand red; white text on it has a contrast ratio of about 6.7:1.
const partyRed: MantineColorsTuple = [
  '#fff0f0',
  '#ffdede',
  '#fbb9b9',
  '#f58f90',
  '#ee6a6c',
  '#e34b4e',
  '#cc2a2f',
  '#b3131b',
  '#930f16',
  '#730a10',
];

const gold: MantineColorsTuple = [
  '#fffbe0',
  '#fff4c2',
  '#ffe98a',
  '#ffdc4d',
  '#ffd21f',
  '#f5c400',
  '#d9ad00',
  '#a88600',
  '#7a6200',
  '#4d3d00',
];

// Mantine's own green, orange, yellow, blue, red and teal are too pale for words: white on shade 7 and shade 9
// on a light badge (shade 1) fall to 2.4–3.8:1. Shades 0–5 (backgrounds) stay Mantine's; shades 6–9 keep each
// hue but are darkened to about 4.7, 5.8, 7.3 and 9.5:1 against white, so text in shades 6–9 on white, white
// text on the filled shade 7, and shade 8–9 text on a light badge all pass WCAG AA (4.5:1).
const green: MantineColorsTuple = [
  '#ebfbee',
  '#d3f9d8',
  '#b2f2bb',
  '#8ce99a',
  '#69db7c',
  '#51cf66',
  '#278439',
  '#237432',
  '#1d632b',
  '#184f22',
];
const orange: MantineColorsTuple = [
  '#fff4e6',
  '#ffe8cc',
  '#ffd8a8',
  '#ffc078',
  '#ffa94d',
  '#ff922b',
  '#c74c0a',
  '#ae4309',
  '#953908',
  '#782e06',
];
const yellow: MantineColorsTuple = [
  '#fff9db',
  '#fff3bf',
  '#ffec99',
  '#ffe066',
  '#ffd43b',
  '#fcc419',
  '#a86200',
  '#945600',
  '#7e4a00',
  '#663b00',
];
const blue: MantineColorsTuple = [
  '#e7f5ff',
  '#d0ebff',
  '#a5d8ff',
  '#74c0fc',
  '#4dabf7',
  '#339af0',
  '#1a75c9',
  '#1767b1',
  '#135897',
  '#10477a',
];
const red: MantineColorsTuple = [
  '#fff5f5',
  '#ffe3e3',
  '#ffc9c9',
  '#ffa8a8',
  '#ff8787',
  '#ff6b6b',
  '#de2727',
  '#c61e1e',
  '#aa1a1a',
  '#8a1515',
];
const teal: MantineColorsTuple = [
  '#e6fcf5',
  '#c3fae8',
  '#96f2d7',
  '#63e6be',
  '#38d9a9',
  '#20c997',
  '#08835d',
  '#077352',
  '#066246',
  '#054f38',
];

export const theme = createTheme({
  colors: { partyRed, gold, green, orange, yellow, blue, red, teal },
  primaryColor: 'partyRed',
  // Members who ask their phone for less motion get none (WCAG 2.3.3).
  respectReducedMotion: true,
  primaryShade: { light: 7, dark: 5 },
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, "Liberation Sans", sans-serif',
  fontSizes: { xs: '0.875rem', sm: '1rem', md: '1.125rem', lg: '1.25rem', xl: '1.5rem' },
  lineHeights: { xs: '1.5', sm: '1.55', md: '1.6', lg: '1.6', xl: '1.5' },
  headings: {
    fontWeight: '700',
    sizes: {
      h1: { fontSize: '1.75rem', lineHeight: '1.3' },
      h2: { fontSize: '1.375rem', lineHeight: '1.35' },
      h3: { fontSize: '1.1875rem', lineHeight: '1.4' },
    },
  },
  defaultRadius: 'md',
  cursorType: 'pointer',
  components: {
    Button: Button.extend({ defaultProps: { size: 'md' } }),
    ActionIcon: ActionIcon.extend({ defaultProps: { size: 'xl' } }),
    // Plain objects, not Input.extend(): naming a component here would put it in every page's bundle, and the
    // form fields load with the pages that have forms.
    TextInput: { defaultProps: { size: 'md' } },
    PasswordInput: { defaultProps: { size: 'md' } },
    Select: { defaultProps: { size: 'md' } },
    NativeSelect: { defaultProps: { size: 'md' } },
    Textarea: { defaultProps: { size: 'md' } },
    FileInput: { defaultProps: { size: 'md' } },
    SegmentedControl: { defaultProps: { size: 'md' } },
    Badge: Badge.extend({
      defaultProps: { size: 'lg', radius: 'sm' },
      // Badge text of at least 15 px: Mantine's large badge is 13 px.
      vars: () => ({ root: { '--badge-fz': '0.9375rem', '--badge-height': '1.875rem' } }),
    }),
    Alert: Alert.extend({
      styles: {
        title: { fontSize: 'var(--mantine-font-size-md)' },
        message: { fontSize: 'var(--mantine-font-size-md)' },
      },
      // Light alerts colour their title with a pale shade; the darkest shade keeps it readable.
      vars: (theme, props) => {
        if (props.variant && props.variant !== 'light') return { root: {} };
        const palette = theme.colors[(props.color ?? theme.primaryColor).split('.')[0]!];
        return { root: { '--alert-color': palette ? palette[9] : undefined } };
      },
    }),
    Anchor: Anchor.extend({ defaultProps: { underline: 'always' } }),
    // A wide table scrolls sideways on a phone; its scrolling box takes the keyboard focus so the arrow keys reach
    // columns off screen even when the table holds no link or button (WCAG 2.1.1). A plain object like the
    // fields above: Table.ScrollContainer.extend() would put the table and its scroll area in every page's bundle.
    TableScrollContainer: { defaultProps: { scrollAreaProps: { viewportProps: { tabIndex: 0 } } } },
  },
});

/**
 * The theme with the words it needs in the reader's language: the close button of every notification ("Đã lưu…")
 * is named "Đóng" / "Close", so a screen reader says what it does (an icon alone has no name).
 */
export function useLocalizedTheme() {
  const { t } = useTranslation();
  const close = t('common.close');
  return useMemo(
    () =>
      mergeThemeOverrides(
        theme,
        createTheme({
          components: {
            Notification: Notification.extend({
              defaultProps: { closeButtonProps: { 'aria-label': close } },
            }),
          },
        }),
      ),
    [close],
  );
}
