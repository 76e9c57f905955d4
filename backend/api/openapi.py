"""Answers every operation can give, declared once so the OpenAPI schema tells the truth.

Handlers declare what they decide themselves; some answers come from the layers
around them instead: the body-size cap (413) and the body decoder (400) for any
operation that takes a body, and the staff guards and CSRF check (401, 403) for
every staff operation, and routing (404) for an id in the path that is not one.
schemathesis holds the schema to each of these.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from litestar.openapi.spec import OpenAPIMediaType, OpenAPIResponse, Schema
from litestar.openapi.spec.enums import OpenAPIType

if TYPE_CHECKING:
    from litestar import Litestar

__all__ = ["declare_common_responses"]

_METHODS = ("get", "put", "post", "delete", "patch")


def _error(description: str, problems: bool = False) -> OpenAPIResponse:
    properties = {
        "status_code": Schema(type=OpenAPIType.INTEGER),
        "detail": Schema(type=OpenAPIType.STRING),
    }
    if problems:
        properties["problems"] = Schema(
            type=OpenAPIType.ARRAY,
            items=Schema(
                type=OpenAPIType.OBJECT,
                properties={"field": Schema(type=OpenAPIType.STRING),
                            "message": Schema(type=OpenAPIType.STRING)},
                required=["field", "message"],
            ),
        )
    schema = Schema(type=OpenAPIType.OBJECT, properties=properties,
                    required=["status_code", "detail"])
    return OpenAPIResponse(description=description,
                           content={"application/json": OpenAPIMediaType(schema=schema)})


def declare_common_responses(app: Litestar) -> None:
    """Add the answers of the surrounding layers to every operation of ``app``'s schema."""
    for path, item in (app.openapi_schema.paths or {}).items():
        for method in _METHODS:
            operation = getattr(item, method, None)
            if operation is None:
                continue
            responses = operation.responses if operation.responses is not None else {}
            extra: dict[str, OpenAPIResponse] = {}
            if operation.request_body is not None:
                extra["400"] = _error("The body is not valid; nothing was changed", True)
                extra["413"] = _error("The body is larger than the service accepts")
            if any(p.param_in == "path" for p in operation.parameters or ()
                   if hasattr(p, "param_in")):
                extra["404"] = _error("Nothing has that id (or it is not a valid id)")
            if path.startswith("/api/v1/staff"):
                extra["401"] = _error("Not signed in")
                extra["403"] = _error("The role does not allow this, or the CSRF token is "
                                      "missing (send the csrftoken cookie as X-CSRFToken)")
            for status, response in extra.items():
                responses.setdefault(status, response)
            operation.responses = responses
