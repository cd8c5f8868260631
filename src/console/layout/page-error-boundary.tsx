import { Component } from 'react';
import type { ErrorInfo, ReactNode } from 'react';
import type { Translate } from '../i18n/use-text';

interface Props {
  t: Translate;
  /** A new value (the path) clears the error: another page may load fine. */
  resetKey: string;
  children: ReactNode;
}

/**
 * A page that failed to load or render — e.g. its chunk is gone because the console was rebuilt
 * while this tab was open — says so with a Reload button, inside the shell, instead of leaving
 * an empty screen.
 */
export class PageErrorBoundary extends Component<Props, { error: Error | null; key: string }> {
  override state = { error: null as Error | null, key: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): { error: Error } {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: Props, state: { error: Error | null; key: string }) {
    return props.resetKey === state.key ? null : { error: null, key: props.resetKey };
  }

  override componentDidCatch(_error: unknown, _info: ErrorInfo): void {
    // shown by render(); nothing to send anywhere
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div role="alert">
        <p>{this.props.t('failed', { message: error.message })}</p>
        <button type="button" onClick={() => { window.location.reload(); }}>{this.props.t('reload')}</button>
      </div>
    );
  }
}
