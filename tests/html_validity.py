"""Checks a page's HTML as the W3C Nu checker would on the points that can be checked without
Java: the HTML parser's errors (tinyhtml5, the html5lib parser WeasyPrint brings), duplicate
ids, labels and ARIA references to ids that are not there, and autocomplete tokens against
the WHATWG list of autofill field names and the controls each may be put on."""

from __future__ import annotations

from collections import Counter
from xml.etree.ElementTree import Element

from tinyhtml5.parser import HTMLParser

# The autofill field names (WHATWG HTML, "Autofilling form controls: the autocomplete
# attribute"), each with its control group.
FIELD_GROUPS = {
    **dict.fromkeys(
        (
            "name honorific-prefix given-name additional-name family-name honorific-suffix nickname "
            "organization-title organization address-line1 address-line2 address-line3 address-level4 "
            "address-level3 address-level2 address-level1 country country-name postal-code cc-name "
            "cc-given-name cc-additional-name cc-family-name cc-number cc-csc cc-type transaction-currency "
            "language sex tel-country-code tel-national tel-area-code tel-local tel-local-prefix "
            "tel-local-suffix tel-extension"
        ).split(),
        "text",
    ),
    "username": "username",
    "new-password": "password",
    "current-password": "password",
    "one-time-code": "password",
    "street-address": "multiline",
    "cc-exp": "month",
    **dict.fromkeys("cc-exp-month cc-exp-year transaction-amount bday-day bday-month bday-year".split(), "numeric"),
    "bday": "date",
    **dict.fromkeys(("url", "photo", "impp"), "url"),
    "tel": "tel",
    "email": "email",
}
# Field names that may take a contact token (home, work, mobile, fax, pager) before them.
CONTACT_FIELDS = {"tel", "email", "impp"} | {f for f in FIELD_GROUPS if f.startswith("tel-")}
ALL_GROUPS = set(FIELD_GROUPS.values())
# The groups each kind of input takes; a one-line text input never takes a multiline field.
INPUT_GROUPS = {
    "hidden": ALL_GROUPS,
    "text": ALL_GROUPS - {"multiline"},
    "search": ALL_GROUPS - {"multiline"},
    "password": {"password"},
    "email": {"email"},
    "tel": {"tel"},
    "url": {"url"},
    "number": {"numeric"},
    "month": {"month"},
    "date": {"date"},
}
NO_AUTOCOMPLETE = {"checkbox", "radio", "file", "submit", "image", "reset", "button"}


def autocomplete_problem(tag: str, input_type: str, value: str) -> str | None:
    """What is wrong with this autocomplete value on this control, or None."""
    tokens = value.lower().split()
    if tag == "form":
        return None if tokens in (["on"], ["off"]) else f"form autocomplete={value!r}"
    if tag == "input" and input_type in NO_AUTOCOMPLETE:
        return f"autocomplete on input type={input_type}"
    if tokens in (["on"], ["off"]):
        return None if input_type != "hidden" else "on/off on a hidden input"
    if tokens and tokens[-1] == "webauthn":
        tokens = tokens[:-1]
    if not tokens or tokens[-1] not in FIELD_GROUPS:
        return f"{value!r}: no autofill field name at its end"
    field, before = tokens[-1], tokens[:-1]
    if before and before[-1] in ("home", "work", "mobile", "fax", "pager"):
        if field not in CONTACT_FIELDS:
            return f"{value!r}: {before[-1]} cannot go with {field}"
        before = before[:-1]
    if before and before[-1] in ("shipping", "billing"):
        before = before[:-1]
    if before and before[-1].startswith("section-"):
        before = before[:-1]
    if before:
        return f"{value!r}: {' '.join(before)} is not a token, or not in its place"
    if tag == "input" and FIELD_GROUPS[field] not in INPUT_GROUPS.get(input_type, set()):
        return f"{value!r} on input type={input_type}"
    return None


def _local(element: Element) -> str:
    return element.tag.rpartition("}")[2] if isinstance(element.tag, str) else ""


def problems(page: str) -> list[str]:
    """Everything found wrong with the page, as short sentences; [] for a valid page."""
    parser = HTMLParser()
    tree = parser.parse(page)
    found = [f"parse error {code} {data or ''} at {position}" for position, code, data in parser.errors]
    elements = [e for e in tree.iter() if _local(e)]
    ids = Counter(e.get("id") for e in elements if e.get("id") is not None)
    found += [f"id {name!r} is used {count} times" for name, count in ids.items() if count > 1]
    found += ["an empty id" for e in elements if e.get("id") is not None and not e.get("id").strip()]
    for element in elements:
        tag = _local(element)
        references = [element.get("for")] if tag == "label" and element.get("for") else []
        for attribute in ("aria-describedby", "aria-labelledby", "aria-controls"):
            references += (element.get(attribute) or "").split()
        found += [f"<{tag}> points to id {name!r}, which is not on the page" for name in references if name not in ids]
        if element.get("autocomplete") is not None and tag in ("input", "select", "textarea", "form"):
            problem = autocomplete_problem(tag, (element.get("type") or "text").lower(), element.get("autocomplete"))
            found += [f"<{tag} name={element.get('name')!r}>: {problem}"] if problem else []
    return found
