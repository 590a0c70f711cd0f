"""Where the checkout and its writable data live (the var/ folder: SQLite file, uploads, private files)."""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("MATTRAN_VAR_DIR", BASE_DIR / "var"))
