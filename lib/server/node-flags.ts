/**
 * V8 flags the dashboard's Node process runs with, wherever it runs (scripts/stack/app.ts for the
 * demo and tests, deploy/Dockerfile's CMD, `npm start`; the graph build benchmark uses them too).
 *
 * A 64 MB young generation: one graph request at 1,000 workloads parses tens of MB of Prometheus JSON
 * and builds a graph whose objects all live until the answer is serialised. With V8's default 16 MB
 * semi-space the scavenger runs several times per request and copies those live objects each time;
 * with 64 MB most requests finish between two scavenges and their garbage dies young. Costs at most
 * 3 × 64 MB of address space (well inside the manifests' 768 Mi limit).
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=64'] as const;
