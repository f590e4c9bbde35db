"""``python -m claimgraph``: the same as the ``claimgraph`` command."""

import sys

from claimgraph.cli.app import main

sys.exit(main())
