"""The backend fixtures (settings, app, client over a seeded database) for these tests too."""

from tests.backend.conftest import app, client, settings  # noqa: F401
