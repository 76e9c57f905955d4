"""The submission path: validation, redaction and the group-commit writers."""
