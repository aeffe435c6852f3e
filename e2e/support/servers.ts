// Where the suite's own API and web app listen (ports chosen to stay clear of `npm start`'s).
export const API_PORT = 4310;
export const WEB_PORT = 3310;

export const API_ORIGIN = `http://127.0.0.1:${API_PORT}`;
export const API_GRAPHQL_URL = `${API_ORIGIN}/graphql`;
export const WEB_ORIGIN = `http://127.0.0.1:${WEB_PORT}`;
