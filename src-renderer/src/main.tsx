import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { api } from './bridge/companion';
import { useApp } from './store';
import './styles.css';

api().onEvent((event) => useApp.getState().handleEvent(event));

// `npm start` and `npm run web` ask to land on the demo tenant, so a first look needs no setup.
if (new URLSearchParams(window.location.search).get('open') === 'demo') {
  window.history.replaceState(null, '', window.location.pathname);
  void useApp.getState().openDemo();
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
