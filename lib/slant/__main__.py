"""python -m slant: the slant command."""

import sys

from slant.cli import main

sys.exit(main())
