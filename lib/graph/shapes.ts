/**
 * Shapes that outlive the graph. V8 gives an object its shape (hidden class) as its constructor adds
 * fields, and optimized code checks for that shape while holding it only weakly. When a graph is
 * finished, every object the builder made dies; the next full collection then frees the shapes of
 * its classes and throws away all the optimized code that checked for them, so the next graph was
 * built by the interpreter, re-optimizing on the way. That was most of graph_build_ms_1000 (each
 * timed build runs after a full collection): ~230 ms, and ~76 ms with the shapes kept. The server
 * collects between requests just the same.
 *
 * Object literals do not need this (the function keeps its literal's shape), as long as no property
 * is added after the literal is made: hence the builder's objects have all their fields from the start.
 */
const kept: object[] = [];

/** Keeps `instance` (and so its class's shape) for the life of the process. */
export function keepShapeOf<T extends object>(instance: T): T {
  kept.push(instance);
  return instance;
}
