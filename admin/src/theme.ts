import { defaultTheme, type RaThemeOptions } from 'react-admin';

// Fonts every clerk's machine has (Windows: Microsoft YaHei; macOS: PingFang SC; Linux: Noto Sans CJK SC).
const fontFamily = [
  '"PingFang SC"', '"Microsoft YaHei"', '"Noto Sans CJK SC"', '"Source Han Sans SC"', '"Hiragino Sans GB"',
  'system-ui', '-apple-system', '"Segoe UI"', 'Roboto', 'Arial', 'sans-serif',
].join(',');

export const theme: RaThemeOptions = {
  ...defaultTheme,
  palette: {
    mode: 'light',
    primary: { main: '#1f4e79' },
    secondary: { main: '#6a4c93' },
    background: { default: '#f4f6f8' },
  },
  typography: { fontFamily, fontSize: 14, button: { textTransform: 'none' } },
  shape: { borderRadius: 6 },
  sidebar: { width: 224, closedWidth: 50 },
  components: {
    ...defaultTheme.components,
    MuiTableCell: {
      styleOverrides: {
        ...defaultTheme.components?.MuiTableCell?.styleOverrides,
        head: { fontWeight: 600, whiteSpace: 'nowrap' },
        sizeSmall: { padding: '6px 12px' },
      },
    },
    // Outlined fields read as boxes to fill in; one size and margin everywhere keeps filter bars aligned.
    MuiTextField: { defaultProps: { variant: 'outlined', size: 'small', margin: 'dense', fullWidth: false } },
    MuiFormControl: { defaultProps: { variant: 'outlined', size: 'small', margin: 'dense', fullWidth: false } },
    MuiAutocomplete: { defaultProps: { size: 'small' } },
    MuiChip: { styleOverrides: { sizeSmall: { fontWeight: 500 } } },
  },
};

