// The look: calm teal on white, generous spacing, one radius everywhere.
import { createTheme, type MantineColorsTuple } from '@mantine/core';

const teal: MantineColorsTuple = ['#e6f8f6', '#d3ede9', '#a8d9d2', '#79c4ba', '#53b2a6', '#3aa799', '#2ba192', '#1a8d7f', '#0b7d71', '#006c61'];

export const theme = createTheme({
  primaryColor: 'teal',
  primaryShade: 7,
  colors: { teal },
  defaultRadius: 'md',
  fontFamily: 'Inter, "Segoe UI", system-ui, -apple-system, Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '600' },
  components: {
    Button: { defaultProps: { radius: 'md' } },
    Paper: { defaultProps: { radius: 'md' } },
    Modal: { defaultProps: { centered: true, radius: 'md', overlayProps: { backgroundOpacity: 0.4, blur: 2 } } },
    TextInput: { defaultProps: { autoComplete: 'off' } },
  },
});
