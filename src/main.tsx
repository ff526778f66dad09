import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { startAppUpdates } from './run/appUpdate';
import { startController } from './run/controller';
import { installFaultHooks } from './run/pagePool';
import { loadFromUrl, startUrlSync } from './url/sync';
import { ErrorBoundary } from './ui/ErrorBoundary';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// The link is read into the store before the first session is built.
loadFromUrl();
installFaultHooks(); // only with #debug=faults (browser fault tests)
startController();
startUrlSync();
startAppUpdates(); // offline cache and "new version available"
createRoot(root).render(
  <StrictMode>
    <ErrorBoundary>
      <App />
    </ErrorBoundary>
  </StrictMode>,
);
