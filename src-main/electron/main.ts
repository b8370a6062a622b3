// Placeholder entry: the hardened shell is built in the Electron issue.
import { app } from 'electron';

app.whenReady().then(() => undefined);
