// The Mantine theme: a deep red primary colour, large type and touch targets for elderly members.
import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  createTheme,
  type MantineColorsTuple,
} from '@mantine/core';

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

export const theme = createTheme({
  colors: { partyRed, gold },
  primaryColor: 'partyRed',
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
  },
});
