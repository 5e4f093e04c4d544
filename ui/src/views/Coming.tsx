// The plans and runs views (the app imports them from here).
export { PlansView } from './Plans';
export { RunsView } from './Runs';
export { RunDetailView } from './RunDetail';
