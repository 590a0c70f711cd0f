"""Demo: index whatever the other apps' demo loaders created (they run before this one)."""

from .services import search_index_rebuild


def load_demo(*, stdout=None):
    counts = search_index_rebuild()
    if stdout is not None:
        stdout.write(f"  chỉ mục tìm kiếm: {sum(counts.values())} mục")
