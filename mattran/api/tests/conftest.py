import pytest

from mattran.api.services import api_key_create
from mattran.petitions.tests.conftest import World


class ApiWorld(World):
    """The petitions test world plus an API key of the city committee (so it may post to both wards)."""

    def __init__(self):
        super().__init__()
        self.api_key, self.raw_key = api_key_create(name="Ứng dụng phường", organisation=self.city, actor="test")

    def published(self, **overrides):
        """An answered petition whose submitter agreed to publication and whose answer the Front accepted:
        listed everywhere."""
        return self.accepted(publish_consent=True, **overrides)


@pytest.fixture
def api_world(db):
    return ApiWorld()
