"""The ``claimgraph`` command line (Typer): one module per command, registered in ``app``."""
