"""Allow ``python -m corplint``."""

import sys

from corplint.cli import main

sys.exit(main())
