"""Allow ``python -m corplint``."""

import sys

from corplint.cli.entry import main

sys.exit(main())
