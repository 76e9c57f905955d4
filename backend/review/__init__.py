"""Free-text review: reviewers' decisions on answers, the quotes they approve, interview notes.

- ``answers``: filters and pages of redacted answers, each with its effective themes and
  sentiment (``effective_themes``/``effective_sentiment`` are the rules other views should use);
- ``actions``: recode, translate, redact by hand, approve or withdraw a quote, each audited;
- ``interviews``: notes from interviews, focus groups and the Youth Summit;
- ``quotes``: the one way from an approved answer to a quote on a page, slide or chart;
- ``audit``: the ``ReviewEvent`` trail.

Submodules are imported where used, so ``backend.review.quotes`` stays light for the packs.
"""
