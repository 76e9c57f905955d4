from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Varchar
from piccolo.table import Table

ID = "2026-11-26T08:54:44:803801"
VERSION = "1.38.0"
DESCRIPTION = "Answers: one covering index (question_id, response, value) for findings"

INDEX = "answer_question_response_value"


class RawTable(Table):
    pass


async def create_covering_index():
    # Findings read a question's answers from the index alone, in response order; it replaces
    # the one-column index, so the submission path keeps one index on answer.
    await RawTable.raw(f"CREATE INDEX IF NOT EXISTS {INDEX} ON answer (question_id, response, value)")


async def drop_covering_index():
    await RawTable.raw(f"DROP INDEX IF EXISTS {INDEX}")


async def forwards():
    manager = MigrationManager(
        migration_id=ID, app_name="storage", description=DESCRIPTION
    )

    manager.alter_column(
        table_class_name="Answer",
        tablename="answer",
        column_name="question_id",
        db_column_name="question_id",
        params={"index": False},
        old_params={"index": True},
        column_class=Varchar,
        old_column_class=Varchar,
        schema=None,
    )
    manager.add_raw(create_covering_index)
    manager.add_raw_backwards(drop_covering_index)

    return manager
