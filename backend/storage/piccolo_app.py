"""The Piccolo app holding feelsafe's tables and migrations."""

from __future__ import annotations

import os

from piccolo.conf.apps import AppConfig, table_finder

CURRENT_DIRECTORY = os.path.dirname(os.path.abspath(__file__))

APP_CONFIG = AppConfig(
    app_name="storage",
    migrations_folder_path=os.path.join(CURRENT_DIRECTORY, "piccolo_migrations"),
    table_classes=table_finder(modules=["backend.storage.tables"], exclude_imported=True),
    migration_dependencies=[],
    commands=[],
)
