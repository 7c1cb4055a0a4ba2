"""What every daily-life endpoint answers when it refuses, documented once in the OpenAPI document:
400 a rule (with the field it belongs to, and for a sheet the message of each refused row), 403 no
permission, 404 not found or another facility's, 409 someone saved first, 422 input of the wrong
shape (`detail` lists each field). Named apart from the residents' `ErrorOut`: the document keeps
one schema per name."""

from typing import Annotated, Any

from ninja import Field, Schema

# An id the database can hold (a bigger one typed in a body is refused as input of the wrong
# shape, 422, before it reaches SQLite, which cannot even compare it).
MAX_ID = 2**63 - 1
RowId = Annotated[int, Field(ge=1, le=MAX_ID)]


class DailyLifeRefusalOut(Schema):
    detail: Any
    code: str | None = None
    field: str | None = None
    # A refused sheet (a roll call, a team's day, a zone's supplies): each row's message.
    errors: dict[Any, Any] = {}


REFUSED: dict[int, Any] = dict.fromkeys((400, 403, 404, 409, 422), DailyLifeRefusalOut)
