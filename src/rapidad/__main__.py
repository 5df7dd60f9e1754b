"""``python -m rapidad``: see `rapidad.cli`."""

import sys

from rapidad.cli import main

sys.exit(main())
