// Preact with hooks and htm's tagged templates, in one file the API serves from node_modules
// (htm/preact/standalone): no build step, no bare module names for the browser to resolve.
export * from '/vendor/htm-preact/standalone.module.js';
