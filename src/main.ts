import { mount } from 'svelte';
import App from './App.svelte';
import { registerServiceWorker } from './pwa';
import './ui/app.css';

mount(App, { target: document.getElementById('app')! });
registerServiceWorker();
