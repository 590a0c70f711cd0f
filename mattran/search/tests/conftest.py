import re

import pytest

from mattran.core.testing import SEED_ARTICLE

# the old portal prints "Tin tức sự kiện 03 Tháng Tám 2018 4:20:00 CH" and the title on the next text line
_DATELINE = re.compile(r"\d{4} \d{1,2}:\d{2}:\d{2} (SA|CH)\s*$")


@pytest.fixture
def seed_article_title() -> str:
    """The title of the seed article (the 2018 conference of District 11), read from the shared seed file."""
    if not SEED_ARTICLE.exists():
        pytest.skip(f"seed article {SEED_ARTICLE} is absent, so its title cannot be indexed")
    lines = [line.strip() for line in SEED_ARTICLE.read_text(encoding="utf-8").splitlines()]
    for i, line in enumerate(lines):
        if _DATELINE.search(line):
            title = next((rest for rest in lines[i + 1 :] if rest), "")
            if title:
                return title
    pytest.skip(f"no dateline followed by a title in {SEED_ARTICLE}")
