"""``python -m eval ...`` runs :func:`eval.runner.main`."""

import sys

from eval.runner import main

sys.exit(main())
