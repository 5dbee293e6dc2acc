/** The facilitator pages' hub connection, set once by FacilitatorApp. */
import { createContext } from 'svelte';
import type { HubConnection } from '../../state/hub/hub-connection.svelte';

export const [getHubConnection, setHubConnection] = createContext<HubConnection>();
