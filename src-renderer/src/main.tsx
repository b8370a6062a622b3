import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { api } from './bridge/companion';
import { useApp } from './store';
import './styles.css';

api().onEvent((event) => useApp.getState().handleEvent(event));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
