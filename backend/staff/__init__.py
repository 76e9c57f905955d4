"""The staff area: accounts and roles, and the admin's editions, schools and access codes.

Route handlers are listed in ``backend.staff.routes`` (imported by ``create_app``), so the
command line can use the account functions without loading the web stack.
"""
