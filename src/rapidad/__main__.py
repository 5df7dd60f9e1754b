"""``python -m rapidad``: see :mod:`rapidad.cli`."""

import sys

from rapidad.cli import main

sys.exit(main())
