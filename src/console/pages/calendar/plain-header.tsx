import type { HeaderProps } from 'react-big-calendar';

/**
 * A day's heading in the week and day grids: its label alone. The calendar's own heading says
 * role="columnheader" outside any row, which screen readers cannot place (axe: aria-required-parent).
 */
export function PlainHeader({ label }: HeaderProps) {
  return <span>{label}</span>;
}
