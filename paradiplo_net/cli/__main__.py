"""``python -m paradiplo_net.cli``: the same as the ``paradiplo-net`` command."""

import sys

from . import main

sys.exit(main())
