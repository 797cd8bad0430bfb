// Hash routing: "#/study" style routes work from a static server and offline under the
// service worker, with no server-side fallback needed.

export const ROUTES = ['home', 'study', 'sandbox', 'decks', 'settings'] as const;
export type Route = (typeof ROUTES)[number];

export const ROUTE_TITLES: Record<Route, string> = {
  home: 'Home',
  study: 'Study',
  sandbox: 'Sandbox',
  decks: 'Decks',
  settings: 'Settings',
};

export function parseRoute(hash: string): Route {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return (ROUTES as readonly string[]).includes(name) ? (name as Route) : 'home';
}

export function routeHref(route: Route): string {
  return route === 'home' ? '#/' : `#/${route}`;
}

export class Router {
  current = $state<Route>('home');

  constructor(win: Window) {
    this.current = parseRoute(win.location.hash);
    win.addEventListener('hashchange', () => {
      this.current = parseRoute(win.location.hash);
    });
  }

  go(route: Route): void {
    window.location.hash = routeHref(route);
  }
}
