"""Test support shared by every app's tests (imported only from tests)."""

import os
from pathlib import Path

from django.conf import settings


def seed_dir() -> Path:
    """``../shared/seed/`` next to the checkout (found from any depth, so a git worktree works too), or
    ``MATTRAN_SEED_DIR`` when set."""
    if os.environ.get("MATTRAN_SEED_DIR"):
        return Path(os.environ["MATTRAN_SEED_DIR"])
    for parent in Path(settings.BASE_DIR).parents:
        if (parent / "shared" / "seed").is_dir():
            return parent / "shared" / "seed"
    return Path(settings.BASE_DIR).parent / "shared" / "seed"


SEED_ARTICLE = seed_dir() / "000_c9a837d5d0deb86d.txt"
