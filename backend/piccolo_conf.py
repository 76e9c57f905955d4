"""Piccolo's configuration module (PICCOLO_CONF=backend.piccolo_conf): used by migrations."""

from piccolo.conf.apps import AppRegistry

from backend.settings import Settings
from backend.storage.engine import engine_for

DB = engine_for(Settings.from_env().database_url)

APP_REGISTRY = AppRegistry(apps=["backend.storage.piccolo_app"])
