"""The operations that coordinate stages, above store/, engines/ and reconcile/: ingest and review."""
