"""The archive package of a submission: Fiks Arkiv V1's arkivmelding (the message that creates
a Noark 5 folder and record, no.ks.fiks.arkiv.v1.arkivering.arkivmelding.opprett) and a zip
with it and the files it names. Elements come in the order the schema's sequences set."""

from __future__ import annotations

import io
import zipfile

from ..rules import archive as rules
from ..rules.archive import File, Party, Record

NAMESPACE = "https://ks-no.github.io/standarder/fiks-protokoll/fiks-arkiv/arkivmelding/opprett/v1"
# The Noark 5 types' own children (a code's kode, a key's noekkel) are in the metadata
# catalogue's namespace (metadatakatalog.xsd).
METADATA = "https://ks-no.github.io/standarder/fiks-protokoll/fiks-arkiv/metadatakatalog/v1"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
MESSAGE_NAME = "arkivmelding.xml"


def package(record: Record, contents: dict[str, bytes]) -> bytes:
    """The zip: arkivmelding.xml first, then each file under the name the XML gives it
    (`contents` maps that name to the file). Made the same every time for one record."""
    stamp = record.received_at.timetuple()[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in [
            (MESSAGE_NAME, xml(record)),
            *((f.name_in_package, contents[f.name_in_package]) for f in record.files),
        ]:
            archive.writestr(zipfile.ZipInfo(name, date_time=stamp), data, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def xml(record: Record) -> bytes:
    from lxml import etree  # lazy: some 3 MB a worker, only when a package is made

    root = etree.Element(_q("arkivmelding"), nsmap={None: NAMESPACE, "n5mdk": METADATA, "xsi": XSI})
    _text(root, "system", rules.SYSTEM)
    _text(root, "antallFiler", str(len(record.files)))
    if record.new_folder:
        _folder(root, record)
    _journal_entry(root, record)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _folder(root, record: Record) -> None:
    """Saksmappe: one per case, found again by the portal's reference."""
    folder = _sub(root, "mappe")
    folder.set(f"{{{XSI}}}type", "saksmappe")
    _text(folder, "tittel", record.folder_title)
    _text(folder, "offentligTittel", record.folder_public_title)
    _code(folder, "dokumentmedium", rules.ELECTRONIC)
    _party(folder, record.person)
    _screening(folder)
    _external_key(folder, "referanseEksternNoekkel", record.case_reference)
    _text(folder, "saksdato", rules.document_date(record.received_at).isoformat())
    _code(folder, "saksstatus", rules.UNDER_WAY)


def _journal_entry(root, record: Record) -> None:
    """Journalpost of type I (incoming), in its case's folder."""
    entry = _sub(root, "registrering")
    entry.set(f"{{{XSI}}}type", "journalpost")
    parent = _sub(entry, "referanseForelderMappe")
    if not record.new_folder and record.case_number:
        parts = rules.case_number_parts(record.case_number)
        if parts:
            number = _sub(parent, "saksnummer", METADATA)
            _text(number, "saksaar", str(parts[0]), METADATA)
            _text(number, "sakssekvensnummer", str(parts[1]), METADATA)
    _external_key(parent, "referanseEksternNoekkel", record.case_reference, METADATA)
    _party(entry, record.person)
    _screening(entry)
    for number, file in enumerate(record.files, 1):
        _document(entry, record, file, number)
    _text(entry, "tittel", record.title)
    _text(entry, "offentligTittel", record.public_title)
    # A letter or a call: the paper or the note of it stays with the municipality too.
    _code(entry, "dokumentmedium", rules.ELECTRONIC if record.channel == "online" else rules.MIXED)
    _correspondent(entry, record.sender)
    _external_key(entry, "referanseEksternNoekkel", record.reference)
    _code(entry, "journalposttype", rules.INCOMING)
    _text(entry, "dokumentetsDato", rules.document_date(record.received_at).isoformat())
    _text(entry, "mottattDato", record.received_at.isoformat(timespec="seconds"))
    _text(entry, "antallVedlegg", str(sum(1 for f in record.files if not f.main)))


def _document(entry, record: Record, file: File, number: int) -> None:
    description = _sub(entry, "dokumentbeskrivelse")
    _code(description, "dokumenttype", rules.DOCUMENT_TYPES[record.kind if file.main else "attachment"])
    _code(description, "dokumentstatus", rules.FINISHED)
    _text(description, "tittel", file.title)
    _code(description, "tilknyttetRegistreringSom", rules.MAIN_DOCUMENT if file.main else rules.APPENDIX)
    _text(description, "dokumentnummer", str(number))
    _screening(description)
    item = _sub(description, "dokumentobjekt")
    _text(item, "versjonsnummer", "1")
    _code(item, "variantformat", rules.PRODUCTION_FORMAT)
    _code(item, "format", rules.FORMATS[file.content_type])
    _text(item, "mimeType", file.content_type)
    _text(item, "filnavn", file.filename)
    _text(item, "referanseDokumentfil", file.name_in_package)
    _text(item, "sjekksum", file.sha256)
    _text(item, "sjekksumAlgoritme", rules.CHECKSUM_ALGORITHM)
    _text(item, "filstoerrelse", str(file.size))


def _party(parent, person: Party) -> None:
    """The person the case is about (part), screened."""
    party = _sub(parent, "part")
    _text(party, "partNavn", person.name)
    _code(party, "partRolle", rules.CLIENT)
    if person.national_id:
        identity = _sub(party, "personID")
        _text(identity, "landkode", "NO")
        _text(identity, "identifikator", person.national_id)
    _address(party, person)
    _text(party, "erSkjermet", "true")
    _text(party, "erPersonnavn", "true")


def _correspondent(parent, sender: Party) -> None:
    """Who sent it (avsender): the person, or the one who acted for them."""
    correspondent = _sub(parent, "korrespondansepart")
    _code(correspondent, "korrespondanseparttype", rules.SENDER)
    _text(correspondent, "korrespondansepartNavn", sender.name)
    if sender.national_id:
        _text(correspondent, "personid", sender.national_id)
    _address(correspondent, sender)
    _text(correspondent, "erSkjermet", "true")
    _text(correspondent, "erPersonnavn", "true")


def _address(parent, party: Party) -> None:
    for name, value in (
        ("postadresse", party.street_address),
        ("postnummer", party.postcode),
        ("poststed", party.city),
        ("epostadresse", party.email),
        ("telefonnummer", party.phone),
    ):
        if value:
            _text(parent, name, value)


def _screening(parent) -> None:
    screening = _sub(parent, "skjerming")
    _code(screening, "tilgangsrestriksjon", (rules.ACCESS_CODE, rules.ACCESS_CODE_DESCRIPTION))
    _text(screening, "skjermingshjemmel", rules.SCREENING_BASIS)


def _external_key(parent, name: str, key: str, namespace: str = NAMESPACE) -> None:
    reference = _sub(parent, name, namespace)
    _text(reference, "fagsystem", rules.SYSTEM, METADATA)
    _text(reference, "noekkel", key, METADATA)


def _code(parent, name: str, code: tuple[str, str]) -> None:
    element = _sub(parent, name)
    _text(element, "kode", code[0], METADATA)
    _text(element, "beskrivelse", code[1], METADATA)


def _text(parent, name: str, value: str, namespace: str = NAMESPACE) -> None:
    _sub(parent, name, namespace).text = value


def _sub(parent, name: str, namespace: str = NAMESPACE):
    from lxml import etree  # lazy, as above (already imported by then)

    return etree.SubElement(parent, _q(name, namespace))


def _q(name: str, namespace: str = NAMESPACE) -> str:
    return f"{{{namespace}}}{name}"
