"""`python -m sharaka.cli …` is the `sharaka` command."""

import sys

from sharaka.cli import main

sys.exit(main())
