"""The claimgraph database: schema, migrations, the writer, filters and queries — the floor every
stage writes to. It imports no stage above it (``tests/test_layering.py``): ingest and the review
actions, which coordinate stages, are in ``claimgraph.pipeline``; ``claimgraph.open(db)`` returns
its ``Store``. SQLite by default (``claimgraph.db``), PostgreSQL with ``postgresql://HOST/DB``.
"""
