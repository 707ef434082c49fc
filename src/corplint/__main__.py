"""Allow ``python -m corplint``."""

import sys

from corplint._entry import main

sys.exit(main())
