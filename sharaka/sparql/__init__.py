"""The public SPARQL endpoint's subsystem, in the order a query passes through it:
protocol (the HTTP request) → guard (safety and cost) → lanes (fast and slow lanes, host-wide slots; the worker
processes in pool, worker and seal) → serialize (the result written once, within the byte limit). `execution`
is what an app holds: its own lanes on the embedded store, or `forward` to a remote store."""
