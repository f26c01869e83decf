"""``python -m marsad …``: the same command line as the ``marsad`` script."""

import sys

from marsad.cli import main

sys.exit(main())
