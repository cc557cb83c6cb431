"""What the municipality's archive gets for each submission (a Noark 5 record in Fiks Arkiv's
arkivmelding), and when a delivery that failed is tried again. Pure: the record is described
here as plain values; portal/documents/arkivmelding.py writes it as XML.

The record's words are Bokmål whatever language the person used: they are the archive's
journal, which the municipality keeps and publishes in its own language (arkivforskrifta § 9).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from .clock import local_day

# The portal as the archive knows it: the system the message comes from (arkivmelding.system)
# and the fagsystem of every external key (referanseEksternNoekkel), so the archive can find a
# folder or record again by the portal's reference.
SYSTEM = "stottekontakt-portal"

# Where a delivery stands: waiting to go; taken by the archive (it answered, or the package lies
# in its folder); confirmed with the archive's numbers; or failed often enough that a person
# must look (it is still tried again).
STATES = ("pending", "sent", "confirmed", "failed")
# After this many failures in a row the caseworker's queue flags the delivery.
FLAG_AFTER = 5

# Screened as information about someone's health and personal circumstances: access code 13
# (the code Noark 5 archives in municipalities use for offl. § 13), on the legal basis of
# offl. § 13 with fvl. § 13 first paragraph no. 1 (the duty of confidentiality).
ACCESS_CODE = "13"
ACCESS_CODE_DESCRIPTION = "Taushetsplikt"
SCREENING_BASIS = "offl. § 13 jf. fvl. § 13 første ledd nr. 1"

# Public titles name the kind of case, never the person (offentleglova § 13; the journal is
# public, the name in it is not).
_SERVICE_TITLES = {
    "stottekontakt": "støttekontakt",
    "ledsagerbevis": "ledsagerbevis",
    "bpa": "brukerstyrt personlig assistanse (BPA)",
}

# Code lists of Fiks Arkiv V1 (shared/fiks-arkiv/kodelister), as (code, description).
INCOMING = ("I", "Inngående dokument")  # journalposttype
MAIN_DOCUMENT = ("H", "Hoveddokument")  # tilknyttetRegistreringSom
APPENDIX = ("V", "Vedlegg")
SENDER = ("EA", "Avsender")  # korrespondanseparttype
CLIENT = ("K", "Klient")  # partrolle
FINISHED = ("F", "Dokumentet er ferdigstilt")  # dokumentstatus
PRODUCTION_FORMAT = ("P", "Produksjonsformat")  # variantformat
UNDER_WAY = ("B", "Under behandling")  # saksstatus
ELECTRONIC = ("E", "Elektronisk arkiv")  # dokumentmedium
MIXED = ("B", "Blandet fysisk og elektronisk arkiv")
DOCUMENT_TYPES = {
    "application": ("SØKNAD", "Søknad"),
    "volunteer": ("SØKNAD", "Søknad"),
    "appeal": ("KLAGE", "Klage"),
    "attachment": ("VEDLEGG", "Vedlegg"),
}
# The format of a file, by its content type (which the portal read from the content).
FORMATS = {
    "application/pdf": ("PDF", "Portable Document Format"),
    "image/jpeg": ("JPEG", "JPEG-bilde"),
    "image/png": ("PNG", "PNG-bilde"),
}
CHECKSUM_ALGORITHM = "SHA-256"


@dataclass(frozen=True)
class Party:
    """Someone in the record: the person the case is about, or who sent it."""

    name: str
    national_id: str | None = None
    street_address: str = ""
    postcode: str = ""
    city: str = ""
    email: str = ""
    phone: str = ""


@dataclass(frozen=True)
class File:
    """One file of the package: as it lies in the zip, and as it was named."""

    name_in_package: str
    filename: str
    content_type: str
    size: int
    sha256: str
    title: str
    main: bool


@dataclass(frozen=True)
class Record:
    """One submission as the archive files it."""

    reference: str
    # The folder it goes into: its own case's reference, or the case an appeal appeals.
    case_reference: str
    # The folder is made with this record (False: an appeal into a case the archive has).
    new_folder: bool
    # The archive's own case number for that folder, when it told us.
    case_number: str | None
    kind: str
    service: str
    channel: str
    received_at: datetime
    person: Party
    sender: Party
    files: tuple[File, ...] = field(default_factory=tuple)

    @property
    def public_title(self) -> str:
        return public_title(self.kind, self.service)

    @property
    def title(self) -> str:
        return f"{self.public_title} - {self.person.name}" if self.person.name else self.public_title

    @property
    def folder_public_title(self) -> str:
        return public_title("volunteer" if self.kind == "volunteer" else "application", self.service)

    @property
    def folder_title(self) -> str:
        title = self.folder_public_title
        return f"{title} - {self.person.name}" if self.person.name else title

    @property
    def sent_by_representative(self) -> bool:
        return self.sender != self.person


def public_title(kind: str, service: str) -> str:
    """A title that tells what the document is and nothing about whom it is about."""
    if kind == "volunteer":
        return "Søknad om å bli støttekontakt"
    if kind == "appeal":
        return f"Klage på vedtak om {_SERVICE_TITLES[service]}"
    return f"Søknad om {_SERVICE_TITLES[service]}"


def document_date(received_at: datetime) -> date:
    """The document's date: the day it was sent, in Norway."""
    return local_day(received_at)


# Waits before trying a delivery again, after the first, second, ... failure: soon at first
# (a receiver restarting), then longer, at most every six hours for as long as it fails.
RETRY_DELAYS = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=6),
)


def next_attempt(failures: int, now: datetime) -> datetime:
    """When to try again after `failures` failures in a row (1 or more)."""
    return now + RETRY_DELAYS[min(failures, len(RETRY_DELAYS)) - 1]


def state_after_failure(failures: int) -> str:
    return "failed" if failures >= FLAG_AFTER else "pending"


def case_number_parts(case_number: str) -> tuple[int, int] | None:
    """The archive's case number (saksnummer) as year and sequence number: "2026/123" or
    "26/123"; None for a number written another way (the external key finds the folder then)."""
    year, slash, sequence = case_number.strip().partition("/")
    if not slash or not year.isdigit() or not sequence.isdigit():
        return None
    return (2000 + int(year) if len(year) == 2 else int(year)), int(sequence)


@dataclass(frozen=True)
class Answer:
    """What the archive answered when it took a package: its case and record numbers, when it
    gave them at once (an HTTP archive does; a folder does not, and the numbers come later
    over the API)."""

    case_number: str | None = None
    record_number: str | None = None
