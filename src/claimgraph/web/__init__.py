"""The web app (``claimgraph serve``): REST API, pages, authentication. Needs ``claimgraph[web]``."""
