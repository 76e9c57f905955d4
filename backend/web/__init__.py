"""Shared pieces of the server-rendered pages: templating with gettext, headers, CSRF."""
