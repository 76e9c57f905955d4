"""JSON API (``/api/v1``) and health check."""
