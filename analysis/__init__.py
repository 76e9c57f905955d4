"""Pure analysis library: redaction, themes, sentiment, concerns, disclosure control, documents.

Nothing here imports ``backend`` or touches a web framework or database.
"""
