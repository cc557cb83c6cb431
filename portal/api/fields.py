"""The fields a JSON request body may hold, read the same way on every endpoint: an object's
keys against the fields it has, each value's JSON type, then its form; every problem named by
the field's dotted path. Each field also describes itself for the OpenAPI document, so the
document and the check cannot drift apart."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

# ASCII digits only: \d would also take Arabic-Indic and other scripts' digits.
DAY_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_DAY = re.compile(DAY_PATTERN)


class Invalid(ValueError):
    """The body is wrong: fields maps each field (dotted path) to what is wrong."""

    def __init__(self, fields: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in fields.items()))
        self.fields = fields


class Field(Protocol):
    @property
    def required(self) -> bool: ...

    def read(self, value: Any, path: str) -> Any:
        """The value made plain (None: as if not sent), or Invalid naming path."""

    def schema(self) -> dict: ...


def _nullable(kind: str, required: bool) -> str | list[str]:
    # Null is "no value": a required field then says "is required", an optional one is left out.
    return kind if required else [kind, "null"]


@dataclass(frozen=True)
class Text:
    """A string, trimmed; blank counts as not sent. check says what else is wrong, or None."""

    required: bool = False
    max_length: int | None = None
    check: Callable[[str], str | None] | None = None
    describe: dict = field(default_factory=dict)

    def read(self, value: Any, path: str) -> str | None:
        if not isinstance(value, str):
            raise Invalid({path: "must be a string"})
        if self.max_length is not None and len(value) > self.max_length:
            raise Invalid({path: f"can be at most {self.max_length} characters"})
        value = value.strip()
        if not value:
            if self.required:
                raise Invalid({path: "must not be empty"})
            return None
        problem = self.check(value) if self.check else None
        if problem:
            raise Invalid({path: problem})
        return value

    def schema(self) -> dict:
        schema: dict = {"type": _nullable("string", self.required)}
        if self.required:
            schema["minLength"] = 1
        if self.max_length is not None:
            schema["maxLength"] = self.max_length
        return {**schema, **self.describe}


@dataclass(frozen=True)
class OneOf:
    """One of a few codes, each a string."""

    values: tuple[str, ...]
    required: bool = False

    def read(self, value: Any, path: str) -> str:
        if not isinstance(value, str):
            raise Invalid({path: f"must be a string: {self._choices()}"})
        if value not in self.values:
            raise Invalid({path: f"must be {self._choices()}"})
        return value

    def _choices(self) -> str:
        quoted = [f'"{value}"' for value in self.values]
        return quoted[0] if len(quoted) == 1 else "one of " + ", ".join(quoted)

    def schema(self) -> dict:
        values: list = list(self.values) if self.required else [*self.values, None]
        return {"type": _nullable("string", self.required), "enum": values}


@dataclass(frozen=True)
class Day:
    """A date, written exactly YYYY-MM-DD: no other form Python's parser knows, no number."""

    required: bool = False

    def read(self, value: Any, path: str) -> date:
        if not isinstance(value, str):
            raise Invalid({path: "must be a string: a date written YYYY-MM-DD"})
        if not _DAY.fullmatch(value):
            raise Invalid({path: "must be a date written YYYY-MM-DD"})
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise Invalid({path: "is not a day in the calendar"}) from None

    def schema(self) -> dict:
        return {"type": _nullable("string", self.required), "format": "date", "pattern": DAY_PATTERN}


@dataclass(frozen=True)
class WholeNumber:
    """An integer from minimum to maximum. true and false are not numbers, though Python's
    bool is an int; 3.0 is 3, as JSON Schema counts it."""

    minimum: int
    maximum: int
    required: bool = False

    def read(self, value: Any, path: str) -> int:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int) or not self.minimum <= value <= self.maximum:
            raise Invalid({path: f"must be a whole number from {self.minimum} to {self.maximum}"})
        return value

    def schema(self) -> dict:
        return {"type": _nullable("integer", self.required), "minimum": self.minimum, "maximum": self.maximum}


@dataclass(frozen=True)
class YesNo:
    """true or false, and nothing else: not "true", not 1."""

    required: bool = False
    default: bool | None = None

    def read(self, value: Any, path: str) -> bool:
        if not isinstance(value, bool):
            raise Invalid({path: "must be true or false"})
        return value

    def schema(self) -> dict:
        schema: dict = {"type": _nullable("boolean", self.required)}
        if self.default is not None:
            schema["default"] = self.default
        return schema


@dataclass(frozen=True)
class Record:
    """A JSON object with these fields and no others. name says what it is in a message:
    "is not a field of {name}"."""

    name: str
    fields: dict[str, Field]
    required: bool = True

    def read(self, value: Any, path: str = "") -> dict:
        """The fields sent, made plain (those not sent left out), or Invalid naming every
        field at fault at once."""
        if not isinstance(value, dict):
            raise Invalid({path: "must be an object"} if path else {"body": "must be a JSON object"})
        problems = {
            f"{path}.{key}" if path else key: f"is not a field of {self.name}"
            for key in value
            if key not in self.fields
        }
        clean = {}
        for key, inner in self.fields.items():
            where = f"{path}.{key}" if path else key
            if value.get(key) is None:
                if inner.required:
                    problems[where] = "is required"
                continue
            try:
                read = inner.read(value[key], where)
            except Invalid as invalid:
                problems.update(invalid.fields)
                continue
            if read is not None:
                clean[key] = read
        if problems:
            raise Invalid(problems)
        return clean

    def schema(self) -> dict:
        return {
            "type": _nullable("object", self.required),
            "properties": {key: inner.schema() for key, inner in self.fields.items()},
            "required": [key for key, inner in self.fields.items() if inner.required],
            "additionalProperties": False,
        }


@dataclass(frozen=True)
class Tagged:
    """An object whose kind, named in one field (like an event's "type"), says which fields
    it has."""

    key: str
    kinds: dict[str, Record]

    def read(self, value: Any, path: str = "") -> tuple[str, dict]:
        """The kind and the other fields, made plain."""
        if not isinstance(value, dict):
            raise Invalid({path: "must be an object"} if path else {"body": "must be a JSON object"})
        where = f"{path}.{self.key}" if path else self.key
        if value.get(self.key) is None:
            raise Invalid({where: "is required"})
        kind = OneOf(tuple(self.kinds), required=True).read(value[self.key], where)
        data = self.kinds[kind].read(value, path)
        del data[self.key]
        return kind, data

    def schema(self) -> dict:
        return {"oneOf": [record.schema() for record in self.kinds.values()]}
