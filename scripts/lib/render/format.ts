/** The text helpers live in core/ (finding kinds below render/ write lines too); renderers import them from here. */
export * from '../core/format.js';
