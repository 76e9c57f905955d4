"""Free-text review: reviewers' decisions on answers and the quotes they approve."""
