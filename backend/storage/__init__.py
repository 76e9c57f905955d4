"""Storage: Piccolo tables, migrations and the engine a DATABASE_URL names."""
