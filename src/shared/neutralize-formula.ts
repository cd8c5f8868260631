/**
 * Characters that make a spreadsheet (Excel, LibreOffice, Google Sheets) read a cell as a formula
 * or a DDE call: `=`, `+`, `-`, `@`, and a leading tab or carriage return (OWASP "CSV injection").
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Makes one exported text cell inert: a value a spreadsheet would evaluate (`=cmd|' /C calc'!A0`,
 * `+1+1`, `@SUM(…)`, `-2+3`) gets a leading apostrophe, which spreadsheets show as text and drop
 * from the displayed value. Leading whitespace is looked through (`  =1+1` is a formula in some
 * programs). Plain numbers such as `-5` or `+84905000000` are left alone, so prices and phone
 * numbers stay numbers. Use on every free-text cell LiveCue writes to CSV, iCal or the board.
 */
export function neutralizeFormula(value: string): string {
  const trimmed = value.replace(/^[ \u00a0]+/, '');
  if (!FORMULA_START.test(trimmed)) return value;
  if (/^[+-]?\d+(?:[.,]\d+)?$/.test(trimmed)) return value;
  return `'${value}`;
}

/** `neutralizeFormula` for a cell that may be absent or not a string (numbers pass unchanged). */
export function neutralizeCell<T>(value: T): T | string {
  return typeof value === 'string' ? neutralizeFormula(value) : value;
}
