"""Follow sources over HTTP (``claimgraph watch``), saved searches and their alerts.

config.py     the sources file (``[[source]]`` tables) and the politeness settings
fetch.py      polite HTTP: robots.txt, per-host delay, conditional requests, retries, size limits
read.py       one source's fetch -> the new documents (feeds followed to their article pages)
rounds.py     a round: fetch, ingest, reconcile, check saved searches, send webhooks
searches.py   saved searches and the changes that make an alert
webhook.py    signed JSON POSTs of alerts
atom.py       a saved search as an Atom feed
loopback.py   a web site on 127.0.0.1 for the demo and the tests
"""
