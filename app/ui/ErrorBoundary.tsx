import { Component, type ErrorInfo, type ReactNode } from 'react';

export interface ErrorBoundaryProps {
  readonly children: ReactNode;
  /** Offers what is stored (text and modules) as a download, so a reset loses nothing. */
  readonly onDownload: () => void;
  /** Keeps a copy of the stored document, then loads the tutorial. */
  readonly onReset: () => void;
}

interface State {
  readonly error: Error | null;
}

/**
 * The last line of defence: if rendering fails (a document the views cannot show), the page shows
 * what happened with a way out instead of going blank.
 */
export class ErrorBoundary extends Component<ErrorBoundaryProps, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Plugboard Studio could not show the document', error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="crash" role="alert" aria-label="The editor stopped">
        <h1>The editor could not show this document</h1>
        <p>
          {error.name}: {error.message}
        </p>
        <p>Your text and modules are still stored in this browser. Download them, then start again from the tutorial (a copy of what is stored is kept).</p>
        <div className="crash__actions">
          <button type="button" onClick={this.props.onDownload}>
            Download the stored document
          </button>
          <button
            type="button"
            onClick={() => {
              this.props.onReset();
              this.setState({ error: null });
            }}
          >
            Reset to the tutorial
          </button>
        </div>
      </div>
    );
  }
}
